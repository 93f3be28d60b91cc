// The runner killed outright mid-restore (SIGKILL: no clean-up, the lock's lease stops being renewed):
// releases explains what was left, and the next restore finishes or redoes it. And the run that is
// told to stop (SIGINT, as a cancelled workflow sends): it puts production back itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ExampleStack } from '../deploy/stack.js';
import { randomSha } from '../deploy/stack.js';
import { runAction, startAction, startCli } from '../lib/run-action.js';
import { cliHost, databases, holdTable, hostSideInputs, restoreStack, sql, waitUntil } from './restore-stack.js';

const A = { sha: randomSha(), label: 'A' };
let stack: ExampleStack;
let dump: string;
const ROWS = 400_000;

before(async () => {
  stack = await restoreStack();
  stack.buildAndPush(A);
  const deployed = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(deployed.code, 0, deployed.log);
  // Large enough that the restore runs for seconds: there is time to kill the runner in a given step.
  sql(stack, `CREATE TABLE events (id bigserial PRIMARY KEY, payload text); INSERT INTO events (payload) SELECT md5(g::text) || md5((g * 7)::text) FROM generate_series(1, ${ROWS}) g;`);
  const backup = await runAction(hostSideInputs(stack, 'backup'), { workspace: stack.workspace });
  assert.equal(backup.code, 0, backup.log);
  dump = backup.outputs['backup-file']!.replace(/^.*\//, '');
});
after(() => stack?.destroy());

const restoreInputs = (extra: Record<string, string> = {}) => hostSideInputs(stack, 'restore', { backup: dump, confirm: stack.project, 'lock-lease': '10', ...extra });
const phase = () => stack.onHost(`sed -n 's/.*"phase":"\\([a-z]*\\)".*/\\1/p' ${stack.deployPath}/restore/state.json 2>/dev/null || true`).trim();
const maintenance = () => stack.onHost(`test -e ${stack.deployPath}/maintenance/on && echo on || echo off`).trim();

/** Starts a restore and kills its process outright once the host's state file says `at`. */
async function killAt(at: string): Promise<void> {
  const run = startAction(restoreInputs(), { workspace: stack.workspace });
  let seen = '';
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    seen = phase();
    if (seen === at) break;
    const exited = await Promise.race([run.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))]);
    if (exited) assert.fail(`the restore ended before it reached "${at}" (last phase seen: "${seen}"):\n${run.output()}`);
  }
  assert.equal(seen, at, run.output());
  run.child.kill('SIGKILL');
  await run.exited;
}

test('killed while restoring into the new database: releases explains it; the next restore drops the leftover and restores', async () => {
  sql(stack, 'DELETE FROM events WHERE id % 2 = 0;');
  await killAt('restoring');
  assert.equal(maintenance(), 'on', 'the killed run left maintenance on');
  const listed = await runAction(hostSideInputs(stack, 'releases'), { workspace: stack.workspace });
  assert.equal(listed.code, 0, listed.log);
  assert.equal(listed.outputs['maintenance'], 'on');
  assert.match(listed.summary, /Unfinished restore: .*stopped at "restoring", before the swap: app was not changed/);
  assert.equal(sql(stack, 'SELECT count(*) FROM events;'), String(ROWS / 2), 'the live database was not replaced');
  const res = await runAction(restoreInputs(), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.log);
  assert.equal(res.outputs['result'], 'restored');
  assert.match(res.log, /took over the deploy lock/);
  assert.equal(sql(stack, 'SELECT count(*) FROM events;'), String(ROWS));
  assert.deepEqual(databases(stack).filter((d) => d.includes('_restoring_')), [], 'no half-restored database is left');
  assert.equal(maintenance(), 'off');
  assert.equal(phase(), '');
  assert.equal((await stack.get()).body.trim(), 'api A');
});

test('killed after the swap, while the services start: the next restore finishes it (services through their gates, maintenance off)', async () => {
  sql(stack, 'DELETE FROM events WHERE id > 1000;');
  await killAt('starting');
  const listed = await runAction(hostSideInputs(stack, 'releases'), { workspace: stack.workspace });
  assert.match(listed.summary, /swapped the database and did not finish: app holds the restored data/);
  assert.equal(sql(stack, 'SELECT count(*) FROM events;'), String(ROWS), 'the swap had happened');
  const res = await runAction(restoreInputs(), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.log);
  assert.equal(res.outputs['result'], 'restored');
  assert.match(res.log, /finishing the interrupted restore/);
  assert.match(res.outputs['previous-database']!, /^app_pre_restore_/);
  assert.equal(sql(stack, 'SELECT count(*) FROM events;', res.outputs['previous-database']), '1000', 'the data replaced by the killed run is kept aside');
  assert.equal(maintenance(), 'off');
  assert.equal(phase(), '');
  assert.equal(stack.lockState(), 'free');
  assert.equal((await stack.get()).body.trim(), 'api A');
});

test('SIGINT mid-restore, before the swap (a cancelled workflow): the run itself puts production back: the old data served, maintenance off, no lock, the audit log says cancelled', async () => {
  sql(stack, 'DELETE FROM events WHERE id > 2000;');
  // The safety backup waits on this session's lock: the signal lands while the restore is in that step.
  const held = await holdTable(stack, 'events');
  const run = startCli(['restore', '--deploy-path', stack.deployPath, '--backup', dump, '--confirm', stack.project, '--reason', 'cancelled mid-restore', ...cliHost(stack)], { cwd: stack.workspace });
  try {
    const waiting = () => sql(stack, "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'events'::regclass;", 'app') !== '0';
    await waitUntil(waiting, () => `the restore never reached the safety backup:\n${run.output()}`, run.exited);
    assert.equal(maintenance(), 'on', 'maintenance went on before the safety backup');
    run.child.kill('SIGINT');
    await waitUntil(() => run.output().includes('cancel requested'), () => `the signal was not heard:\n${run.output()}`, run.exited);
  } finally {
    await held.release();
  }
  const code = await run.exited;
  const out = run.output();
  assert.equal(code, 1, out);
  assert.match(out, /was cancelled before the swap\. Production is as it was before/);
  assert.equal(sql(stack, 'SELECT count(*) FROM events;'), '2000', 'the live database was not replaced');
  assert.deepEqual(databases(stack).filter((d) => d.includes('_restoring_')), [], 'no half-restored database is left');
  assert.equal(maintenance(), 'off');
  assert.equal(stack.lockState(), 'free');
  assert.equal(phase(), '', 'nothing is left for the next run to finish');
  assert.equal((await stack.get()).body.trim(), 'api A', 'the services run again');
  const record = stack.audit().filter((r) => r['action'] === 'restore').at(-1)!;
  assert.deepEqual([record['result'], record['outcome'], record['reason']], ['failed', 'unchanged', 'cancelled mid-restore']);
  assert.match(String(record['error']), /cancelled/);
});
