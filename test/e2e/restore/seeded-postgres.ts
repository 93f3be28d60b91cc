// A real Postgres (the harness image) seeded with several tables, a view, a sequence, an index and
// pgcrypto, and dumps of it in every format restore-test reads, each with a manifest and a sha256
// sidecar as `backup` writes them.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { harnessEnv } from '../harness/env.js';
import { runCli } from '../lib/run-action.js';

const SEED = `
CREATE EXTENSION pgcrypto;
CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL UNIQUE, token text NOT NULL DEFAULT encode(gen_random_bytes(8), 'hex'));
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id), total numeric(10,2) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX orders_customer ON orders (customer_id);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id int PRIMARY KEY, order_id bigint NOT NULL, body text);
CREATE SEQUENCE invoice_numbers START 1000;
CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 500;
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM orders';
INSERT INTO customers (email) SELECT 'c' || g || '@example.com' FROM generate_series(1, 300) g;
INSERT INTO orders (customer_id, total) SELECT 1 + g % 300, (g % 1000)::numeric FROM generate_series(1, 20000) g;
INSERT INTO billing.invoices SELECT g, g, repeat('x', 50) FROM generate_series(1, 700) g;
`;

export const ROW_COUNTS = { 'billing.invoices': 700, 'public.customers': 300, 'public.orders': 20000 };

export class SeededPostgres {
  readonly h = harnessEnv();
  readonly id: string;
  readonly dir = mkdtempSync(join(tmpdir(), 'cd-dumps-'));

  /** `image`: a Postgres image of the harness (its 15 unless told). */
  constructor(image?: string) {
    const env = join(this.dir, 'pg.env');
    writeFileSync(env, `POSTGRES_PASSWORD=${randomBytes(8).toString('hex')}\nPOSTGRES_DB=shop\n`, { mode: 0o600 });
    this.id = execFileSync('docker', ['run', '-d', '--network', 'none', '--label', 'compose-deploy.test=1', '--env-file', env, image ?? this.h.postgresImage], { encoding: 'utf8' }).trim();
    rmSync(env);
    for (let i = 0; ; i++) {
      try {
        execFileSync('docker', ['exec', this.id, 'pg_isready', '-q', '-h', '127.0.0.1'], { stdio: 'ignore' });
        break;
      } catch {
        if (i > 240) throw new Error('seeded Postgres did not start');
        execFileSync('sleep', ['0.25']);
      }
    }
    this.psql(SEED);
  }

  psql(sql: string): string {
    return execFileSync('docker', ['exec', '-i', this.id, 'psql', '-U', 'postgres', '-d', 'shop', '-v', 'ON_ERROR_STOP=1', '-qAt'], { input: sql, encoding: 'utf8' });
  }

  private pgDump(args: string[]): Buffer {
    return execFileSync('docker', ['exec', this.id, 'pg_dump', '-U', 'postgres', '-d', 'shop', ...args], { maxBuffer: 1 << 30 });
  }

  /** A dump in `format` under the dump dir, with `<dump>.json` and `<dump>.sha256`; returns its path. */
  dump(format: 'custom' | 'directory' | 'plain' | 'plain-gz', name = `shop-${format}`, createdAt = new Date()): string {
    const version = this.psql('SHOW server_version').trim();
    let path: string;
    if (format === 'directory') {
      path = join(this.dir, `${name}.dir`);
      execFileSync('docker', ['exec', this.id, 'sh', '-c', 'rm -rf /tmp/d && pg_dump -U postgres -d shop -Fd -f /tmp/d']);
      execFileSync('docker', ['cp', `${this.id}:/tmp/d`, path]);
    } else {
      path = join(this.dir, `${name}${format === 'custom' ? '.dump' : format === 'plain' ? '.sql' : '.sql.gz'}`);
      const bytes = this.pgDump(format === 'custom' ? ['-Fc'] : ['-Fp']);
      writeFileSync(path, format === 'plain-gz' ? gzipSync(bytes) : bytes);
    }
    const files = format === 'directory' ? readdirSync(path).map((f) => join(path, f)) : [path];
    const sums = files.map((f) => `${sha256(f)}  ${f.split('/').pop()}`).join('\n');
    writeFileSync(`${path}.sha256`, `${sums}\n`);
    const size = files.reduce((n, f) => n + statSync(f).size, 0);
    writeFileSync(`${path}.json`, JSON.stringify({ database: 'shop', server_version: version, pg_dump_version: version, size, sha256: format === 'directory' ? undefined : sha256(path), created_at: createdAt.toISOString(), sha: 'a'.repeat(40), tables: ROW_COUNTS }, null, 2));
    return path;
  }

  destroy(): void {
    execFileSync('docker', ['rm', '-f', '-v', this.id], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Containers and temp dirs a drill may leave behind: both must be empty after every test. */
export function drillLeftovers(): { containers: string[]; dirs: string[] } {
  const containers = execFileSync('docker', ['ps', '-aq', '--filter', 'label=compose-deploy.restore-test'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  const dirs = readdirSync(tmpdir()).filter((d) => d.startsWith('cd-restore-'));
  return { containers, dirs };
}

/** A repository with compose-deploy.yml holding `restore-test` settings (and any extra files). */
export function drillWorkspace(settings: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-restore-ws-'));
  writeFileSync(join(dir, 'compose-deploy.yml'), `project: shop\nrestore-test:\n${settings.replace(/^/gm, '  ')}\n`);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

export async function runDrill(backupFile: string, settings: string, files: Record<string, string> = {}, prepare?: (ws: string) => void) {
  const ws = drillWorkspace(settings, files);
  prepare?.(ws);
  const report = join(ws, 'report.json');
  try {
    const res = await runCli(['restore-test', '--backup-file', backupFile, '--report-file', report, '--json'], { cwd: ws });
    return { ...res, report: existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}
