import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort } from '../deploy/stack.js';

/**
 * The example stack with the maintenance switch (the Caddy lines docs/deploy.md gives, the proxy
 * mounting ${COMPOSE_DEPLOY_PATH}/maintenance) and backup.service: db, ready for a restore.
 */
export async function restoreStack(): Promise<ExampleStack> {
  const stack = new ExampleStack(await freePort());
  const caddy = join(stack.workspace, 'Caddyfile');
  const proxied = readFileSync(caddy, 'utf8').replace(/^:80 \{\n([\s\S]*)\}\s*$/m, (_m, body: string) => `:80 {\n\t@maintenance file {\n\t\troot /srv/maintenance\n\t\ttry_files /on\n\t}\n\thandle @maintenance {\n\t\theader Retry-After 30\n\t\trespond "down for maintenance" 503\n\t}\n\thandle {\n${body}\t}\n}\n`);
  writeFileSync(caddy, proxied);
  const compose = join(stack.workspace, 'compose.prod.yaml');
  writeFileSync(compose, readFileSync(compose, 'utf8').replace('volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro"]', 'volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro", "${COMPOSE_DEPLOY_PATH}/maintenance:/srv/maintenance:ro"]'));
  appendFileSync(join(stack.workspace, 'compose-deploy.yml'), 'backup:\n  service: db\nrestore:\n  keep-previous: 1d\n');
  return stack;
}

/** SQL in the stack's database (psql, stops at the first error): the unaligned output. */
export function sql(stack: ExampleStack, text: string, database = 'app'): string {
  const id = stack.containers('db')[0]!.id;
  return execFileSync('docker', ['exec', '-i', id, 'psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-U', 'app', '-d', database], { input: text, encoding: 'utf8' }).trim();
}

export function databases(stack: ExampleStack): string[] {
  return sql(stack, 'SELECT datname FROM pg_database ORDER BY 1;', 'postgres').split('\n').filter(Boolean);
}

/** A restore's (or maintenance's, releases') inputs: the deploy's host inputs, no sha, no env file. */
export function hostSideInputs(stack: ExampleStack, command: string, extra: Record<string, string> = {}): Record<string, string> {
  const { sha: _sha, 'env-file': _env, ...rest } = stack.inputs('0'.repeat(40));
  return { ...rest, command, ...extra };
}

/** The stack's host as CLI flags (the key in a file of the workspace). */
export function cliHost(stack: ExampleStack): string[] {
  const h = hostSideInputs(stack, 'x');
  const key = join(stack.workspace, '.cd-key');
  if (!existsSync(key)) writeFileSync(key, h['ssh-private-key']!, { mode: 0o600 });
  return ['--host', h['host']!, '--port', h['port']!, '--user', h['user']!, '--ssh-private-key-file', key, '--known-hosts', h['known-hosts']!];
}

/**
 * A session holding `table` in ACCESS EXCLUSIVE mode until released: whatever reads the table (a
 * backup's pg_dump, its row counts) waits for it, so a test can act while a run is in that step.
 */
export async function holdTable(stack: ExampleStack, table: string): Promise<{ release: () => Promise<void> }> {
  const id = stack.containers('db')[0]!.id;
  const psql = spawn('docker', ['exec', '-i', id, 'psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-U', 'app', '-d', 'app'], { timeout: 600_000, killSignal: 'SIGKILL' });
  let out = '';
  psql.stdout.on('data', (b: Buffer) => (out += b.toString()));
  psql.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const closed = new Promise<void>((r) => psql.on('close', () => r()));
  psql.stdin.write(`BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE; SELECT 'held';\n`);
  await waitUntil(() => out.includes('held'), () => `the lock on ${table} was not taken: ${out}`, closed);
  return {
    async release() {
      psql.stdin.end('ROLLBACK;\n');
      await closed;
    },
  };
}

/** Polls `done` (bounded: 5 min); fails with `why()` if it never holds, or once `ended` resolves first. */
export async function waitUntil(done: () => boolean, why: () => string, ended?: Promise<unknown>): Promise<void> {
  let over = false;
  void ended?.then(() => (over = true));
  const deadline = Date.now() + 300_000;
  while (!done()) {
    if (over || Date.now() > deadline) throw new Error(why());
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Answers {
  app: number;
  maintenance: number;
  other: string[];
}

/** Requests through the proxy until stopped (bounded): each answered by the app, by the maintenance page, or counted as failed. */
export function answersLoop(port: number, maxRequests = 20_000): { stop: () => Promise<Answers> } {
  const out: Answers = { app: 0, maintenance: 0, other: [] };
  let running = true;
  const worker = async () => {
    let sent = 0;
    while (running && sent++ < maxRequests) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(20_000) });
        const body = (await res.text()).trim();
        if (res.status === 200 && body.startsWith('api ')) out.app++;
        else if (res.status === 503 && body === 'down for maintenance' && res.headers.get('retry-after') === '30') out.maintenance++;
        else out.other.push(`HTTP ${res.status}: ${body.slice(0, 80)}`);
      } catch (err) {
        out.other.push((err as Error).message);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const workers = [worker(), worker()];
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return out;
    },
  };
}
