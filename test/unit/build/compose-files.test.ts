import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { envFileVars, readComposeServices } from '../../../src/build/compose-files.js';
import { interpolate } from '../../../src/compose/model-vars.js';
import { devSet, prodSet } from '../../../src/compose/sets.js';
import { InputError } from '../../../src/errors.js';
import { tempProject } from '../compose/helpers.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/build/two-images');

const dir = (files: Record<string, string>) => tempProject(files, 'cd-build-compose-');

const interpolations: [string, Record<string, string>, string, string[]][] = [
  ['r/api:${IMAGE_TAG}', { IMAGE_TAG: 'sha-1' }, 'r/api:sha-1', []],
  ['r/api:$IMAGE_TAG', { IMAGE_TAG: 'sha-1' }, 'r/api:sha-1', []],
  ['r/api:${TAG:-latest}', {}, 'r/api:latest', []],
  ['r/api:${TAG:-latest}', { TAG: '' }, 'r/api:latest', []],
  ['r/api:${TAG-latest}', { TAG: '' }, 'r/api:', []],
  ['${REGISTRY}/api', {}, '/api', ['REGISTRY']],
  ['${REGISTRY:?set it}/api', { REGISTRY: 'ghcr.io' }, 'ghcr.io/api', []],
  ['cost $$5', {}, 'cost $5', []],
];
/** How build interpolates an image name: the shared interpolate, told to report a missing variable rather than fail. */
function lenient(text: string, vars: Record<string, string>): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = interpolate(text, new Map(Object.entries(vars)), (name) => missing.push(name));
  return { value, missing };
}
for (const [text, vars, want, missing] of interpolations) {
  test(`interpolate(${JSON.stringify(text)})`, () => assert.deepEqual(lenient(text, vars), { value: want, missing }));
}

const sets = (cwd: string, compose?: object) => {
  const settings = { config: compose ? { compose } : {}, cwd };
  return { prod: prodSet(settings), dev: devSet(settings) };
};

test('conventional layout: prod = base + compose.prod.yaml, dev = base (+ override)', () => {
  assert.deepEqual(sets(FIXTURE).prod.files, ['compose.yaml', 'compose.prod.yaml']);
  assert.deepEqual(sets(FIXTURE).dev?.files, ['compose.yaml']);
  const d = dir({ 'docker-compose.yml': 'services: {}\n', 'docker-compose.override.yml': 'services: {}\n' });
  assert.deepEqual(sets(d).prod.files, ['docker-compose.yml']);
  assert.deepEqual(sets(d).dev?.files, ['docker-compose.yml', 'docker-compose.override.yml']);
  assert.deepEqual(sets(dir({ 'docker-compose.prod.yml': 'services: {}\n' })).prod.files, ['docker-compose.prod.yml']);
});

test('config file sets win over the conventions; no files at all is an InputError', () => {
  const prod = sets(FIXTURE, { prod: { files: ['deploy/prod.yml'], envFile: '.env.prod.example' } }).prod;
  assert.deepEqual([prod.files, prod.envFile, prod.discovered], [['deploy/prod.yml'], '.env.prod.example', false]);
  assert.throws(() => sets(dir({})), (e: Error) => e instanceof InputError && /no prod Compose files/.test(e.message));
});

test('image names take the configured env file (the environment first), never a discovered example one', () => {
  const d = dir({ '.env.prod': 'REGISTRY=ghcr.io\nTAG=${REGISTRY}-1\nnot a line\n', '.env.prod.example': 'REGISTRY=example\n' });
  assert.deepEqual(envFileVars({ envFile: '.env.prod', discovered: false }, d, {}), { REGISTRY: 'ghcr.io', TAG: 'ghcr.io-1' });
  assert.deepEqual(envFileVars({ envFile: '.env.prod', discovered: false }, d, { REGISTRY: 'env' }), { REGISTRY: 'env', TAG: 'env-1' });
  assert.deepEqual(envFileVars({ envFile: '.env.prod.example', discovered: true }, d, {}), {});
});

test('services: later files override image, merge build, and keep locations', () => {
  const prod = readComposeServices({ files: ['compose.yaml', 'compose.prod.yaml'] }, FIXTURE);
  assert.deepEqual([...prod.keys()].sort(), ['api', 'db', 'migrate', 'web', 'worker']);
  assert.equal(prod.get('api')!.image, '__PREFIX__/api:${IMAGE_TAG}');
  assert.deepEqual(prod.get('api')!.imageLocation, { file: 'compose.prod.yaml', line: 4, column: 12 });
  assert.equal(prod.get('api')!.build!.context, join(FIXTURE, 'api'));
  assert.deepEqual(prod.get('web')!.build, { context: join(FIXTURE, 'web'), dockerfile: 'Dockerfile.web', target: undefined, args: { GREETING: 'hello' }, argsFromEnv: [], location: { file: 'compose.yaml', line: 16, column: 7 } });
});

