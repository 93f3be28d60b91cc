import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_ALONE_NOTE, configuredSets, describeSet, devSet, discoverSets, prodSet, resolveSets, setsReason } from '../../../src/compose/sets.js';
import { envFileVars } from '../../../src/build/compose-files.js';
import { prodComposeFiles } from '../../../src/deploy/deploy-settings.js';
import { resolveSettings } from '../../../src/config/settings.js';
import { readTextFile } from '../../../src/config/read-text.js';
import { InputError } from '../../../src/errors.js';
import { tempProject } from './helpers.js';

const dir = (files: Record<string, string>) => tempProject(files, 'cd-compose-sets-');

const S = 'services: {}\n';
const settingsIn = (cwd: string) => resolveSettings({ explicit: { command: 'validate' }, env: {}, cwd });
const filesOf = (sets: ReturnType<typeof discoverSets>) => ({ dev: sets.dev?.files, prod: sets.prod?.files });

// One discovery for validate, build and deploy: [files present, dev set, prod set].
const layouts: [string[], string[] | undefined, string[] | undefined][] = [
  [['compose.yaml', 'compose.prod.yaml'], ['compose.yaml'], ['compose.yaml', 'compose.prod.yaml']],
  [['compose.yaml', 'compose.override.yaml', 'compose.prod.yaml'], ['compose.yaml', 'compose.override.yaml'], ['compose.yaml', 'compose.prod.yaml']],
  [['docker-compose.yml', 'docker-compose.prod.yml'], ['docker-compose.yml'], ['docker-compose.yml', 'docker-compose.prod.yml']],
  [['compose.yaml', 'docker-compose.prod.yml'], ['compose.yaml'], ['compose.yaml', 'docker-compose.prod.yml']],
  [['compose.prod.yml'], undefined, ['compose.prod.yml']],
  [['docker-compose.prod.yml'], undefined, ['docker-compose.prod.yml']],
  [['compose.yaml'], ['compose.yaml'], undefined],
  [['compose.yaml', 'docker-compose.yml'], ['compose.yaml'], undefined],
];
for (const [present, dev, prod] of layouts) {
  test(`discoverSets: ${present.join(' + ')}`, () => {
    const d = dir(Object.fromEntries(present.map((f) => [f, S])));
    assert.deepEqual(filesOf(discoverSets(d)), { dev, prod });
    // One prod set for validate, build and deploy: the conventional one, else the base file alone.
    const settings = settingsIn(d);
    const prodFiles = prod ?? [present[0]!];
    assert.deepEqual(prodSet(settings).files, prodFiles);
    assert.equal(prodSet(settings).note, prod ? undefined : BASE_ALONE_NOTE);
    assert.deepEqual(resolveSets(settings).map((s) => s.files), [dev, prodFiles].filter((f) => f !== undefined));
    assert.deepEqual(prodComposeFiles(settings), prodFiles);
  });
}

test('the base file alone as the prod set says so and takes the prod example env file', () => {
  const d = dir({ 'compose.yaml': S, '.env.prod.example': 'A=1\n' });
  const set = prodSet(settingsIn(d));
  assert.deepEqual({ files: set.files, envFile: set.envFile, discovered: set.discovered }, { files: ['compose.yaml'], envFile: '.env.prod.example', discovered: true });
  assert.equal(describeSet(set), 'compose.yaml with .env.prod.example (no prod file: the base file alone is the prod set)');
});

test('a config naming only compose.prod: validate, build and deploy take that set alone, no dev set found by file name', () => {
  // compose.override.yaml and .env.example would make a conventional dev set: the named set wins over convention.
  const d = dir({ 'compose.yaml': S, 'compose.override.yaml': S, '.env.example': 'A=1\n', 'deploy/prod.yml': S, 'compose-deploy.yml': 'compose:\n  prod:\n    files: [compose.yaml, deploy/prod.yml]\n    env-file: .env.prod\n' });
  const settings = settingsIn(d);
  assert.deepEqual(resolveSets(settings).map((s) => [s.name, s.files, s.discovered]), [['prod', ['compose.yaml', 'deploy/prod.yml'], false]]);
  assert.equal(devSet(settings), undefined);
  assert.deepEqual(prodComposeFiles(settings), ['compose.yaml', 'deploy/prod.yml']);
  assert.match(setsReason(settings), /compose\.prod as named in compose-deploy\.yml, and no dev set/);
});

