import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSummary, pushedText } from '../../../src/build/summary.js';
import { formatBytes } from '../../../src/report/format.js';
import type { ImageOutcome } from '../../../src/build/build-image.js';
import type { ImagePlan } from '../../../src/build/image-plan.js';

const plan = (name: string, services: string[]): ImagePlan => ({ repository: `ghcr.io/a/b/${name}`, path: `a/b/${name}`, services, context: '/c', dockerfile: '/c/Dockerfile', args: {}, argsFromEnv: [], from: 'x' });
const TAG = 'sha-0123456789abcdef0123456789abcdef01234567';

test('summary: one row per image with digest, size, result and time; failures with step and log tail', () => {
  const outcomes: ImageOutcome[] = [
    { plan: plan('api', ['api', 'worker']), status: 'skipped', digest: 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', size: 2_500_000, seconds: 0.04, detail: 'already pushed', pushed: [] },
    { plan: plan('web', ['web']), status: 'failed', seconds: 1.5, detail: 'build failed', error: 'docker build exited with 3', failingStep: 'Step 3/4 : RUN make', logTail: ['a', '```', 'b'], pushed: ['latest'] },
  ];
  const md = buildSummary(outcomes, [TAG, 'latest'], 'docker build + docker push');
  assert.match(md, /Engine: docker build \+ docker push/);
  assert.match(md, /\| `ghcr.io\/a\/b\/api` \| api, worker \| `sha-0123456789abcdef0123456789abcdef01234567` `latest` \| `sha256:a{64}` \| 2.4 MiB \| skipped \(already pushed\) \| 0.0 s \|/);
  assert.match(md, /\| \*\*failed\*\* \| 1.5 s \|/);
  assert.match(md, /Failing step: `Step 3\/4 : RUN make`/);
  assert.match(md, /docker build exited with 3 \(pushed latest, not sha-0123456789abcdef0123456789abcdef01234567; without sha-0123456789abcdef0123456789abcdef01234567 the next run builds it again\)/);
  // A ``` in the log cannot end the code block early.
  assert.match(md, /````text\na\n```\nb\n````/);
});

for (const [n, want] of [[undefined, ''], [512, '512 B'], [2048, '2.0 KiB'], [50 * 1024 * 1024, '50 MiB'], [3 * 1024 ** 3, '3.0 GiB']] as const) {
  test(`formatBytes(${n}) = ${JSON.stringify(want)}`, () => assert.equal(formatBytes(n), want));
}

const pushedCases: { name: string; pushed: string[]; want: string }[] = [
  { name: 'nothing', pushed: [], want: 'nothing was pushed' },
  { name: 'extras but not the sha tag', pushed: ['sha-short', 'main'], want: `pushed sha-short, main, not latest, ${TAG}; without ${TAG} the next run builds it again` },
  { name: 'every tag', pushed: ['sha-short', 'main', 'latest', TAG], want: `every tag was pushed (sha-short, main, latest, ${TAG})` },
  // Only buildx, whose export order is its own, can leave the sha tag without an extra one.
  { name: 'sha tag but not an extra', pushed: [TAG, 'sha-short'], want: `pushed ${TAG}, sha-short, not main, latest` },
];
test('pushedText: unknown when the registry could not be asked', () => assert.match(pushedText({ pushed: undefined }, [TAG]), /unknown/));

for (const c of pushedCases) {
  test(`pushedText: ${c.name}`, () => assert.equal(pushedText({ pushed: c.pushed }, [TAG, 'sha-short', 'main', 'latest']), c.want));
}
