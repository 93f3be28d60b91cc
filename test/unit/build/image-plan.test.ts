import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readComposeServices } from '../../../src/build/compose-files.js';
import { planImages, type PlanInput } from '../../../src/build/image-plan.js';
import { imageRepository } from '../../../src/compose/image-ref.js';
import { InputError } from '../../../src/errors.js';
import type { BuildServiceConfig } from '../../../src/config/sections/build.js';

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

test('the config file\'s build.services wins over the Compose build: sections key by key', () => {
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

/*
 * build.services.<svc> merges key by key over the Compose build: section (config wins per key, args
 * per name), so an entry with only args or target keeps the Compose context and Dockerfile.
 */
const MERGE_PROJECT = {
  'compose.yaml': 'services:\n  app:\n    image: r.io/o/p/app:x\n    build:\n      context: ./app\n      dockerfile: Dockerfile.app\n      target: dev\n      args:\n        A: compose\n        B: compose\n',
  'app/Dockerfile.app': 'FROM scratch\n',
  'app/Dockerfile': 'FROM scratch\n',
  'other/Dockerfile.app': 'FROM scratch\n',
  'Dockerfile': 'FROM scratch\n',
};
const mergeCases: { name: string; config: BuildServiceConfig; want: { context: string; dockerfile: string; target?: string; args: Record<string, string> } }[] = [
  { name: 'args only: Compose context, Dockerfile and target kept, args merged by name', config: { args: { B: 'config', C: 'config' } }, want: { context: 'app', dockerfile: 'app/Dockerfile.app', target: 'dev', args: { A: 'compose', B: 'config', C: 'config' } } },
  { name: 'target only', config: { target: 'prod' }, want: { context: 'app', dockerfile: 'app/Dockerfile.app', target: 'prod', args: { A: 'compose', B: 'compose' } } },
  { name: 'dockerfile only: relative to the Compose context', config: { dockerfile: 'Dockerfile' }, want: { context: 'app', dockerfile: 'app/Dockerfile', target: 'dev', args: { A: 'compose', B: 'compose' } } },
  { name: 'context only: the Compose dockerfile is looked up in the new context', config: { context: 'other' }, want: { context: 'other', dockerfile: 'other/Dockerfile.app', target: 'dev', args: { A: 'compose', B: 'compose' } } },
  { name: 'every key from the config', config: { context: '.', dockerfile: 'Dockerfile', target: 't', args: { A: 'config' } }, want: { context: '', dockerfile: 'Dockerfile', target: 't', args: { A: 'config', B: 'compose' } } },
];
for (const c of mergeCases) {
  test(`config over Compose build: ${c.name}`, () => {
    const d = tmpProject(MERGE_PROJECT);
    const prod = readComposeServices({ files: ['compose.yaml'] }, d);
    const [image] = planImages({ prefix: 'r.io/o/p', prod, vars: {}, cwd: d, config: { app: c.config } }).images;
    assert.deepEqual({ context: image!.context, dockerfile: image!.dockerfile, target: image!.target, args: image!.args }, { ...c.want, context: join(d, c.want.context), dockerfile: join(d, c.want.dockerfile) });
    assert.match(image!.from, /^compose-deploy\.yml build\.services\.app over prod set, service app \(compose\.yaml:5:7\)$/);
  });
}

test('a config entry without a Compose build: section builds from the repository root by default', () => {
  const d = tmpProject({ 'compose.yaml': 'services:\n  app:\n    image: r.io/o/p/app:x\n', Dockerfile: 'FROM scratch\n' });
  const prod = readComposeServices({ files: ['compose.yaml'] }, d);
  const [image] = planImages({ prefix: 'r.io/o/p', prod, vars: {}, cwd: d, config: { app: { target: 'prod' } } }).images;
  assert.equal(image!.context, d);
  assert.equal(image!.dockerfile, join(d, 'Dockerfile'));
  assert.equal(image!.from, 'compose-deploy.yml build.services.app');
});

test('a missing Dockerfile named by the config points at the config file', () => {
  const d = tmpProject(MERGE_PROJECT);
  const prod = readComposeServices({ files: ['compose.yaml'] }, d);
  assert.throws(
    () => planImages({ prefix: 'r.io/o/p', prod, vars: {}, cwd: d, configFile: 'ci/compose-deploy.yml', config: { app: { dockerfile: 'Nope' } } }),
    (e: Error) => e instanceof InputError && /^ci\/compose-deploy\.yml: no Dockerfile at app\/Nope/.test(e.message),
  );
});

test('a build arg taken from the environment stays "from the environment" unless the config gives it a value', () => {
  const d = tmpProject({ 'compose.yaml': 'services:\n  app:\n    image: r.io/o/p/app:x\n    build:\n      context: .\n      args: [NPM_TOKEN, REGION]\n', Dockerfile: 'FROM scratch\n' });
  const prod = readComposeServices({ files: ['compose.yaml'] }, d, { NPM_TOKEN: 'tok', REGION: 'eu' });
  const plan = (config?: Record<string, BuildServiceConfig>) => planImages({ prefix: 'r.io/o/p', prod, vars: {}, cwd: d, config }).images[0]!;
  assert.deepEqual(plan().argsFromEnv, ['NPM_TOKEN', 'REGION']);
  const overridden = plan({ app: { args: { REGION: 'us' } } });
  assert.deepEqual(overridden.argsFromEnv, ['NPM_TOKEN']);
  assert.equal(overridden.args['REGION'], 'us');
});
