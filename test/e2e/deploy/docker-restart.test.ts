import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort, loadLoop, randomSha } from './stack.js';
import { REPO_ROOT, runAction, startAction } from '../lib/run-action.js';

// The Docker daemon of the harness host is restarted in the middle of a deploy. It is the one daemon
// every test uses, so test/e2e/run.sh runs this file alone, after the other files.

const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
let stack: ExampleStack;

before(async () => {
  stack = new ExampleStack(await freePort());
  for (const v of [A, B]) stack.buildAndPush(v);
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
});
after(() => stack?.destroy());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops the harness's dockerd (SIGTERM, as a package upgrade or `systemctl restart docker` does) and starts it again with up.sh. */
async function restartDockerd(): Promise<void> {
  const pidFile = join(stack.h.stateDir, 'dockerd.pid');
  // A daemon the harness did not start cannot be restarted from here: that is a failure, not a skip.
  assert.ok(existsSync(join(stack.h.stateDir, 'dockerd.started-by-harness')) && existsSync(pidFile), 'this test restarts the harness dockerd: it must be the one up.sh started');
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 600; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      break;
    }
    await sleep(100);
  }
  execFileSync('bash', [join(REPO_ROOT, 'test/e2e/harness/up.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Waits until the proxy answers (after a daemon restart every container boots again), then returns the body. */
async function servedBody(): Promise<string> {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await stack.get();
      if (res.status === 200) return res.body.trim();
    } catch {
      // still booting
    }
    await sleep(500);
  }
  throw new Error('the proxy did not answer within 60 s of the daemon restart');
}

/** One image per service among all of the project's containers (running or not): never two releases. */
function assertOneReleasePerService(): void {
  for (const service of ['api', 'worker']) {
    const images = new Set(
      execFileSync('docker', ['ps', '-a', '--no-trunc', '--filter', `label=com.docker.compose.project=${stack.project}`, '--filter', `label=com.docker.compose.service=${service}`, '--filter', 'label=com.docker.compose.oneoff=False', '--format', '{{.Image}}'], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .filter(Boolean),
    );
    assert.equal(images.size, 1, `${service} runs containers of ${images.size} releases: ${[...images].join(', ')}`);
  }
}

test('the Docker daemon restarts while api rolls: the deploy fails or finishes, says which, and the host ends on one release per service', async () => {
  const load = loadLoop(stack.proxyPort);
  const run = startAction(stack.inputs(B.sha), { workspace: stack.workspace });
  let rolling = false;
  for (let i = 0; i < 600 && !rolling; i++) {
    await sleep(100);
    rolling = stack.containers('api').length === 2;
  }
  assert.ok(rolling, 'the new api container started beside the old one');
  await restartDockerd();
  const code = await run.exited;
  const out = run.output();
  await load.stop();
  const last = stack.audit().at(-1)!;
  assert.equal(stack.lockState(), 'free', 'the lock is released');
  if (code === 0) {
    // Finished: B is live and the audit log says so.
    assert.equal(last['result'], 'success');
    assert.equal(stack.current(), B.sha);
  } else {
    // Failed: it says Docker went away, and the previous release is live again.
    assert.equal(code, 1, out);
    const errors = out.split('\n').filter((l) => l.startsWith('::error::')).join('\n');
    assert.match(errors, /Docker daemon stopped answering|Docker on .* did not answer/, errors);
    assert.match(String(last['result']), /^(rolled-back|failed)$/);
    assert.equal(last['sha'], B.sha);
    assert.equal(stack.current(), A.sha, out);
    assert.doesNotMatch(errors, /two releases/, 'the daemon came back in time, so nothing was left behind');
  }
  // After the restart every container boots again: the live release serves, and only it.
  const live = code === 0 ? 'B' : 'A';
  assert.equal(await servedBody(), `api ${live}`);
  assertOneReleasePerService();
  assert.deepEqual(stack.containers('api').map((c) => c.image), [`${stack.prefix}/api:sha-${code === 0 ? B.sha : A.sha}`]);

  // The next deploy of B converges, under load, losing nothing.
  const again = startAction(stack.inputs(B.sha), { workspace: stack.workspace });
  const load2 = loadLoop(stack.proxyPort);
  const code2 = await again.exited;
  await sleep(500);
  const traffic = await load2.stop();
  assert.equal(code2, 0, again.output());
  assert.equal(traffic.failed, 0, traffic.errors.slice(0, 5).join('\n'));
  assert.equal(stack.current(), B.sha);
  assertOneReleasePerService();
  assert.deepEqual(stack.containers('api').map((c) => c.image), [`${stack.prefix}/api:sha-${B.sha}`]);
  assert.equal(await servedBody(), 'api B');
  assert.equal(stack.audit().at(-1)!['result'], 'success');
});
