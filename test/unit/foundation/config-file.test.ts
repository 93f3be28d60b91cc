import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProjectConfig } from '../../../src/config/project-config.js';
import { InputError } from '../../../src/errors.js';

function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cd-config-'));
  writeFileSync(join(dir, 'compose-deploy.yml'), text);
  return loadProjectConfig(undefined, dir);
}

function expectError(text: string, re: RegExp, line?: number): void {
  try {
    load(text);
  } catch (err) {
    assert.ok(err instanceof InputError, String(err));
    assert.match(err.message, re);
    if (line !== undefined) assert.equal(err.location?.line, line, err.message);
    assert.equal(err.location?.file, 'compose-deploy.yml');
    return;
  }
  assert.fail(`expected an error for:\n${text}`);
}

const FULL = `
project: shop
registry: ghcr.io
image-prefix: ghcr.io/acme/shop
compose:
  dev: { files: [compose.yaml, compose.override.yaml], env-file: .env.example }
  prod: { files: [compose.yaml, compose.prod.yaml], env-file: .env.prod.example }
host: { address: 203.0.113.7, port: 2222, user: deploy, path: /srv/shop }
deploy:
  order: [api, web, worker]
  migrate: { service: migrate, command: [python, manage.py, migrate] }
  health-timeout: 90
  keep-releases: 3
  files: [Caddyfile]
  services:
    worker: { strategy: recreate }
    api: { health-url: "http://localhost:8000/health" }
`;

test('a full config parses into camelCase typed values', () => {
  const { config, path } = load(FULL);
  assert.ok(path?.endsWith('compose-deploy.yml'));
  assert.equal(config.project, 'shop');
  assert.deepEqual(config.compose?.prod, { files: ['compose.yaml', 'compose.prod.yaml'], envFile: '.env.prod.example' });
  assert.deepEqual(config.host, { address: '203.0.113.7', port: 2222, user: 'deploy', path: '/srv/shop' });
  assert.deepEqual(config.deploy?.migrate, { service: 'migrate', command: ['python', 'manage.py', 'migrate'] });
  assert.equal(config.deploy?.healthTimeout, 90);
  assert.equal(config.deploy?.services?.['worker']?.strategy, 'recreate');
});

test('a missing default config file is fine', () => {
  assert.deepEqual(loadProjectConfig(undefined, mkdtempSync(join(tmpdir(), 'cd-none-'))), { config: {} });
});

test('a typo names the key, its line, and a suggestion', () => {
  expectError('project: shop\nhost:\n  adress: x\n', /unknown key "host.adress"; did you mean "address"\?/, 3);
  expectError('projet: shop\n', /unknown key "projet"; did you mean "project"\?/, 1);
});

test('wrong types and values name the key and line', () => {
  expectError('host:\n  port: twenty\n', /host.port: expected a whole number, got string "twenty"/, 2);
  expectError('host:\n  port: 0\n', /host.port: must be at least 1/, 2);
  expectError('deploy:\n  services:\n    api: { strategy: blue-green }\n', /deploy.services.api.strategy: must be one of rolling, recreate/, 3);
  expectError('deploy:\n  order: api\n', /deploy.order: expected a list/, 2);
  expectError('deploy:\n  migrate: { command: [x] }\n', /deploy.migrate: missing required key "service"/, 2);
  expectError('compose:\n  prod: {}\n', /compose.prod: missing required key "files"/, 2);
});

test('shell metacharacters in names and paths are rejected at validation', () => {
  expectError('deploy:\n  order: ["api;rm -rf /"]\n', /deploy.order\[0\]: invalid value/, 2);
  expectError('deploy:\n  services:\n    "web$(id)": { strategy: recreate }\n', /invalid name "web\$\(id\)"/, 3);
  expectError('host:\n  path: "/srv/app; reboot"\n', /host.path: invalid value/, 2);
  expectError('project: "Shop Name"\n', /project: invalid value/, 1);
  expectError('compose:\n  prod: { files: ["a.yml`id`"] }\n', /compose.prod.files\[0\]/, 2);
});

test('YAML problems: syntax, duplicates, empty file', () => {
  expectError('host:\n  address: [unclosed\n', /invalid YAML/);
  expectError('project: a\nproject: b\n', /duplicate key/, 2);
  expectError('', /the file is empty/);
  expectError('# only a comment\n', /the file is empty/);
  expectError('- a\n- b\n', /\(top level\): expected a mapping, got a list/, 1);
});
