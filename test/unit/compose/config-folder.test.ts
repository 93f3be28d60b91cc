import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFolder, fromConfigFolder } from '../../../src/config/config-paths.js';
import { rebaseConfigPaths } from '../../../src/config/project-config.js';
import { devSet, prodSet } from '../../../src/compose/sets.js';
import { deploySettings } from '../../../src/deploy/deploy-settings.js';
import { rollbackSettings } from '../../../src/rollback/rollback-settings.js';
import { releasePath } from '../../../src/deploy/release-files.js';
import { resolveSettings } from '../../../src/config/settings.js';
import { InputError } from '../../../src/errors.js';
import { tempProject } from './helpers.js';

/* The config file's paths are relative to its own folder, as Compose reads -f paths from the file's folder. */

const S = 'services:\n  api:\n    image: x/api:${IMAGE_TAG}\n';
const SHA = 'a'.repeat(40);

test('configFolder: the config file\'s folder relative to the repository', () => {
  assert.equal(configFolder('/repo', '/repo/compose-deploy.yml'), '');
  assert.equal(configFolder('/repo', '/repo/examples/shop/compose-deploy.yml'), 'examples/shop');
  assert.equal(configFolder('/repo', undefined), '');
  assert.equal(fromConfigFolder('examples/shop', 'compose.yaml'), 'examples/shop/compose.yaml');
  assert.equal(fromConfigFolder('examples/shop', '../common/Caddyfile'), 'examples/common/Caddyfile');
  assert.equal(fromConfigFolder('', 'compose.yaml'), 'compose.yaml');
});

test('rebaseConfigPaths: every path key, nothing else', () => {
  const out = rebaseConfigPaths({
    project: 'shop',
    compose: { dev: { files: ['compose.yaml'], envFile: '.env.example' }, prod: { files: ['compose.yaml', 'compose.prod.yaml'] } },
    deploy: { files: ['Caddyfile'], order: ['api'] },
    validate: { workflows: ['.github/workflows'] },
    restoreTest: { assertions: 'checks.sql' },
    build: { services: { api: { context: 'api', dockerfile: 'Dockerfile.prod' } } },
  }, 'apps/shop');
  assert.deepEqual(out, {
    project: 'shop',
    compose: { dev: { files: ['apps/shop/compose.yaml'], envFile: 'apps/shop/.env.example' }, prod: { files: ['apps/shop/compose.yaml', 'apps/shop/compose.prod.yaml'] } },
    deploy: { files: ['apps/shop/Caddyfile'], order: ['api'] },
    validate: { workflows: ['apps/shop/.github/workflows'] },
    restoreTest: { assertions: 'apps/shop/checks.sql' },
    // The dockerfile stays relative to its context, as in Compose.
    build: { services: { api: { context: 'apps/shop/api', dockerfile: 'Dockerfile.prod' } } },
  });
});

test('a config file in a folder names the files of that folder, from the repository root', () => {
  const d = tempProject({
    'shop/compose-deploy.yml': 'compose:\n  dev: { files: [compose.yaml], env-file: .env.example }\n  prod: { files: [compose.yaml, compose.prod.yaml] }\ndeploy: { files: [Caddyfile] }\n',
    'shop/compose.yaml': S, 'shop/compose.prod.yaml': S, 'shop/.env.example': 'A=1\n', 'shop/Caddyfile': ':80\n',
  }, 'cd-config-folder-');
  const settings = resolveSettings({ explicit: { command: 'deploy', config: 'shop/compose-deploy.yml', sha: SHA, host: 'h', user: 'u', 'deploy-path': '/srv/shop', 'insecure-skip-host-key-check': 'true', 'ssh-private-key': 'k' }, env: {}, cwd: d });
  assert.deepEqual(devSet(settings)?.files, ['shop/compose.yaml']);
  assert.equal(devSet(settings)?.envFile, 'shop/.env.example');
  assert.deepEqual(prodSet(settings).files, ['shop/compose.yaml', 'shop/compose.prod.yaml']);
  // The release holds the folder's files where the Compose files there expect them.
  const ds = deploySettings(settings);
  assert.deepEqual(ds.files.map((f) => f.path), ['compose.yaml', 'compose.prod.yaml', 'Caddyfile']);
  assert.deepEqual(ds.composeFiles, ['compose.yaml', 'compose.prod.yaml']);
  assert.deepEqual(rollbackSettings(settings).composeFiles, ['compose.yaml', 'compose.prod.yaml']);
});

test('a config file in a folder with no compose section finds that folder\'s conventional files', () => {
  const d = tempProject({ 'shop/compose-deploy.yml': 'project: shop\n', 'shop/compose.yaml': S, 'shop/compose.prod.yaml': S, 'compose.yaml': S }, 'cd-config-folder-');
  const settings = resolveSettings({ explicit: { command: 'validate', config: 'shop/compose-deploy.yml' }, env: {}, cwd: d });
  assert.deepEqual(prodSet(settings).files, ['shop/compose.yaml', 'shop/compose.prod.yaml']);
  assert.deepEqual(devSet(settings)?.files, ['shop/compose.yaml']);
});

test('releasePath: a file outside the config file\'s folder cannot travel in a release', () => {
  assert.equal(releasePath('shop', 'shop/conf/Caddyfile', 'deploy.files[0]'), 'conf/Caddyfile');
  assert.equal(releasePath('', 'Caddyfile', 'deploy.files[0]'), 'Caddyfile');
  assert.throws(() => releasePath('shop', 'common/Caddyfile', 'deploy.files[0]'), (e: unknown) => e instanceof InputError && /deploy\.files\[0\].*outside shop\//.test(e.message));
});
