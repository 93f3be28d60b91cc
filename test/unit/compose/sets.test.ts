import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { configuredSets, discoverSets, resolveSets } from '../../../src/compose/sets.js';
import { composeSets } from '../../../src/build/compose-files.js';
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
    // validate checks the same sets, build and deploy take the same prod files.
    assert.deepEqual(resolveSets(settingsIn(d)).map((s) => s.files), [dev, prod].filter((f) => f !== undefined));
    if (prod) {
      assert.deepEqual(composeSets(undefined, d).prod.files, prod);
      assert.deepEqual(prodComposeFiles(settingsIn(d)), prod);
    } else {
      assert.throws(() => prodComposeFiles(settingsIn(d)), (e: Error) => e instanceof InputError && /no prod Compose files/.test(e.message));
    }
  });
}

test('discovered sets carry the example env files; build does not interpolate with them', () => {
  const d = dir({ 'compose.yaml': S, 'compose.prod.yaml': S, '.env.example': 'A=1\n', '.env.prod.example': 'A=2\n' });
  const sets = discoverSets(d);
  assert.equal(sets.dev?.envFile, '.env.example');
  assert.equal(sets.prod?.envFile, '.env.prod.example');
  assert.equal(sets.prod?.discovered, true);
  assert.equal(composeSets(undefined, d).prod.envFile, undefined);
});

test('configured sets win; validate then checks only those, build and deploy fill the other set by convention', () => {
  const d = dir({ 'compose.yaml': S, 'compose.prod.yaml': S, 'deploy/dev.yml': S, 'compose-deploy.yml': 'compose:\n  dev:\n    files: [deploy/dev.yml]\n    env-file: .env.dev\n' });
  const settings = settingsIn(d);
  const configured = configuredSets(settings.config.compose, settings.configPath, d);
  assert.equal(configured.prod, undefined);
  assert.deepEqual(configured.dev?.files, ['deploy/dev.yml']);
  assert.deepEqual(configured.dev?.configLoc('env-file'), { file: 'compose-deploy.yml', line: 4, column: 15 });
  assert.deepEqual(resolveSets(settings).map((s) => [s.name, s.files]), [['dev', ['deploy/dev.yml']]]);
  assert.deepEqual(composeSets(settings.config.compose, d), { dev: { files: ['deploy/dev.yml'], envFile: '.env.dev', origin: 'config' }, prod: { files: ['compose.yaml', 'compose.prod.yaml'], origin: 'conventional' } });
  assert.deepEqual(prodComposeFiles(settings), ['compose.yaml', 'compose.prod.yaml']);
});

test('nothing to find: validate and build say what they looked for', () => {
  const d = dir({ 'readme.md': 'x' });
  assert.throws(() => resolveSets(settingsIn(d)), /no Compose files found in .*compose\.yaml or compose\.yml/);
  assert.throws(() => composeSets(undefined, d), /no prod Compose files: found none of compose\.yaml, compose\.yml/);
});

test('readTextFile: the text, or an InputError at the file saying what is missing or unreadable', () => {
  const d = dir({ 'a.txt': 'hello\n' });
  assert.equal(readTextFile(join(d, 'a.txt'), 'a.txt', 'file'), 'hello\n');
  assert.throws(() => readTextFile(join(d, 'nope.env'), 'nope.env', 'env file'), (e: Error) => e instanceof InputError && e.message === 'nope.env: env file not found');
  assert.throws(() => readTextFile(d, 'somedir', 'Compose file'), (e: Error) => e instanceof InputError && e.message === 'somedir: cannot read Compose file (EISDIR)');
});
