import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { renderActionYml, renderConfigReference } from '../../../src/docs/render.js';
import { OPTIONS, OUTPUTS } from '../../../src/config/options.js';
import { VERSION } from '../../../src/version.js';

const root = new URL('../../../', import.meta.url).pathname;

test('action.yml and docs/config.md are current (run npm run generate)', () => {
  assert.equal(readFileSync(`${root}action.yml`, 'utf8'), renderActionYml());
  assert.equal(readFileSync(`${root}docs/config.md`, 'utf8'), renderConfigReference());
});

test('action.yml declares node24, every input and output, and no input defaults but the runner\'s own token', () => {
  const action = parse(readFileSync(`${root}action.yml`, 'utf8'));
  assert.equal(action.runs.using, 'node24');
  assert.equal(action.runs.main, 'dist/index.js');
  assert.deepEqual(Object.keys(action.inputs), OPTIONS.map((o) => o.name));
  assert.deepEqual(Object.keys(action.outputs), OUTPUTS.map((o) => o.name));
  assert.equal(action.inputs['workflow-token'].default, '${{ github.token }}');
  // deploy's GitHub Deployment stays opt-in: a default token would start one on every deploy.
  assert.equal(action.inputs['github-token'].default, undefined);
  for (const [name, input] of Object.entries<{ description: string; default?: string }>(action.inputs)) {
    assert.ok(input.description.length > 10, `${name} has a description`);
    // A declared default would override the config file: only what the runner alone knows may have one.
    assert.equal(input.default, OPTIONS.find((o) => o.name === name)!.actionDefault, name);
    if (input.default !== undefined) assert.match(input.default, /^\$\{\{ github\.token \}\}$/, name);
  }
});

test('the foundation\'s public inputs are all still there (never renamed)', () => {
  const names = OPTIONS.map((o) => o.name);
  for (const n of ['command', 'config', 'sha', 'host', 'port', 'user', 'ssh-private-key', 'known-hosts', 'deploy-path', 'registry', 'registry-username', 'registry-password', 'environment', 'dry-run']) {
    assert.ok(names.includes(n), n);
  }
});

test('src/version.ts matches package.json', () => {
  assert.equal(VERSION, JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version);
});
