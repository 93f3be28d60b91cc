import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSummary, formatBytes } from '../../../src/build/summary.js';
import type { ImageOutcome } from '../../../src/build/build-image.js';
import type { ImagePlan } from '../../../src/build/plan.js';

const plan = (name: string, services: string[]): ImagePlan => ({ repository: `ghcr.io/a/b/${name}`, path: `a/b/${name}`, services, context: '/c', dockerfile: '/c/Dockerfile', args: {}, from: 'x' });
const TAG = 'sha-0123456789abcdef0123456789abcdef01234567';

test('summary: one row per image with digest, size, result and time; failures with step and log tail', () => {
  const outcomes: ImageOutcome[] = [
    { plan: plan('api', ['api', 'worker']), status: 'skipped', digest: 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', size: 2_500_000, seconds: 0.04, detail: 'already pushed' },
    { plan: plan('web', ['web']), status: 'failed', seconds: 1.5, detail: 'build failed', error: 'docker build exited with 3', failingStep: 'Step 3/4 : RUN make', logTail: ['a', '```', 'b'] },
  ];
  const md = buildSummary(outcomes, [TAG, 'latest'], 'docker build + docker push');
  assert.match(md, /Engine: docker build \+ docker push/);
  assert.match(md, /\| `ghcr.io\/a\/b\/api` \| api, worker \| `sha-0123456789abcdef0123456789abcdef01234567` `latest` \| `sha256:a{64}` \| 2.4 MiB \| skipped \(already pushed\) \| 0.0 s \|/);
  assert.match(md, /\| \*\*failed\*\* \| 1.5 s \|/);
  assert.match(md, /Failing step: `Step 3\/4 : RUN make`/);
  // A ``` in the log cannot end the code block early.
  assert.match(md, /````text\na\n```\nb\n````/);
});

for (const [n, want] of [[undefined, ''], [512, '512 B'], [2048, '2.0 KiB'], [50 * 1024 * 1024, '50 MiB'], [3 * 1024 ** 3, '3.0 GiB']] as const) {
  test(`formatBytes(${n}) = ${JSON.stringify(want)}`, () => assert.equal(formatBytes(n), want));
}
