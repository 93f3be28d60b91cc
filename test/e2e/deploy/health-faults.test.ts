import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort, loadLoop, randomSha } from './stack.js';
import { runAction } from '../lib/run-action.js';

const A = { sha: randomSha(), label: 'A' };
const SLOW = { sha: randomSha(), label: 'SLOW' };
const FLAP = { sha: randomSha(), label: 'FLAP', flap: true };
let stack: ExampleStack;

before(async () => {
  stack = new ExampleStack(await freePort());
  // Both old and new serve for 8 s before the old one stops: long enough for a flapping release to show it.
  const config = join(stack.workspace, 'compose-deploy.yml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('drain-seconds: 1', 'drain-seconds: 8'));
  for (const v of [A, SLOW, FLAP]) stack.buildAndPush(v);
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
});
after(() => stack?.destroy());

async function deployUnderLoad(sha: string, extra: Record<string, string> = {}) {
  const apiBefore = stack.containers('api').map((c) => c.id);
  const load = loadLoop(stack.proxyPort);
  const res = await runAction(stack.inputs(sha, extra), { workspace: stack.workspace });
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  return { res, traffic, apiBefore };
}

test('a release that becomes healthy only after health-timeout is rolled back; A keeps serving', async () => {
  stack.bootSeconds = 12;
  const { res, traffic, apiBefore } = await deployUnderLoad(SLOW.sha, { 'health-timeout': '6' });
  stack.bootSeconds = 4;
  assert.equal(res.code, 1, res.stdout);
  assert.equal(res.outputs['result'], 'rolled-back');
  assert.match(res.stdout, /not ready after 6s/);
  assert.equal(traffic.failed, 0, traffic.errors.slice(0, 5).join('\n'));
  assert.deepEqual(stack.containers('api').map((c) => c.id), apiBefore, 'the old api container kept serving, untouched');
  assert.equal(stack.current(), A.sha);
  assert.equal((await stack.get()).body.trim(), 'api A');
});

test('a release that turns unhealthy during the drain is rolled back before the old container stops', async () => {
  const { res, traffic, apiBefore } = await deployUnderLoad(FLAP.sha);
  assert.equal(res.code, 1, res.stdout);
  assert.equal(res.outputs['result'], 'rolled-back');
  assert.match(res.stdout, /healthcheck turned unhealthy during the drain/);
  assert.deepEqual(stack.containers('api').map((c) => c.id), apiBefore, 'the old api container was never stopped');
  assert.equal(stack.current(), A.sha);
  assert.equal((await stack.get()).body.trim(), 'api A');
  // The proxy retries a dial that fails, so the dying server costs no request.
  assert.equal(traffic.failed, 0, traffic.errors.slice(0, 5).join('\n'));
  assert.equal(stack.lockState(), 'free');
});