test('build args as a list, bare names from the environment, and build merged across files', () => {
  process.env['CD_TEST_FROM_ENV'] = 'env-value';
  const d = dir({
    'a.yml': 'services:\n  app:\n    build:\n      context: ./src\n      args: ["A=1", "CD_TEST_FROM_ENV", "UNSET_ONE"]\n',
    'b.yml': 'services:\n  app:\n    build:\n      target: prod\n      args:\n        B: 2\n',
  });
  const app = readComposeServices({ files: ['a.yml', 'b.yml'] }, d).get('app')!;
  assert.equal(app.build!.context, join(d, 'src'));
  assert.equal(app.build!.target, 'prod');
  assert.deepEqual(app.build!.args, { A: '1', CD_TEST_FROM_ENV: 'env-value', B: '2' });
  assert.deepEqual(app.build!.argsFromEnv, ['CD_TEST_FROM_ENV'], 'only the bare name that was set is taken from the environment');
});

test('bad Compose input: missing file, YAML error with line, dockerfile_inline', () => {
  const d = dir({ 'bad.yml': 'services:\n  app:\n    image: [unclosed\n', 'inline.yml': 'services:\n  app:\n    build:\n      dockerfile_inline: FROM scratch\n' });
  assert.throws(() => readComposeServices({ files: ['nope.yml'] }, d), (e: Error) => e instanceof InputError && e.message === 'nope.yml: Compose file not found');
  assert.throws(() => readComposeServices({ files: ['bad.yml'] }, d), (e: Error) => e instanceof InputError && /^bad\.yml:\d+:\d+: invalid YAML/.test(e.message));
  assert.throws(() => readComposeServices({ files: ['inline.yml'] }, d), /dockerfile_inline is not supported/);
});

test('env file: comments, export, quotes; a line Compose would refuse is skipped', () => {
  const d = dir({ '.env': '# c\nexport A=1\nB="two words"\nC=\'x\'\n\nnot a line\n' });
  assert.deepEqual(envFileVars({ envFile: '.env', discovered: false }, d, {}), { A: '1', B: 'two words', C: 'x' });
});

test('services are read through the shared Compose model: build: ./dir merges with a later mapping, anchors resolve', () => {
  const d = dir({
    'a.yml': 'x-build: &b\n  context: ./shared\n  args: { A: "1" }\nservices:\n  app:\n    build: ./src\n  other:\n    image: r/other:1\n    build:\n      <<: *b\n',
    'b.yml': 'services:\n  app:\n    image: r/app:${IMAGE_TAG}\n    build:\n      dockerfile: Dockerfile.prod\n',
  });
  const services = readComposeServices({ files: ['a.yml', 'b.yml'] }, d);
  assert.deepEqual(services.get('app')!.build, { context: join(d, 'src'), dockerfile: 'Dockerfile.prod', target: undefined, args: {}, argsFromEnv: [], location: { file: 'b.yml', line: 5, column: 7 } });
  assert.deepEqual(services.get('app')!.imageLocation, { file: 'b.yml', line: 3, column: 12 });
  assert.deepEqual(services.get('other')!.build, { context: join(d, 'shared'), dockerfile: undefined, target: undefined, args: { A: '1' }, argsFromEnv: [], location: { file: 'a.yml', line: 10, column: 7 } });
});

test('env file: Compose\'s syntax (inline comments, escapes; KEY alone takes the environment\'s value, else stays unset)', () => {
  const d = dir({ '.env': 'A=1 # note\nB="x\\ny"\nC\nD\n' });
  assert.deepEqual(envFileVars({ envFile: '.env', discovered: false }, d, { D: 'from-env' }), { A: '1', B: 'x\ny', D: 'from-env' });
});

test('extends and include are resolved as Compose resolves them: build context from the writing file\'s folder, a later file still merges in', () => {
  const d = dir({
    'compose.yaml': 'include:\n  - ./jobs/compose.yaml\nservices:\n  api:\n    extends:\n      file: ./common/${BASE_FILE}\n      service: base\n    image: r/api:${IMAGE_TAG}\n',
    'common/base.yml': 'services:\n  base:\n    build:\n      context: ../api\n      target: prod\n',
    'jobs/compose.yaml': 'services:\n  cron:\n    image: r/cron:${IMAGE_TAG}\n    build: .\n',
    'compose.prod.yaml': 'services:\n  api:\n    build:\n      args:\n        MODE: prod\n',
  });
  const services = readComposeServices({ files: ['compose.yaml', 'compose.prod.yaml'] }, d, {}, { BASE_FILE: 'base.yml' });
  const api = services.get('api')!.build!;
  assert.equal(api.context, join(d, 'api'), 'the extended file\'s ../api, from common/');
  assert.equal(api.target, 'prod');
  assert.deepEqual(api.args, { MODE: 'prod' });
  assert.equal(services.get('cron')!.build!.context, join(d, 'jobs'), 'the included project builds from its own folder');
  assert.equal(services.get('cron')!.image, 'r/cron:${IMAGE_TAG}');
});

test('extends of a file outside the repository is not followed: nothing outside is read', () => {
  const outside = dir({ 'x.yml': 'services:\n  base:\n    build: /etc\n' });
  const d = dir({ 'compose.yaml': `services:\n  api:\n    image: r/api:1\n    extends:\n      file: ${join(outside, 'x.yml')}\n      service: base\n` });
  assert.equal(readComposeServices({ files: ['compose.yaml'] }, d).get('api')!.build, undefined);
});
