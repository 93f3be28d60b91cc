import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ExampleStack, freePort, loadLoop, randomSha } from './stack.js';
import { runAction } from '../lib/run-action.js';
import { faultyRegistry } from '../lib/faulty-registry.js';

const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
let stack: ExampleStack;
let registry: Awaited<ReturnType<typeof faultyRegistry>>;

before(async () => {
  stack = new ExampleStack(await freePort());
  registry = await faultyRegistry(stack.h.registry);
  for (const v of [A, B]) stack.buildAndPush(v);
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
});
after(async () => {
  await registry?.close();
  stack?.destroy();
});

/** Deploy inputs that pull B through the faulty proxy (the same registry content under the proxy's address). */
function throughProxy(sha: string): Record<string, string> {
  const inputs = stack.inputs(sha, { registry: registry.address });
  inputs['env-file'] = inputs['env-file']!.replace(`IMAGE_PREFIX=${stack.prefix}`, `IMAGE_PREFIX=${registry.address}/${stack.project}`);
  return inputs;
}

test('the registry answers 503 on every pull: bounded retries, the error names the image, nothing running is touched', async () => {
  const before = stack.allContainerIds();
  registry.fail('503');
  const seenBefore = registry.manifestRequests();
  const load = loadLoop(stack.proxyPort);
  const res = await runAction(throughProxy(B.sha), { workspace: stack.workspace });
  const traffic = await load.stop();
  registry.fail('none');
  assert.equal(res.code, 1, res.stdout);
  assert.equal(res.outputs['result'], 'failed');
  // The image prefix is an env-file value, so the log masks it; the rest of the name is there.
  assert.match(res.stdout, new RegExp(`pulling \\S*/(api|worker):sha-${B.sha} failed`), 'the error names the image');
  assert.match(res.stdout, /503/);
  const attempts = registry.manifestRequests() - seenBefore;
  assert.ok(attempts >= 2 && attempts <= 12, `retries are bounded: ${attempts} manifest requests`);
  assert.deepEqual(stack.allContainerIds(), before, 'no container was started, stopped or replaced');
  assert.equal(stack.current(), A.sha);
  assert.equal(traffic.failed, 0);
  assert.equal(stack.lockState(), 'free');
});

test('the registry resets the connection twice, then answers: the pull retries and the deploy goes through', async () => {
  registry.fail('reset', 2);
  const res = await runAction(throughProxy(B.sha), { workspace: stack.workspace });
  registry.fail('none');
  assert.equal(res.code, 0, res.stdout);
  assert.equal(stack.current(), B.sha);
  assert.equal((await stack.get()).body.trim(), 'api B');
});
