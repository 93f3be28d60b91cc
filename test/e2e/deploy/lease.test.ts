import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort, loadLoop, randomSha } from './stack.js';
import { runAction, startAction } from '../lib/run-action.js';

const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
let stack: ExampleStack;
const LEASE = 12;

before(async () => {
  stack = new ExampleStack(await freePort());
  appendFileSync(join(stack.workspace, 'compose-deploy.yml'), `  lock-lease: ${LEASE}\n`);
  for (const v of [A, B]) stack.buildAndPush(v);
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
});
after(() => stack?.destroy());

async function waitFor(cond: () => boolean, what: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a runner killed outright mid-roll (SIGKILL, no signal first): the next deploy takes the lock over once the lease lapses, converges and deploys; the audit log tells the truth', async () => {
  const load = loadLoop(stack.proxyPort);
  const killed = startAction(stack.inputs(B.sha), { workspace: stack.workspace, env: { GITHUB_ACTOR: 'killed-run', GITHUB_RUN_ID: '77' } });
  // Mid-roll: the new api container has started beside the old one.
  await waitFor(() => killed.output().includes('▸ rolling api (rolling)') && stack.containers('api').length === 2, 'the roll to start');
  killed.child.kill('SIGKILL');
  await killed.exited;
  assert.equal(stack.lockState(), 'held', 'a SIGKILLed run cleans nothing up');
  const started = Date.now();
  const res = await runAction(stack.inputs(B.sha), { workspace: stack.workspace, env: { GITHUB_ACTOR: 'next-run' } });
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  assert.equal(res.code, 0, res.stdout);
  assert.match(res.stdout, /took over the deploy lock of killed-run .*its lease was not renewed/);
  assert.ok(Date.now() - started >= (LEASE - 3) * 1000, 'it waited for the lease to lapse');
  assert.equal(traffic.failed, 0, traffic.errors.slice(0, 5).join('\n'));
  // One healthy release, no duplicate containers.
  assert.equal(stack.current(), B.sha);
  assert.equal((await stack.get()).body.trim(), 'api B');
  assert.deepEqual(stack.containers('api').map((c) => c.image), [`${stack.prefix}/api:sha-${B.sha}`]);
  assert.equal(stack.containers('worker').length, 1);
  assert.equal(stack.lockState(), 'free');
  const audit = stack.audit();
  const abandoned = audit.find((r) => r['kind'] === 'abandoned');
  assert.ok(abandoned, JSON.stringify(audit));
  assert.equal(abandoned!['sha'], B.sha);
  assert.equal(abandoned!['actor'], 'killed-run');
  assert.equal(abandoned!['result'], 'failed');
  assert.match(String(abandoned!['error']), /stopped renewing its lock lease.*taken over by next-run/);
  assert.deepEqual([audit.at(-1)!['sha'], audit.at(-1)!['result'], audit.at(-1)!['actor']], [B.sha, 'success', 'next-run']);
});

