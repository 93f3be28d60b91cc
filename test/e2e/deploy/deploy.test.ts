import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort, loadLoop, randomSha } from './stack.js';
import { hostInputs, runAction, REPO_ROOT } from '../lib/run-action.js';
import { harnessComposeCommand, harnessEnv } from '../harness/env.js';
import { fakeGitHub } from '../lib/fake-github.js';

const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
const C = { sha: randomSha(), label: 'C', healthStatus: 503 };
const D = { sha: randomSha(), label: 'D', migrateExit: 1 };
const E = { sha: randomSha(), label: 'E', workerCrash: true };
let stack: ExampleStack;

before(async () => {
  stack = new ExampleStack(await freePort());
  for (const v of [A, B, C, D, E]) stack.buildAndPush(v);
});
after(() => stack?.destroy());

test('a failed first deploy (C, never healthy) leaves nothing running and no current release', async () => {
  const res = await runAction(stack.inputs(C.sha), { workspace: stack.workspace });
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'failed');
  assert.equal(res.outputs['previous-sha'], '');
  assert.match(res.summary, /This was the first deploy: nothing was left running/);
  assert.deepEqual(stack.allContainerIds(), []);
  assert.equal(stack.current(), '');
  assert.equal(stack.lockState(), 'free');
});

test('first deploy of A: every service up, current -> A, audit log written', async () => {
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
  assert.equal(res.outputs['result'], 'success');
  assert.equal(res.outputs['deployed-sha'], A.sha);
  assert.equal(res.outputs['previous-sha'], '');
  assert.equal(res.outputs['rolled-back'], 'false');
  assert.equal(stack.current(), A.sha);
  assert.deepEqual((await stack.get()).body.trim(), 'api A');
  assert.equal(stack.containers('api')[0]?.image, `${stack.prefix}/api:sha-${A.sha}`);
  assert.equal(stack.containers('worker').length, 1);
  assert.equal(stack.containers('db').length, 1);
  const audit = stack.audit();
  assert.deepEqual(audit.map((r) => [r['sha'], r['result']]), [[C.sha, 'failed'], [A.sha, 'success']]);
  assert.equal(audit[1]!['actor'], 'octo-dev');
  assert.equal(audit[1]!['runUrl'], 'https://github.com/Acme-Corp/Shop/actions/runs/4242');
  const mode = stack.onHost(`stat -c %a ${stack.deployPath}/releases/${A.sha}/.env`).trim();
  assert.equal(mode, '600', 'app secrets are written 0600');
  assert.match(res.summary, /### ✅ Deployed/);
  // Which Compose the host used, in the outputs and the summary.
  const h = harnessEnv();
  assert.equal(res.outputs['compose-command'], harnessComposeCommand());
  assert.equal(res.outputs['compose-version'], h.composeVersion);
  assert.ok(res.summary.includes(`Compose ${h.compose} (\`${harnessComposeCommand()}\` ${h.composeVersion})`), res.summary);
  assert.match(res.summary, /\| api \|.*\| rolling \|.*\| updated \|/);
});

test('deploy of B under load: zero failed requests, every service on B, current -> B', async () => {
  const dbBefore = stack.containers('db')[0]!.id;
  const proxyBefore = stack.containers('proxy')[0]!.id;
  const secret = harnessEnv().registryPassword;
  const load = loadLoop(stack.proxyPort);
  const seenInPs: string[] = [];
  const ps = setInterval(() => {
    const out = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    if (out.includes(secret)) seenInPs.push('registry password in the process list');
  }, 200);
  const github = await fakeGitHub();
  let res;
  try {
    res = await runAction(
      stack.inputs(B.sha, { 'smoke-url': `http://127.0.0.1:${stack.proxyPort}/`, 'github-token': 'ghs_fake_token_for_tests', 'environment-url': 'https://shop.example.com' }),
      { workspace: stack.workspace, env: { GITHUB_API_URL: github.url } },
    );
  } finally {
    clearInterval(ps);
    await github.close();
  }
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  assert.equal(res.code, 0, res.stdout);
  assert.equal(res.outputs['result'], 'success');
  assert.equal(res.outputs['previous-sha'], A.sha);
  assert.equal(traffic.failed, 0, `failed requests: ${traffic.errors.slice(0, 5).join('; ')}`);
  assert.ok(traffic.ok > 50, `the load ran through the deploy (${traffic.ok} requests)`);
  assert.ok(traffic.bodies.has('api A') && traffic.bodies.has('api B'), `saw both versions: ${[...traffic.bodies].join(', ')}`);
  assert.equal(stack.current(), B.sha);
  assert.deepEqual(stack.containers('api').map((c) => c.image), [`${stack.prefix}/api:sha-${B.sha}`]);
  assert.deepEqual(stack.containers('worker').map((c) => c.image), [`${stack.prefix}/worker:sha-${B.sha}`]);
  assert.equal(stack.containers('db')[0]!.id, dbBefore, 'the database was not restarted');
  assert.equal(stack.containers('proxy')[0]!.id, proxyBefore, 'the proxy was not restarted');
  assert.deepEqual(stack.audit().filter((r) => r['result'] === 'success').map((r) => r['sha']), [A.sha, B.sha]);
  // PROXY_PORT is a value of the env file: masked in the log as a whole value, like any other.
  assert.match(res.log, /smoke check http:\/\/127\.0\.0\.1:\*\*\*\/: 200/);
  const services = JSON.parse(res.outputs['services']!);
  assert.deepEqual(services.map((s: { service: string; result: string }) => [s.service, s.result]), [['api', 'updated'], ['worker', 'updated']]);
  assert.equal(services[0].oldImage, `${stack.prefix}/api:sha-${A.sha}`);
  assert.deepEqual(seenInPs, []);
  // The GitHub Deployment: created for the commit and environment, then in_progress, then success with the URL.
  assert.deepEqual(github.requests.map((r) => `${r.method} ${r.path}`), [
    'POST /repos/Acme-Corp/Shop/deployments',
    'POST /repos/Acme-Corp/Shop/deployments/1000/statuses',
    'POST /repos/Acme-Corp/Shop/deployments/1000/statuses',
  ]);
  assert.equal(github.requests[0]!.body['ref'], B.sha);
  assert.equal(github.requests[0]!.body['environment'], 'production');
  assert.match(github.requests[0]!.authorization ?? '', /ghs_fake_token_for_tests/);
  assert.deepEqual(github.requests.slice(1).map((r) => r.body['state']), ['in_progress', 'success']);
  assert.equal(github.requests[2]!.body['environment_url'], 'https://shop.example.com');
  assert.equal(github.requests[2]!.body['log_url'], 'https://github.com/Acme-Corp/Shop/actions/runs/4242');
  assert.ok(!res.log.includes('ghs_fake_token_for_tests'), 'the token is masked');
});

test('deploy of C (never healthy): automatic rollback, B serving and healthy, summary has C\'s health output', async () => {
  const github = await fakeGitHub();
  const res = await runAction(stack.inputs(C.sha, { 'github-token': 'ghs_fake' }), { workspace: stack.workspace, env: { GITHUB_API_URL: github.url } }).finally(() => github.close());
  assert.deepEqual(github.requests.slice(1).map((r) => r.body['state']), ['in_progress', 'failure'], 'the GitHub Deployment is marked failed');
  assert.equal(res.code, 1, res.stdout);
  assert.equal(res.outputs['result'], 'rolled-back');
  assert.equal(res.outputs['rolled-back'], 'true');
  assert.equal(res.outputs['deployed-sha'], '');
  assert.match(res.stdout, /::error::Deploy of [0-9a-f]{40} to .* failed: service api did not become healthy/);
  assert.match(res.summary, /### ↩️ Rolled back/);
  assert.match(res.summary, /#### api: health output and last log lines/);
  assert.match(res.summary, /503|server returned error/i);
  assert.equal(stack.current(), B.sha);
  assert.equal((await stack.get()).body.trim(), 'api B');
  const api = stack.containers('api');
  assert.deepEqual(api.map((c) => c.image), [`${stack.prefix}/api:sha-${B.sha}`]);
  const health = execFileSync('docker', ['inspect', '-f', '{{.State.Health.Status}}', api[0]!.id], { encoding: 'utf8' }).trim();
  assert.equal(health, 'healthy');
  assert.equal(stack.audit().at(-1)!['result'], 'rolled-back');
});

test('deploy of D (migration exits 1): no service restarted, container ids unchanged', async () => {
  const before = stack.allContainerIds();
  const res = await runAction(stack.inputs(D.sha), { workspace: stack.workspace });
  assert.equal(res.code, 1, res.stdout);
  assert.equal(res.outputs['result'], 'failed');
  assert.equal(res.outputs['rolled-back'], 'false');
  assert.match(res.stdout, /migration "migrate" exited with 1; no service was touched/);
  assert.match(res.summary, /migrating to D/);
  assert.deepEqual(stack.allContainerIds(), before);
  assert.equal(stack.current(), B.sha);
  assert.equal((await stack.get()).body.trim(), 'api B');
});

test('a migration whose database changed definition runs against the running database: it is not restarted first', async () => {
  // `compose run` starts the migration's dependencies itself, and v2 recreates one whose definition
  // changed (v1 does not): the database would restart under the live release. D's migration fails, so
  // nothing after it runs, and the database must be the container that ran before.
  const file = join(stack.workspace, 'compose.prod.yaml');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, original.replace('      POSTGRES_DB: app\n', '      POSTGRES_DB: app\n      RELEASE_NOTE: db-definition-changed\n'));
  try {
    const dbBefore = stack.containers('db').map((c) => c.id);
    const res = await runAction(stack.inputs(D.sha), { workspace: stack.workspace });
    assert.equal(res.code, 1, res.stdout);
    assert.match(res.stdout, /migration "migrate" exited with 1; no service was touched/);
    assert.deepEqual(stack.containers('db').map((c) => c.id), dbBefore);
    assert.equal((await stack.get()).body.trim(), 'api B');
  } finally {
    writeFileSync(file, original);
  }
});

test('deploy of E (worker restarts, no healthcheck): the min-ready gate fails it, api already on E is rolled back under load with zero failed requests', async () => {
  const load = loadLoop(stack.proxyPort);
  const res = await runAction(stack.inputs(E.sha), { workspace: stack.workspace });
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'rolled-back');
  assert.match(res.log, /service worker did not become healthy: container (restarted \d+ times|is restarting|is exited)/);
  assert.match(res.summary, /#### worker: health output and last log lines/);
  assert.match(res.summary, /worker E crashed/);
  const services = JSON.parse(res.outputs['services']!) as Array<{ service: string; result: string }>;
  assert.deepEqual(services.map((x) => [x.service, x.result]), [['api', 'rolled-back'], ['worker', 'failed']]);
  assert.equal(traffic.failed, 0, `failed requests during the rollback: ${traffic.errors.slice(0, 5).join('; ')}`);
  assert.ok(traffic.bodies.has('api E') && traffic.bodies.has('api B'), `api served E, then B again: ${[...traffic.bodies].join(', ')}`);
  assert.equal(stack.current(), B.sha);
  assert.deepEqual(stack.containers('api').map((c) => c.image), [`${stack.prefix}/api:sha-${B.sha}`]);
  assert.deepEqual(stack.containers('worker').map((c) => c.image), [`${stack.prefix}/worker:sha-${B.sha}`]);
  assert.equal((await stack.get()).body.trim(), 'api B');
});

test('two deploys at once: the second fails naming the lock holder; the lock is released after', async () => {
  const first = runAction(stack.inputs(B.sha), { workspace: stack.workspace, env: { GITHUB_ACTOR: 'first-runner' } });
  await waitFor(() => stack.onHost(`cat ${stack.deployPath}/.deploy-lock/owner.json 2>/dev/null || true`).includes('first-runner'));
  const patient = runAction(stack.inputs(B.sha, { 'lock-timeout': '300' }), { workspace: stack.workspace, env: { GITHUB_ACTOR: 'patient-runner' } });
  const second = await runAction(stack.inputs(B.sha, { 'lock-timeout': '2' }), { workspace: stack.workspace, env: { GITHUB_ACTOR: 'second-runner' } });
  assert.equal(second.code, 1, second.stdout);
  assert.match(second.stdout, /another deploy holds the lock on .*: first-runner deploying [0-9a-f]{12}/);
  assert.match(second.stdout, /Nothing was changed/);
  assert.equal(second.outputs['result'], 'failed', 'a deploy that could not start still sets its outputs');
  assert.match(second.summary, /### ❌ Deploy failed/);
  const firstRes = await first;
  assert.equal(firstRes.code, 0, firstRes.stdout);
  // The patient one waited for the first, then deployed (a redeploy of the live release).
  const patientRes = await patient;
  assert.equal(patientRes.code, 0, patientRes.log);
  assert.match(patientRes.log, /waiting up to 300s for the deploy lock held by first-runner/);
  assert.deepEqual(stack.audit().slice(-2).map((r) => [r['actor'], r['result']]), [['first-runner', 'success'], ['patient-runner', 'success']]);
  assert.equal(stack.lockState(), 'free');
});

/** The bundled action as a runner starts it, kept as a process so the test can signal it the way a cancelled workflow does. */
function startDeploy(sha: string, actor: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_WORKSPACE: stack.workspace, GITHUB_ACTOR: actor, GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '1' };
  for (const [k, v] of Object.entries(stack.inputs(sha))) env[`INPUT_${k.toUpperCase()}`] = v;
  const child = spawn(harnessEnv().node24, [join(REPO_ROOT, 'dist/index.js')], { env, cwd: stack.workspace });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number>((r) => child.on('close', (c) => r(c ?? 1)));
  return { child, output: () => out, exited };
}

test('a cancelled deploy rolls back and releases the lock', async () => {
  const run = startDeploy(A.sha, 'cancelled-run');
  const apiBefore = stack.containers('api').map((c) => c.id);
  await waitFor(() => run.output().includes('▸ rolling api (rolling)'));
  run.child.kill('SIGINT');
  const code = await run.exited;
  const out = run.output();
  assert.notEqual(code, 0, out);
  assert.match(out, /cancel requested/);
  assert.match(out, /the run was cancelled/);
  // The api's health wait on the host gave up on the cancel marker: its old container never stopped.
  assert.match(out, /deploy cancelled/);
  assert.deepEqual(stack.containers('api').map((c) => c.id), apiBefore);
  assert.equal(stack.lockState(), 'free');
  assert.equal(stack.current(), B.sha);
  assert.equal((await stack.get()).body.trim(), 'api B');
});

test('a second signal (the runner about to kill): audit record, current back on the live release, lock released', async () => {
  const run = startDeploy(A.sha, 'killed-run');
  await waitFor(() => run.output().includes('pointing current at the new release'));
  run.child.kill('SIGINT');
  run.child.kill('SIGTERM');
  const code = await run.exited;
  const out = run.output();
  // Both signals are pending at once, so which one the process sees second is up to the kernel.
  assert.ok(code === 143 || code === 130, `exit ${code}: ${out}`);
  assert.equal(stack.lockState(), 'free');
  const last = stack.audit().at(-1)!;
  assert.deepEqual([last['actor'], last['result']], ['killed-run', 'failed']);
  assert.match(String(last['error']), /cancelled: the runner stopped the deploy/);
  assert.equal(stack.current(), B.sha);
  // Whatever the host was left with, the next deploy brings it back to one release.
  const again = await runAction(stack.inputs(B.sha), { workspace: stack.workspace });
  assert.equal(again.code, 0, again.log);
  assert.deepEqual(stack.containers('api').map((c) => c.image), [`${stack.prefix}/api:sha-${B.sha}`]);
});

test('a failing smoke check rolls back every moved service, under load with zero failed requests', async () => {
  const closed = await freePort();
  const load = loadLoop(stack.proxyPort);
  const res = await runAction(stack.inputs(A.sha, { 'smoke-url': `http://127.0.0.1:${closed}/` }), { workspace: stack.workspace });
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  assert.equal(traffic.failed, 0, `failed requests: ${traffic.errors.slice(0, 5).join('; ')}`);
  assert.ok(traffic.bodies.has('api A') && traffic.bodies.has('api B'), [...traffic.bodies].join(', '));
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'rolled-back');
  assert.match(res.log, /smoke check http:\/\/127\.0\.0\.1:\d+\/ failed/);
  assert.equal(stack.current(), B.sha);
  assert.deepEqual(stack.containers('api').map((c) => c.image), [`${stack.prefix}/api:sha-${B.sha}`]);
  assert.deepEqual(stack.containers('worker').map((c) => c.image), [`${stack.prefix}/worker:sha-${B.sha}`]);
});

test('keep-releases prunes old releases and the images only they used', async () => {
  const res = await runAction(stack.inputs(A.sha, { 'keep-releases': '2' }), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.log);
  const kept = stack.onHost(`ls ${stack.deployPath}/releases`).trim().split('\n').sort();
  assert.deepEqual(kept, [A.sha, B.sha].sort());
  const images = execFileSync('docker', ['image', 'ls', '--format', '{{.Tag}}', `${stack.prefix}/api`], { encoding: 'utf8' }).trim().split('\n');
  assert.ok(images.includes(`sha-${A.sha}`) && images.includes(`sha-${B.sha}`), images.join(' '));
  assert.ok(!images.includes(`sha-${C.sha}`) && !images.includes(`sha-${D.sha}`), `pruned images are gone: ${images.join(' ')}`);
});

test('a changed release file (Caddyfile) recreates the proxy that mounts it; nothing else restarts', async () => {
  const { writeFileSync } = await import('node:fs');
  const proxyBefore = stack.containers('proxy')[0]!.id;
  const dbBefore = stack.containers('db')[0]!.id;
  const caddyfile = join(stack.workspace, 'Caddyfile');
  const original = readFileSync(caddyfile, 'utf8');
  writeFileSync(caddyfile, original.replace(':80 {', ':80 {\n\theader X-Release-Config changed'));
  try {
    const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
    assert.equal(res.code, 0, res.log);
    assert.match(res.log, /recreating proxy: a file it mounts changed \(Caddyfile\)/);
    assert.notEqual(stack.containers('proxy')[0]!.id, proxyBefore);
    assert.equal(stack.containers('db')[0]!.id, dbBefore);
    const r = await fetch(`http://127.0.0.1:${stack.proxyPort}/`, { signal: AbortSignal.timeout(15_000) });
    assert.equal(r.headers.get('x-release-config'), 'changed');
  } finally {
    writeFileSync(caddyfile, original);
  }
});

test('the registry password is in no file left on the host, nor in shell history', async () => {
  const secret = harnessEnv().registryPassword;
  // The temporary DOCKER_CONFIG lived under /tmp only while the pull ran. The harness host is this
  // machine: in /tmp only the deploy user's files are the host's (the runner side of the other
  // Compose version's run, side by side, keeps a password file there while its build test runs).
  const found = [...(await stack.lingeringSecrets(`${stack.deployPath} /home/deploy`, [secret])), ...(await stack.lingeringSecrets('/tmp -user "$(id -un)"', [secret]))];
  assert.deepEqual(found, []);
});

test('dry-run prints every remote command quoted and changes nothing', async () => {
  const before = stack.allContainerIds();
  const auditBefore = stack.audit().length;
  const res = await runAction(stack.inputs(A.sha, { 'dry-run': 'true' }), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
  assert.match(res.outputs['plan']!, /take the deploy lock/);
  assert.match(res.outputs['plan']!, /docker compose --project-name cdtest-[0-9a-f]+ --project-directory \/srv\/compose-deploy-tests\/cdtest-[0-9a-f]+\/current/);
  assert.match(res.outputs['plan']!, / up -d --no-deps -- THIRD_PARTY_SERVICES\.\.\./);
  assert.ok(!res.log.includes(harnessEnv().registryPassword), 'the password appears only in the mask command');
  assert.deepEqual(stack.allContainerIds(), before);
  assert.equal(stack.audit().length, auditBefore);
});

test('a wrong host key stops the deploy before anything runs', async () => {
  const auditBefore = stack.audit().length;
  const live = stack.current();
  const res = await runAction(stack.inputs(B.sha, { 'known-hosts': readFileSync(harnessEnv().knownHostsWrongPath, 'utf8') }), { workspace: stack.workspace });
  assert.equal(res.code, 1);
  assert.match(res.stdout, /did not match known-hosts/);
  assert.equal(res.outputs['result'], 'failed');
  assert.equal(stack.audit().length, auditBefore);
  assert.equal(stack.current(), live);
});

test('an unreachable host: the connection (only) is retried, then a clear failure with outputs', async () => {
  const closed = await freePort();
  const res = await runAction(stack.inputs(B.sha, { port: String(closed) }), { workspace: stack.workspace });
  assert.equal(res.code, 1, res.log);
  assert.match(res.log, /retrying \(1\/3\)/);
  assert.match(res.log, /retrying \(2\/3\)/);
  assert.match(res.log, new RegExp(`could not connect to 127\\.0\\.0\\.1:${closed} over SSH after 3 attempts`));
  assert.equal(res.outputs['result'], 'failed');
});

test('a stale lock left by a dead run: refused with a hint, broken only with force-unlock', async () => {
  const lock = `${stack.deployPath}/.deploy-lock`;
  stack.onHost(`mkdir ${lock} && echo '{"token":"gone","actor":"vanished-runner","sha":"${'f'.repeat(40)}"}' > ${lock}/owner.json && touch -d '2 hours ago' ${lock}`);
  const refused = await runAction(stack.inputs(A.sha, { 'lock-timeout': '1' }), { workspace: stack.workspace });
  assert.equal(refused.code, 1, refused.log);
  assert.match(refused.log, /vanished-runner deploying ffffffffffff/);
  assert.match(refused.log, /older than stale-lock-after \(3600s\): if that run is gone, re-run with force-unlock: true/);
  const forced = await runAction(stack.inputs(A.sha, { 'lock-timeout': '1', 'force-unlock': 'true' }), { workspace: stack.workspace });
  assert.equal(forced.code, 0, forced.log);
  assert.match(forced.log, /::warning::force-unlock: broke a stale deploy lock held by vanished-runner/);
  assert.equal(stack.lockState(), 'free');
});

test('shell metacharacters in service names are rejected at validation (exit 2)', async () => {
  const { mkdtempSync, writeFileSync, cpSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const ws = mkdtempSync(join(tmpdir(), 'cd-meta-'));
  try {
    cpSync(join(stack.workspace, 'compose.prod.yaml'), join(ws, 'compose.prod.yaml'));
    writeFileSync(join(ws, 'compose-deploy.yml'), `project: ${stack.project}\ndeploy:\n  order: ["api;touch /tmp/pwned"]\n`);
    const res = await runAction({ ...stack.inputs(A.sha), ...hostInputs() }, { workspace: ws });
    assert.equal(res.code, 2, res.stdout);
    assert.match(res.stdout, /::error file=compose-deploy\.yml,line=3/);
    // ... and in paths: a release file and the deploy path.
    writeFileSync(join(ws, 'compose-deploy.yml'), `project: ${stack.project}\ndeploy:\n  files: ["Caddyfile;touch /tmp/pwned"]\n`);
    const file = await runAction({ ...stack.inputs(A.sha), ...hostInputs() }, { workspace: ws });
    assert.equal(file.code, 2, file.stdout);
    assert.match(file.stdout, /Caddyfile;touch/);
    writeFileSync(join(ws, 'compose-deploy.yml'), `project: ${stack.project}\n`);
    const path = await runAction({ ...stack.inputs(A.sha), ...hostInputs(), 'deploy-path': '/srv/x$(touch /tmp/pwned)' }, { workspace: ws });
    assert.equal(path.code, 2, path.stdout);
    assert.match(path.stdout, /deploy-path/);
    assert.equal(stack.onHost('test -e /tmp/pwned && echo yes || echo no').trim(), 'no');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

async function waitFor(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 200));
  }
}
