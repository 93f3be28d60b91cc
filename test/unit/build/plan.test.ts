import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readComposeServices } from '../../../src/build/compose-files.js';
import { planImages, type PlanInput } from '../../../src/build/plan.js';
import { imageRepository } from '../../../src/compose/image-ref.js';
import { InputError } from '../../../src/errors.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/build/two-images');
const PREFIX = '__PREFIX__';

for (const [image, want] of [
  ['ghcr.io/a/b:sha-1', 'ghcr.io/a/b'],
  ['127.0.0.1:5000/a/b', '127.0.0.1:5000/a/b'],
  ['127.0.0.1:5000/a/b:tag', '127.0.0.1:5000/a/b'],
  ['ghcr.io/a/b@sha256:abc', 'ghcr.io/a/b'],
  ['ghcr.io/a/b:t@sha256:abc', 'ghcr.io/a/b'],
  ['postgres:15', 'postgres'],
] as const) {
  test(`imageRepository(${image}) = ${want}`, () => assert.equal(imageRepository(image), want));
}

function fixtureInput(over: Partial<PlanInput> = {}): PlanInput {
  return {
    prefix: PREFIX,
    prod: readComposeServices({ files: ['compose.yaml', 'compose.prod.yaml'] }, FIXTURE),
    dev: readComposeServices({ files: ['compose.yaml'] }, FIXTURE),
    vars: { IMAGE_TAG: 'sha-x' },
    cwd: FIXTURE,
    ...over,
  };
}

test('services sharing an image are built once; third-party images are left alone', () => {
  const plan = planImages(fixtureInput());
  assert.deepEqual(plan.images.map((i) => [i.repository, i.services]), [
    ['__PREFIX__/api', ['api', 'migrate', 'worker']],
    ['__PREFIX__/web', ['web']],
  ]);
  const web = plan.images[1]!;
  assert.equal(web.dockerfile, join(FIXTURE, 'web/Dockerfile.web'));
  assert.deepEqual(web.args, { GREETING: 'hello' });
  assert.match(web.from, /^prod set, service web \(compose.yaml:16:7\)$/);
  assert.match(plan.notes.join('\n'), /service db: compose-deploy-test\/postgres is not under __PREFIX__\//);
});

test('the config file\'s build.services beats the Compose build: sections', () => {
  const plan = planImages(fixtureInput({ config: { worker: { context: 'web', dockerfile: 'Dockerfile.web', args: { X: '1' } }, ghost: { context: '.' } } }));
  const api = plan.images[0]!;
  assert.equal(api.context, join(FIXTURE, 'web'));
  assert.deepEqual(api.args, { X: '1' });
  assert.match(api.from, /build\.services\.worker/);
  assert.match(plan.notes.join('\n'), /build\.services\.ghost .* names no prod service/);
});

function tmpProject(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'cd-build-plan-'));
  for (const [n, t] of Object.entries(files)) {
    mkdirSync(join(d, n, '..'), { recursive: true });
    writeFileSync(join(d, n), t);
  }
  return d;
}

test('no Dockerfile: InputError at the build: line, naming the missing path', () => {
  const d = tmpProject({ 'compose.yaml': 'services:\n  app:\n    image: r.io/o/p/app:x\n    build: ./app\n', 'app/readme': 'no dockerfile here' });
  const prod = readComposeServices({ files: ['compose.yaml'] }, d);
  assert.throws(() => planImages({ prefix: 'r.io/o/p', prod, vars: {}, cwd: d }), (e: Error) => e instanceof InputError && /^compose\.yaml:4:12: no Dockerfile at app\/Dockerfile for r\.io\/o\/p\/app/.test(e.message));
});

test('no build settings anywhere: InputError at the image: line, saying where to add them', () => {
  const d = tmpProject({ 'compose.yaml': 'services:\n  app:\n    image: r.io/o/p/app:x\n' });
  const prod = readComposeServices({ files: ['compose.yaml'] }, d);
  assert.throws(() => planImages({ prefix: 'r.io/o/p', prod, vars: {}, cwd: d }), (e: Error) => e instanceof InputError && /compose\.yaml:3:12: image r\.io\/o\/p\/app \(service app\) has no build settings.*build\.services\.app\.context/.test(e.message));
});

test('a context that is not a directory is an InputError', () => {
  const d = tmpProject({ 'compose.yaml': 'services:\n  app:\n    image: r.io/o/p/app:x\n    build: ./missing\n' });
  const prod = readComposeServices({ files: ['compose.yaml'] }, d);
  assert.throws(() => planImages({ prefix: 'r.io/o/p', prod, vars: {}, cwd: d }), /build context missing .* is not a directory/);
});
