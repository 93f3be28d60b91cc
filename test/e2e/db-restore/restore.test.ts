// restore on the harness: the confirm gate, a corrupt dump refused before maintenance, a row-count
// mismatch stopped before the swap, and a restore under load (every request answered by the app
// or by the maintenance page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ExampleStack } from '../deploy/stack.js';
import { randomSha } from '../deploy/stack.js';
import { runAction, runCli } from '../lib/run-action.js';
import { answersLoop, cliHost, databases, hostSideInputs, restoreStack, sql } from './restore-stack.js';

const A = { sha: randomSha(), label: 'A' };
let stack: ExampleStack;
let dump: string;

before(async () => {
  stack = await restoreStack();
  stack.buildAndPush(A);
  const deployed = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(deployed.code, 0, deployed.log);
  sql(stack, "CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders SELECT g, 'item ' || g FROM generate_series(1, 500) g; CREATE TABLE customers (id int PRIMARY KEY); INSERT INTO customers SELECT generate_series(1, 40);");
  const backup = await runAction(hostSideInputs(stack, 'backup'), { workspace: stack.workspace });
  assert.equal(backup.code, 0, backup.log);
  dump = backup.outputs['backup-file']!;
});
after(() => stack?.destroy());

const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const restoreInputs = (extra: Record<string, string> = {}) => hostSideInputs(stack, 'restore', extra);
const maintenanceOn = () => stack.onHost(`test -e ${stack.deployPath}/maintenance/on && echo on || echo off`).trim();

/** A copy of the good dump under a newer name, its sidecar and manifest beside it (changed by `edit`). */
function copyDump(stampOffsetSeconds: number, edit: { corrupt?: boolean; manifest?: (m: Record<string, unknown>) => void }): string {
  const at = new Date(Date.now() + stampOffsetSeconds * 1000);
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const copy = `${stack.deployPath}/backups/${stack.project}-${stamp}-${A.sha}.dump`;
  const manifest = JSON.parse(stack.onHost(`cat ${dump}.json`)) as Record<string, unknown>;
  edit.manifest?.(manifest);
  stack.onHost(`cp ${dump} ${copy} && printf '%s  %s\\n' "$(cut -d ' ' -f 1 ${dump}.sha256)" ${name(copy)} > ${copy}.sha256 && cat > ${copy}.json <<'EOF_M'\n${JSON.stringify(manifest)}\nEOF_M`);
  // A byte flipped in the middle of the file: only the checksum can tell.
  if (edit.corrupt) stack.onHost(`printf 'X' | dd of=${copy} bs=1 seek=$(( $(stat -c %s ${copy}) / 2 )) conv=notrunc 2>/dev/null`);
  return copy;
}

test('maintenance on|off: the proxy answers 503 with Retry-After while it is on; releases says so', async () => {
  assert.equal((await stack.get()).status, 200);
  const on = await runCli(['maintenance', 'on', '--json', '--deploy-path', stack.deployPath, ...cliHost(stack)], { cwd: stack.workspace });
  assert.equal(on.code, 0, on.stderr);
  assert.equal(on.json?.maintenance ?? on.json?.outputs?.maintenance, 'on', on.stdout);
  const res = await fetch(`http://127.0.0.1:${stack.proxyPort}/`);
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '30');
  const listed = await runAction(hostSideInputs(stack, 'releases'), { workspace: stack.workspace });
  assert.equal(listed.outputs['maintenance'], 'on');
  assert.match(listed.summary, /Maintenance is on since/);
  const off = await runAction(hostSideInputs(stack, 'maintenance', { maintenance: 'off' }), { workspace: stack.workspace });
  assert.equal(off.code, 0, off.log);
  assert.equal((await stack.get()).status, 200);
  const bad = await runAction(hostSideInputs(stack, 'maintenance', { maintenance: 'maybe' }), { workspace: stack.workspace });
  assert.equal(bad.code, 2, bad.log);
});

test('without confirm: exit 2, the preview says what would be restored and lost, nothing changes', async () => {
  const ids = stack.allContainerIds();
  const res = await runAction(restoreInputs(), { workspace: stack.workspace });
  assert.equal(res.code, 2, res.log);
  assert.ok(res.log.includes(name(dump)), 'the newest verified dump is named');
  assert.match(res.log, /ago: everything written since is lost/);
  assert.match(res.log, /confirm: cdtest-/);
  const wrong = await runAction(restoreInputs({ confirm: 'not-the-project' }), { workspace: stack.workspace });
  assert.equal(wrong.code, 2, wrong.log);
  assert.match(wrong.log, /confirm is not the project name/);
  assert.deepEqual(stack.allContainerIds(), ids);
  assert.equal(maintenanceOn(), 'off');
  assert.equal(stack.lockState(), 'free');
});

