import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort, randomSha } from '../deploy/stack.js';
import { runAction } from '../lib/run-action.js';
import { fakeGitHub } from '../lib/fake-github.js';
import { drillLeftovers } from './seeded-postgres.js';

const A = { sha: randomSha(), label: 'A' };
let stack: ExampleStack;

before(async () => {
  stack = new ExampleStack(await freePort());
  stack.buildAndPush(A);
  const config = join(stack.workspace, 'compose-deploy.yml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}backup:\n  service: db\nrestore-test:\n  source: ssh\n  postgres: native\n  required-tables: [orders]\n`);
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
});
after(() => stack?.destroy());

const hostOnly = () => {
  const { sha: _s, 'env-file': _e, ...inputs } = stack.inputs(A.sha);
  return inputs;
};

/** Every file under the deploy path with its size and time: the drill must change none of them. */
const hostFiles = () => stack.onHost(`find ${stack.deployPath} -printf '%p %s %T@\\n' | sort`);

test('source ssh: no verified backup on the host yet is a failed drill (exit 1) that names where it looked, and opens the issue', async () => {
  const github = await fakeGitHub();
  try {
    const res = await runAction({ ...hostOnly(), command: 'restore-test', 'github-token': 'ghs_drill' }, { workspace: stack.workspace, env: { GITHUB_API_URL: github.url } });
    assert.equal(res.code, 1, res.stdout);
    assert.equal(res.outputs['result'], 'failed');
    assert.match(res.stdout, new RegExp(`no verified backup of project ${stack.project} .* in ${stack.deployPath}/backups on deploy@`));
    assert.equal(github.issues.length, 1, 'a missing backup opens the restore-test issue');
  } finally {
    await github.close();
  }
});

test('source ssh: the newest verified backup made by `backup` is fetched read-only, restored and verified against its manifest', async () => {
  const db = stack.containers('db')[0]!.id;
  execFileSync('docker', ['exec', '-i', db, 'psql', '-q', '-v', 'ON_ERROR_STOP=1', '-U', 'app', '-d', 'app'], { input: "CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders SELECT g, 'item ' || g FROM generate_series(1, 4321) g;" });
  for (let i = 0; i < 2; i++) {
    const made = await runAction({ ...hostOnly(), command: 'backup' }, { workspace: stack.workspace });
    assert.equal(made.code, 0, made.stdout);
    await new Promise((r) => setTimeout(r, 1100)); // two dumps, a second apart in their names
  }
  const newest = stack.onHost(`ls ${stack.deployPath}/backups/*.dump | sort | tail -n 1`).trim();
  const before = hostFiles();
  const res = await runAction({ ...hostOnly(), command: 'restore-test', 'report-file': 'drill.json' }, { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
  assert.equal(res.outputs['result'], 'success');
  assert.equal(res.outputs['rows'], '4321');
  assert.ok(Number(res.outputs['rpo-seconds']) < 600);
  const report = JSON.parse(readFileSync(join(stack.workspace, 'drill.json'), 'utf8'));
  assert.deepEqual(report.tables.map((t: { table: string; expected: number; restored: number }) => [t.table, t.expected, t.restored]), [['public.orders', 4321, 4321]]);
  assert.match(res.stdout, new RegExp(`fetching ${newest.replace(/[.]/g, '\\.')}`), 'the newest backup was the one tested');
  assert.equal(hostFiles(), before, 'the drill wrote nothing on the host');
  assert.deepEqual(drillLeftovers(), { containers: [], dirs: [] });
});