test('a config file without a compose section: the sets are found by file name, and the log says so', () => {
  const d = dir({ 'compose.yaml': S, 'compose.override.yaml': S, 'compose.prod.yaml': S, 'compose-deploy.yml': 'validate:\n  fail-on: error\n' });
  const settings = settingsIn(d);
  assert.deepEqual(resolveSets(settings).map((s) => [s.name, s.files, s.discovered]), [['dev', ['compose.yaml', 'compose.override.yaml'], true], ['prod', ['compose.yaml', 'compose.prod.yaml'], true]]);
  assert.equal(setsReason(settings), 'compose-deploy.yml names no compose set: the sets are found by their conventional file names');
  assert.equal(setsReason(settingsIn(dir({ 'compose.yaml': S }))), 'no config file: the sets are found by their conventional file names');
});

test('discovered sets carry the example env files; build does not interpolate with them', () => {
  const d = dir({ 'compose.yaml': S, 'compose.prod.yaml': S, '.env.example': 'A=1\n', '.env.prod.example': 'A=2\n' });
  const sets = discoverSets(d);
  assert.equal(sets.dev?.envFile, '.env.example');
  assert.equal(sets.prod?.envFile, '.env.prod.example');
  assert.equal(sets.prod?.discovered, true);
  assert.deepEqual(envFileVars(sets.prod!, d, {}), {});
});

test('configured sets win; validate, build and deploy fill the other set by convention', () => {
  const d = dir({ 'compose.yaml': S, 'compose.prod.yaml': S, 'deploy/dev.yml': S, 'compose-deploy.yml': 'compose:\n  dev:\n    files: [deploy/dev.yml]\n    env-file: .env.dev\n' });
  const settings = settingsIn(d);
  const configured = configuredSets(settings.config.compose, settings.configPath, d);
  assert.equal(configured.prod, undefined);
  assert.deepEqual(configured.dev?.files, ['deploy/dev.yml']);
  assert.deepEqual(configured.dev?.configLoc('env-file'), { file: 'compose-deploy.yml', line: 4, column: 15 });
  assert.deepEqual(resolveSets(settings).map((s) => [s.name, s.files]), [['dev', ['deploy/dev.yml']], ['prod', ['compose.yaml', 'compose.prod.yaml']]]);
  assert.deepEqual(prodComposeFiles(settings), ['compose.yaml', 'compose.prod.yaml']);
});

test('nothing to find: validate, build and deploy say the same thing, naming the files they look for', () => {
  const d = dir({ 'readme.md': 'x' });
  const want = 'no prod Compose files: set compose.prod.files in compose-deploy.yml, or add compose.yaml + compose.prod.yaml (or docker-compose.yml + docker-compose.prod.yml)';
  const same = (e: Error) => e instanceof InputError && e.message === want;
  assert.throws(() => prodSet(settingsIn(d)), same);
  assert.throws(() => resolveSets(settingsIn(d)), same);
  assert.throws(() => prodComposeFiles(settingsIn(d)), same);
});

test('readTextFile: the text, or an InputError at the file saying what is missing or unreadable', () => {
  const d = dir({ 'a.txt': 'hello\n' });
  assert.equal(readTextFile(join(d, 'a.txt'), 'a.txt', 'file'), 'hello\n');
  assert.throws(() => readTextFile(join(d, 'nope.env'), 'nope.env', 'env file'), (e: Error) => e instanceof InputError && e.message === 'nope.env: env file not found');
  assert.throws(() => readTextFile(d, 'somedir', 'Compose file'), (e: Error) => e instanceof InputError && e.message === 'somedir: cannot read Compose file (EISDIR)');
});
