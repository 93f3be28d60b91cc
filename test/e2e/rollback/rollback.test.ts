import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort, loadLoop, randomSha } from '../deploy/stack.js';
import { runAction, runCli } from '../lib/run-action.js';
import { harnessEnv } from '../harness/env.js';
import { fakeGitHub } from '../lib/fake-github.js';

const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
const C = { sha: randomSha(), label: 'C', healthStatus: 503 };
let stack: ExampleStack;

before(async () => {
  stack = new ExampleStack(await freePort());
  // With github-token, a deploy or rollback also says when backups were last restore-tested.
  appendFileSync(join(stack.workspace, 'compose-deploy.yml'), 'restore-test:\n  warn-after: 90d\n');
  for (const v of [A, B, C]) stack.buildAndPush(v);
  for (const v of [A, B]) {
    const res = await runAction(stack.inputs(v.sha), { workspace: stack.workspace });
    assert.equal(res.code, 0, `deploy of ${v.label}: ${res.stdout}`);
  }
});
after(() => stack?.destroy());

/** A rollback's inputs: the deploy's host and registry inputs, no sha, no env file. */
function rollbackInputs(extra: Record<string, string> = {}): Record<string, string> {
  const { sha: _sha, 'env-file': _env, ...rest } = stack.inputs(A.sha);
  return { ...rest, command: 'rollback', ...extra };
}

const apiImage = (v: { sha: string }) => `${stack.prefix}/api:sha-${v.sha}`;
const workerImage = (v: { sha: string }) => `${stack.prefix}/worker:sha-${v.sha}`;

