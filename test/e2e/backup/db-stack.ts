import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { hostInputs, sshArgs } from '../lib/run-action.js';

/**
 * A Postgres service run by the real Compose on the harness host, as a deployed stack runs it
 * (project and service labels), with a workspace holding compose-deploy.yml for the backup.
 */
export class DbStack {
  readonly h = harnessEnv();
  readonly id = randomBytes(3).toString('hex');
  readonly project = `cdbackup-${this.id}`;
  readonly deployPath = `${this.h.deployRoot}/${this.project}`;
  readonly workspace = mkdtempSync(join(tmpdir(), 'cd-backup-'));
  readonly password = `pw-${randomBytes(8).toString('hex')}`;

  constructor() {
    writeFileSync(
      join(this.workspace, 'compose.yaml'),
      [
        'services:',
        '  db:',
        `    image: ${this.h.postgresImage}`,
        '    environment: { POSTGRES_USER: shop, POSTGRES_DB: shopdb, POSTGRES_PASSWORD: "${DB_PASSWORD}" }',
        '    healthcheck: { test: ["CMD", "pg_isready", "-U", "shop", "-h", "127.0.0.1"], interval: 2s, retries: 30 }',
        '',
      ].join('\n'),
    );
    this.config('');
    this.compose(['up', '-d']);
    this.waitHealthy();
    this.onHost(`mkdir -p ${this.deployPath}`);
  }

  /** Writes compose-deploy.yml with the backup section (extra lines inside it). */
  config(backupExtra: string, service = 'db'): void {
    writeFileSync(join(this.workspace, 'compose-deploy.yml'), `project: ${this.project}\nbackup:\n  service: ${service}\n${backupExtra}`);
  }

  compose(args: string[]): string {
    return execFileSync('docker-compose', ['--project-name', this.project, '--file', join(this.workspace, 'compose.yaml'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, DB_PASSWORD: this.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  container(): string {
    return execFileSync('docker', ['ps', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${this.project}`, '--filter', 'label=com.docker.compose.service=db'], { encoding: 'utf8' }).trim();
  }

  private waitHealthy(): void {
    for (let i = 0; i < 120; i++) {
      const state = execFileSync('docker', ['inspect', '--format', '{{.State.Health.Status}}', this.container()], { encoding: 'utf8' }).trim();
      if (state === 'healthy') return;
      execFileSync('sleep', ['0.5']);
    }
    throw new Error(`${this.project} db never became healthy`);
  }

  /** Runs SQL in the database (psql, stops at the first error) and returns the unaligned output. */
  sql(text: string, database = 'shopdb'): string {
    return execFileSync('docker', ['exec', '-i', this.container(), 'psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-U', 'shop', '-d', database], { input: text, encoding: 'utf8' }).trim();
  }

  /** count(*) of each table, as the manifest writes them. */
  counts(database = 'shopdb'): Record<string, number> {
    const out = this.sql("SELECT schemaname || '.' || relname FROM pg_stat_user_tables ORDER BY 1;", database);
    const counts: Record<string, number> = {};
    for (const t of out.split('\n').filter(Boolean)) counts[t] = Number(this.sql(`SELECT count(*) FROM ${t.split('.').map((p) => `"${p}"`).join('.')};`, database));
    return counts;
  }

  /** Restores a dump file from the host into a fresh database and returns its counts: what the dump really holds. */
  restoredCounts(file: string): Record<string, number> {
    const scratch = `restored_${randomBytes(3).toString('hex')}`;
    this.sql(`CREATE DATABASE ${scratch};`);
    const dump = readFileSync(file);
    execFileSync('docker', ['exec', '-i', this.container(), 'pg_restore', '--exit-on-error', '--no-owner', '-U', 'shop', '-d', scratch], { input: dump, stdio: ['pipe', 'ignore', 'pipe'] });
    return this.counts(scratch);
  }

  /** A session that inserts rows one autocommitted statement at a time until stopped. */
  writer(table: string): { stop: () => Promise<number> } {
    const child: ChildProcess = spawn('docker', ['exec', '-i', this.container(), 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-U', 'shop', '-d', 'shopdb'], { stdio: ['pipe', 'ignore', 'inherit'] });
    let sent = 0;
    let running = true;
    const pump = async () => {
      while (running) {
        child.stdin!.write(`INSERT INTO ${table} (note) VALUES ('written during the backup ${sent}');\n`);
        sent++;
        await new Promise((r) => setTimeout(r, 5));
      }
      child.stdin!.end();
    };
    const pumping = pump();
    return {
      async stop() {
        running = false;
        await pumping;
        await new Promise((r) => child.on('close', r));
        return sent;
      },
    };
  }

  inputs(extra: Record<string, string> = {}): Record<string, string> {
    return { command: 'backup', 'deploy-path': this.deployPath, ...hostInputs(), ...extra };
  }

  onHost(command: string): string {
    return execFileSync('ssh', sshArgs(command), { encoding: 'utf8' });
  }

  /** Names in the backup dir, sorted. */
  backupFiles(dir = `${this.deployPath}/backups`): string[] {
    return this.onHost(`ls -A ${dir} 2>/dev/null || true`).trim().split('\n').filter(Boolean).sort();
  }

  destroy(): void {
    try {
      this.compose(['down', '--volumes', '--remove-orphans']);
    } finally {
      this.onHost(`chmod -R u+w ${this.deployPath} 2>/dev/null; rm -rf ${this.deployPath}`);
      rmSync(this.workspace, { recursive: true, force: true });
    }
  }
}
