// rollback with-data: the release goes back, and the database goes back to the pre-deploy backup
// taken just before the next release was deployed (for a migration that destroyed data).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExampleStack } from '../deploy/stack.js';
import { randomSha } from '../deploy/stack.js';
import { runAction } from '../lib/run-action.js';
import { hostSideInputs, restoreStack, sql } from './restore-stack.js';

const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
let stack: ExampleStack;

before(async () => {
  stack = await restoreStack();
  const config = join(stack.workspace, 'compose-deploy.yml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^deploy:\n/m, 'deploy:\n  backup: true\n'));
  for (const v of [A, B]) stack.buildAndPush(v);
  const first = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(first.code, 0, first.log);
  sql(stack, "CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders SELECT g, 'item ' || g FROM generate_series(1, 250) g;");
  const second = await runAction(stack.inputs(B.sha), { workspace: stack.workspace });
  assert.equal(second.code, 0, second.log);
  assert.match(second.outputs['backup-file']!, new RegExp(`-${A.sha}\\.dump$`), 'the pre-deploy backup holds A\'s data');
  // What a destructive migration of B would have done.
  sql(stack, 'DELETE FROM orders WHERE id > 10;');
});
after(() => stack?.destroy());

const inputs = (extra: Record<string, string> = {}) => hostSideInputs(stack, 'rollback', { 'with-data': 'true', ...extra });

test('without confirm: exit 2 naming the release and the pre-deploy backup; nothing changes', async () => {
  const ids = stack.allContainerIds();
  const res = await runAction(inputs(), { workspace: stack.workspace });
  assert.equal(res.code, 2, res.log);
  assert.match(res.log, new RegExp(`would make ${A.sha.slice(0, 12)} live again and put database app back to ${stack.project}-\\d{8}T\\d{6}Z-${A.sha}\\.dump`));
  assert.deepEqual(stack.allContainerIds(), ids);
  assert.equal(stack.current(), B.sha);
});

test('with confirm: A is live again and the database holds A\'s rows, the replaced one kept aside', async () => {
  const res = await runAction(inputs({ confirm: stack.project, reason: 'the B migration dropped orders' }), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.log);
  assert.equal(res.outputs['result'], 'success');
  assert.equal(res.outputs['deployed-sha'], A.sha);
  assert.match(res.outputs['backup']!, new RegExp(`-${A.sha}\\.dump$`));
  assert.match(res.outputs['previous-database']!, /^app_pre_restore_/);
  assert.equal(stack.current(), A.sha);
  assert.equal((await stack.get()).body.trim(), 'api A');
  assert.equal(sql(stack, 'SELECT count(*) FROM orders;'), '250');
  assert.equal(sql(stack, 'SELECT count(*) FROM orders;', res.outputs['previous-database']), '10');
  const actions = stack.audit().map((r) => r['action']);
  assert.deepEqual(actions.slice(-2), ['rollback', 'restore']);
});