test('a corrupt dump is refused before maintenance is turned on: result unchanged, no service touched', async () => {
  const bad = copyDump(60, { corrupt: true });
  const ids = stack.allContainerIds();
  const res = await runAction(restoreInputs({ backup: name(bad), confirm: stack.project }), { workspace: stack.workspace });
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'unchanged');
  assert.match(res.summary, /refused before maintenance was turned on: sha256 is [0-9a-f]{64}, the sidecar says/);
  assert.doesNotMatch(res.log, /maintenance on/);
  assert.deepEqual(stack.allContainerIds(), ids, 'no container was stopped or replaced');
  assert.equal(maintenanceOn(), 'off');
  assert.equal(stack.lockState(), 'free');
  stack.onHost(`rm -f ${bad} ${bad}.sha256 ${bad}.json`);
});

test('a row count that does not match the manifest stops before the swap: the live database is untouched, the services run again', async () => {
  sql(stack, 'DELETE FROM orders WHERE id > 400;');
  const lying = copyDump(120, { manifest: (m) => ((m['tables'] as Record<string, number>)['public.orders'] = 501) });
  const res = await runAction(restoreInputs({ backup: name(lying), confirm: stack.project }), { workspace: stack.workspace });
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'unchanged');
  assert.match(res.summary, /public\.orders: 500 rows, the manifest says 501/);
  assert.match(res.summary, /Production is as it was before/);
  assert.equal(sql(stack, 'SELECT count(*) FROM orders;'), '400', 'the live database was not replaced');
  assert.deepEqual(databases(stack).filter((d) => d.includes('_restoring_') || d.includes('_pre_restore_')), [], 'the new database was dropped, nothing set aside');
  assert.equal(maintenanceOn(), 'off');
  assert.equal(stack.containers('api').length, 1, 'api runs again');
  assert.equal((await stack.get()).body.trim(), 'api A');
  assert.match(res.outputs['backup-file']!, /\.dump$/, 'the safety backup was taken before the restore');
  stack.onHost(`rm -f ${lying} ${lying}.sha256 ${lying}.json`);
});

test('restore under load: every request answered by the app or the maintenance page; the rows come back; the replaced database is kept aside', async () => {
  sql(stack, 'DELETE FROM orders; DELETE FROM customers WHERE id > 10;');
  const load = answersLoop(stack.proxyPort);
  await new Promise((r) => setTimeout(r, 1000));
  const res = await runCli(['restore', '--json', '--deploy-path', stack.deployPath, '--backup', name(dump), '--confirm', stack.project, '--reason', 'rows deleted by hand', ...cliHost(stack)], { cwd: stack.workspace });
  await new Promise((r) => setTimeout(r, 1000));
  const answers = await load.stop();
  assert.equal(res.code, 0, `${res.stdout}\n${res.stderr}`);
  const out = res.json?.outputs ?? res.json;
  assert.equal(out.result, 'restored');
  assert.equal(out.backup, name(dump));
  assert.ok(Number(out['rpo-seconds']) >= 0 && Number(out['downtime-seconds']) > 0, res.stdout);
  assert.match(out['previous-database'], /^app_pre_restore_\d{8}_\d{6}$/);
  assert.deepEqual(answers.other, [], 'no request failed otherwise');
  assert.ok(answers.app > 0 && answers.maintenance > 0, `answers: ${JSON.stringify({ app: answers.app, maintenance: answers.maintenance })}`);
  assert.equal(sql(stack, 'SELECT count(*) FROM orders;'), '500');
  assert.equal(sql(stack, 'SELECT count(*) FROM customers;'), '40');
  assert.ok(databases(stack).includes(out['previous-database']), 'the replaced database is kept');
  assert.equal(sql(stack, 'SELECT count(*) FROM orders;', out['previous-database']).trim(), '0', 'it holds the data it had');
  assert.equal(maintenanceOn(), 'off');
  const record = stack.audit().filter((r) => r['action'] === 'restore').at(-1)!;
  assert.equal(record['outcome'], 'restored');
  assert.equal(record['reason'], 'rows deleted by hand');
  assert.equal(record['previousDatabase'], out['previous-database']);
  const listed = await runAction(hostSideInputs(stack, 'releases'), { workspace: stack.workspace });
  assert.ok(listed.summary.includes(out['previous-database']), 'releases lists the database kept aside');
  assert.equal(listed.outputs['maintenance'], 'off');
});
