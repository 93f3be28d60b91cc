import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort, randomSha } from '../deploy/stack.js';
import { runAction } from '../lib/run-action.js';

const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
const C = { sha: randomSha(), label: 'C' };
let stack: ExampleStack;

before(async () => {
  stack = new ExampleStack(await freePort());
  for (const v of [A, B, C]) stack.buildAndPush(v);
  const config = join(stack.workspace, 'compose-deploy.yml');
  writeFileSync(config, `${readFileSync(config, 'utf8').replace(/^deploy:\n/m, 'deploy:\n  backup: true\n')}backup:\n  service: db\n`);
});
after(() => stack?.destroy());

const dbExec = (sql: string) => {
  const id = stack.containers('db')[0]!.id;
  return execFileSync('docker', ['exec', '-i', id, 'psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-U', 'app', '-d', 'app'], { input: sql, encoding: 'utf8' }).trim();
};

test('first deploy: no database running yet, so the backup is skipped and the summary says so', async () => {
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.log);
  assert.equal(res.outputs['result'], 'success');
  assert.equal(res.outputs['backup-file'], '');
  assert.match(res.summary, /Pre-deploy backup skipped: db is not running yet/);
});

test('a later deploy backs up first, before migrations: the dump holds the live data of the live release', async () => {
  dbExec("CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders SELECT g, 'item ' || g FROM generate_series(1, 321) g;");
  const res = await runAction(stack.inputs(B.sha), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.log);
  assert.equal(res.outputs['result'], 'success');
  const file = res.outputs['backup-file']!;
  assert.match(file, new RegExp(`^${stack.deployPath}/backups/${stack.project}-\\d{8}T\\d{6}Z-${A.sha}\\.dump$`), 'named after the release whose data it is');
  const manifest = JSON.parse(res.outputs['backup-manifest']!);
  assert.equal(manifest.deploying_sha, B.sha);
  assert.deepEqual(manifest.tables, { 'public.orders': 321 });
  assert.equal(readFileSync(file).subarray(0, 5).toString(), 'PGDMP');
  const backedUp = res.log.indexOf('backed up app');
  const migrated = res.log.indexOf('migration migrate finished');
  assert.ok(backedUp >= 0 && migrated > backedUp, 'the backup ran before the migration');
  assert.match(res.summary, /Pre-deploy backup: `.*\.dump`/);
});

test('a failing pre-deploy backup stops the deploy before migrations, with every container untouched', async () => {
  const ids = stack.allContainerIds();
  // The backup dir cannot be written: pg_dump's output has nowhere to go.
  stack.onHost(`chmod a-w ${stack.deployPath}/backups`);
  let res;
  try {
    res = await runAction(stack.inputs(C.sha), { workspace: stack.workspace });
  } finally {
    stack.onHost(`chmod u+w ${stack.deployPath}/backups`);
  }
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'failed');
  assert.equal(res.outputs['rolled-back'], 'false');
  assert.match(res.summary, /pre-deploy backup failed, so the deploy stopped before migrations/);
  assert.match(res.summary, /No running service was changed/);
  assert.ok(!res.log.includes('migration migrate finished'), 'no migration ran');
  assert.deepEqual(stack.allContainerIds(), ids, 'container ids unchanged');
  assert.equal(stack.current(), B.sha);
  assert.equal((await stack.get()).body.trim(), 'api B');
  assert.deepEqual(stack.onHost(`ls -A ${stack.deployPath}/backups`).trim().split('\n').filter((f) => f.endsWith('.dump')).length, 1, 'no new file under a final name');
});