test('releases lists A and B, B live, with their images on the host', async () => {
  const res = await runAction({ ...rollbackInputs(), command: 'releases' }, { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
  const releases = JSON.parse(res.outputs['releases']!) as Array<{ sha: string; current: boolean; imagesOnHost?: boolean; rollback: boolean }>;
  assert.deepEqual(releases.map((r) => [r.sha, r.current, r.imagesOnHost, r.rollback]), [[B.sha, true, true, false], [A.sha, false, true, false]]);
});

test('an unknown sha is bad input (exit 2) listing the kept releases; nothing changes', async () => {
  const before = stack.allContainerIds();
  const res = await runAction(rollbackInputs({ to: 'deadbeef' }), { workspace: stack.workspace });
  assert.equal(res.code, 2, res.stdout);
  assert.match(res.stdout, /no kept release matches deadbeef/);
  assert.ok(res.stdout.includes(A.sha) && res.stdout.includes(B.sha), 'the kept releases are listed');
  assert.deepEqual(stack.allContainerIds(), before);
  assert.equal(stack.current(), B.sha);
  assert.equal(stack.lockState(), 'free');
});

test('rollback with no "to" goes to A under load: zero failed requests, A\'s pruned images pulled, audit record kind rollback', async () => {
  // A's images were pruned from the host since: the rollback pulls them (with the deploy's login on stdin).
  execFileSync('docker', ['rmi', '--no-prune', apiImage(A), workerImage(A)], { stdio: 'ignore' });
  const listed = await runAction({ ...rollbackInputs(), command: 'releases' }, { workspace: stack.workspace });
  assert.equal(JSON.parse(listed.outputs['releases']!)[1].imagesOnHost, false, 'releases says A needs a pull');
  const dbBefore = stack.containers('db')[0]!.id;
  const github = await fakeGitHub();
  github.workflowRuns.set('restore-test.yml', [{ run_started_at: new Date(Date.now() - 95 * 86400_000).toISOString() }]);
  const load = loadLoop(stack.proxyPort);
  let res;
  try {
    res = await runAction(rollbackInputs({ reason: 'checkout broken in B', 'github-token': 'ghs_fake' }), { workspace: stack.workspace, env: { GITHUB_API_URL: github.url } });
  } finally {
    await github.close();
  }
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  assert.equal(res.code, 0, res.stdout);
  assert.equal(traffic.failed, 0, traffic.errors.slice(0, 5).join('\n'));
  assert.ok(traffic.bodies.has('api A') && traffic.bodies.has('api B'), `both releases answered during the rollback: ${[...traffic.bodies]}`);
  assert.equal(res.outputs['result'], 'success');
  assert.equal(res.outputs['deployed-sha'], A.sha);
  assert.equal(res.outputs['previous-sha'], B.sha);
  assert.equal(stack.current(), A.sha);
  assert.equal((await stack.get()).body.trim(), 'api A');
  assert.deepEqual(stack.containers('api').map((c) => c.image), [apiImage(A)]);
  assert.deepEqual(stack.containers('worker').map((c) => c.image), [workerImage(A)]);
  assert.equal(stack.containers('db')[0]!.id, dbBefore, 'the database was not restarted');
  assert.doesNotMatch(res.log, /running the migration|migration migrate finished/, 'a rollback runs no migration');
  const last = stack.audit().at(-1)!;
  assert.equal(last['kind'], 'rollback');
  assert.equal(last['action'], 'rollback');
  assert.equal(last['reason'], 'checkout broken in B');
  assert.equal(last['from'], B.sha);
  assert.equal(last['to'], A.sha);
  assert.equal(last['actor'], 'octo-dev');
  assert.match(res.summary, /### ↩️ Rolled back/);
  assert.match(res.summary, /checkout broken in B/);
  // B's deploy ran the migration after A was live: the summary says the schema stays.
  assert.match(res.summary, /Migrations ran after `[0-9a-f]{12}` was live/);
  assert.match(res.summary, /the last successful restore test \(restore-test\.yml\) ran 95d 0h ago/);
  assert.equal(github.requests[0]!.body['ref'], A.sha, 'the GitHub Deployment is for the target');
  assert.deepEqual(github.requests.filter((r) => r.method === 'POST').slice(1).map((r) => r.body['state']), ['in_progress', 'success']);
  assert.equal(stack.lockState(), 'free');
});

test('CLI: rollback --to <B prefix> goes back to B; releases marks the rollback', async () => {
  const h = harnessEnv();
  const res = await runCli(
    ['rollback', '--to', B.sha.slice(0, 10), '--host', h.host, '--port', String(h.port), '--user', h.user, '--ssh-private-key-file', h.keyPath, '--known-hosts-file', h.knownHostsPath,
      '--deploy-path', stack.deployPath, '--registry', h.registry, '--registry-username', h.registryUser, '--json'],
    { cwd: stack.workspace },
  );
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.json.ok, true);
  assert.equal(res.json.outputs['deployed-sha'], B.sha);
  assert.equal(stack.current(), B.sha);
  assert.equal((await stack.get()).body.trim(), 'api B');
  const listed = await runAction({ ...rollbackInputs(), command: 'releases' }, { workspace: stack.workspace });
  const releases = JSON.parse(listed.outputs['releases']!) as Array<{ sha: string; current: boolean; rollback: boolean }>;
  assert.deepEqual(releases.slice(0, 2).map((r) => [r.sha, r.current, r.rollback]), [[B.sha, true, true], [A.sha, false, true]]);
});

test('a rollback target that fails its health gates: exit 1, the host ends on the release it started on', async () => {
  // C failed its deploy (never healthy), so it is kept but was never live.
  const failed = await runAction(stack.inputs(C.sha), { workspace: stack.workspace });
  assert.equal(failed.code, 1);
  assert.equal(stack.current(), B.sha);
  const load = loadLoop(stack.proxyPort);
  const res = await runAction(rollbackInputs({ to: C.sha }), { workspace: stack.workspace });
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  assert.equal(res.code, 1, res.stdout);
  assert.equal(traffic.failed, 0, traffic.errors.slice(0, 5).join('\n'));
  assert.equal(res.outputs['result'], 'rolled-back');
  assert.equal(res.outputs['deployed-sha'], '');
  assert.match(res.stdout, /Rollback to [0-9a-f]{40} on .* failed: service api did not become healthy/);
  assert.match(res.summary, /### ❌ Rollback failed/);
  assert.match(res.summary, /Release `[0-9a-f]{12}` is serving, as before/);
  assert.equal(stack.current(), B.sha);
  assert.equal((await stack.get()).body.trim(), 'api B');
  assert.deepEqual(stack.containers('api').map((c) => c.image), [apiImage(B)]);
  const last = stack.audit().at(-1)!;
  assert.deepEqual([last['kind'], last['to'], last['result']], ['rollback', C.sha, 'rolled-back']);
  assert.equal(stack.lockState(), 'free');
});

test('rollback to the live release changes nothing', async () => {
  const before = stack.allContainerIds();
  const res = await runAction(rollbackInputs({ to: B.sha }), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
  assert.match(res.summary, /already the live release/);
  assert.deepEqual(stack.allContainerIds(), before);
});

test('dry-run prints the rollback plan and touches nothing', async () => {
  const res = await runAction(rollbackInputs({ 'dry-run': 'true' }), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
  assert.match(res.outputs['plan']!, /read the kept release live before the current one/);
  assert.doesNotMatch(res.outputs['plan']!, /migration|upload/);
});
