import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { hostInputs, runAction, sshArgs } from '../lib/run-action.js';
import { freePort } from '../deploy/stack.js';

/** A "managed" Postgres outside any Compose stack, reached by a URL with password authentication. */
const h = harnessEnv();
const id = randomBytes(3).toString('hex');
const project = `cdbackup-ext-${id}`;
const deployPath = `${h.deployRoot}/${project}`;
const name = `cdbackup-ext-db-${id}`;
// Characters a URL must percent-encode, so decoding is exercised.
const password = `p@ss:w%rd/${randomBytes(6).toString('hex')}`;
const sha = 'fedcba9876543210fedcba9876543210fedcba98';
let workspace: string;
let port: number;

const psql = (sql: string, db = 'shopdb') =>
  execFileSync('docker', ['exec', '-i', name, 'psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-U', 'shop', '-d', db], { input: sql, encoding: 'utf8' }).trim();
const onHost = (command: string) => execFileSync('ssh', sshArgs(command), { encoding: 'utf8' });

before(async () => {
  port = await freePort();
  execFileSync('docker', ['run', '-d', '--name', name, '-p', `127.0.0.1:${port}:5432`, '-e', 'POSTGRES_USER=shop', '-e', 'POSTGRES_DB=shopdb', '-e', 'POSTGRES_PASSWORD', h.postgresImage], {
    env: { ...process.env, POSTGRES_PASSWORD: password },
    stdio: 'ignore',
  });
  // Ready over TCP: the image's entrypoint first runs a socket-only server for its init step, then
  // stops it and starts the real one; a socket check can succeed in between and the next query fail.
  for (let i = 0; ; i++) {
    try {
      execFileSync('docker', ['exec', name, 'pg_isready', '-q', '-h', '127.0.0.1', '-U', 'shop'], { stdio: 'ignore' });
      psql('SELECT 1;');
      break;
    } catch (err) {
      if (i > 120) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  psql("CREATE TABLE accounts (id int PRIMARY KEY, email text); INSERT INTO accounts SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 4321) g;");
  // The live release's .env, as a deploy leaves it, holding the URL.
  const url = `postgres://shop:${encodeURIComponent(password)}@127.0.0.1:${port}/shopdb?sslmode=disable`;
  onHost(`mkdir -p ${deployPath}/releases/${sha} && ln -sfn releases/${sha} ${deployPath}/current`);
  execFileSync('ssh', sshArgs(`umask 077 && cat > ${deployPath}/releases/${sha}/.env`), { input: `APP_MODE=prod\nDATABASE_URL=${url}\n` });
  workspace = mkdtempSync(join(tmpdir(), 'cd-backup-ext-'));
  writeFileSync(join(workspace, 'compose-deploy.yml'), `project: ${project}\nbackup:\n  image: ${h.postgresImage}\n`);
});
after(() => {
  execFileSync('docker', ['rm', '-f', '-v', name], { stdio: 'ignore' });
  onHost(`rm -rf ${deployPath}`);
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test('external Postgres: pg_dump runs in a throwaway client container; the password is never on a command line', async () => {
  const seen: string[] = [];
  const watch = setInterval(() => {
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    if (ps.includes(password) || ps.includes(encodeURIComponent(password))) seen.push(ps.split('\n').find((l) => l.includes('p@ss') || l.includes('p%40ss')) ?? '');
  }, 50);
  let res;
  try {
    res = await runAction({ command: 'backup', 'deploy-path': deployPath, ...hostInputs() }, { workspace });
  } finally {
    clearInterval(watch);
  }
  assert.equal(res.code, 0, res.log);
  assert.deepEqual(seen, [], 'the password never showed in the process list');
  assert.ok(!res.log.includes(password) && !res.log.includes(encodeURIComponent(password)));
  const manifest = JSON.parse(res.outputs['backup-manifest']!);
  assert.deepEqual(manifest.tables, { 'public.accounts': 4321 });
  assert.equal(manifest.database, 'shopdb');
  assert.equal(manifest.sha, sha, 'named after the live release');
  const file = res.outputs['backup-file']!;
  assert.equal(readFileSync(file).subarray(0, 5).toString(), 'PGDMP');
  psql('CREATE DATABASE restored;');
  execFileSync('docker', ['exec', '-i', name, 'pg_restore', '--exit-on-error', '--no-owner', '-U', 'shop', '-d', 'restored'], { input: readFileSync(file) });
  assert.equal(psql('SELECT count(*) FROM accounts;', 'restored'), '4321');
  const clients = execFileSync('docker', ['ps', '-aq', '--filter', 'label=compose-deploy.backup-client=true'], { encoding: 'utf8' }).trim();
  assert.equal(clients, '', 'the client container is gone');
});

test('external Postgres: a .env without the URL variable is bad input (exit 2), nothing written', async () => {
  writeFileSync(join(workspace, 'compose-deploy.yml'), `project: ${project}\nbackup:\n  image: ${h.postgresImage}\n  url-variable: MISSING_URL\n`);
  const before = onHost(`ls -A ${deployPath}/backups`);
  const res = await runAction({ command: 'backup', 'deploy-path': deployPath, ...hostInputs() }, { workspace });
  assert.equal(res.code, 2, res.log);
  assert.match(res.log, /MISSING_URL is not set in the live release's \.env/);
  assert.equal(onHost(`ls -A ${deployPath}/backups`), before);
});

test('external Postgres: --verify reads a stored dump with a throwaway container of backup.image', async () => {
  writeFileSync(join(workspace, 'compose-deploy.yml'), `project: ${project}\nbackup:\n  image: ${h.postgresImage}\n`);
  const file = onHost(`ls ${deployPath}/backups/*.dump`).trim().split('\n')[0]!;
  const good = await runAction({ command: 'backup', verify: file, 'deploy-path': deployPath, ...hostInputs() }, { workspace });
  assert.equal(good.code, 0, good.log);
  onHost(`truncate -s -1 ${file}`);
  const bad = await runAction({ command: 'backup', verify: file, 'deploy-path': deployPath, ...hostInputs() }, { workspace });
  assert.equal(bad.code, 1, bad.log);
  assert.match(bad.summary, /the sidecar says[\s\S]*pg_restore cannot read every block/);
});
