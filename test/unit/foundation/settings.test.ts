import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings, type ResolveInput } from '../../../src/config/settings.js';
import { InputError } from '../../../src/errors.js';

function dirWith(config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-settings-'));
  if (config !== undefined) writeFileSync(join(dir, 'compose-deploy.yml'), config);
  return dir;
}
const resolve = (explicit: Record<string, string>, env: NodeJS.ProcessEnv = {}, cwd = dirWith(), onSecret?: ResolveInput['onSecret']) =>
  resolveSettings({ explicit, env, cwd, onSecret });

function inputError(fn: () => unknown, re: RegExp): InputError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof InputError, `expected InputError, got ${err}`);
    assert.match(err.message, re);
    return err;
  }
  assert.fail('expected an InputError');
}

test('defaults apply when nothing is given', () => {
  const s = resolve({ command: 'releases' });
  assert.equal(s.port, 22);
  assert.equal(s.registry, 'ghcr.io');
  assert.equal(s.environment, 'production');
  assert.equal(s.dryRun, false);
  assert.equal(s.insecureSkipHostKeyCheck, false);
  assert.equal(s.configPath, undefined);
});

test('precedence: flag > COMPOSE_DEPLOY_* > config file > default', () => {
  const cwd = dirWith('host:\n  address: from-config\n  port: 2200\n  user: cfguser\n  path: /srv/cfg\n');
  const fromConfig = resolve({ command: 'releases' }, {}, cwd);
  assert.deepEqual([fromConfig.host, fromConfig.port, fromConfig.user, fromConfig.deployPath], ['from-config', 2200, 'cfguser', '/srv/cfg']);
  const fromEnv = resolve({ command: 'releases' }, { COMPOSE_DEPLOY_HOST: 'from-env', COMPOSE_DEPLOY_DEPLOY_PATH: '/srv/env' }, cwd);
  assert.equal(fromEnv.host, 'from-env');
  assert.equal(fromEnv.deployPath, '/srv/env');
  assert.equal(fromEnv.port, 2200);
  const fromFlag = resolve({ command: 'releases', host: 'from-flag', port: '2222' }, { COMPOSE_DEPLOY_HOST: 'from-env' }, cwd);
  assert.equal(fromFlag.host, 'from-flag');
  assert.equal(fromFlag.port, 2222);
});

test('empty inputs count as not given (the runner sets INPUT_X= for unset inputs)', () => {
  const s = resolve({ command: 'releases', host: '', port: '' }, { COMPOSE_DEPLOY_HOST: 'env-host' });
  assert.equal(s.host, 'env-host');
  assert.equal(s.port, 22);
});

test('the command comes from COMPOSE_DEPLOY_COMMAND too', () => {
  assert.equal(resolve({}, { COMPOSE_DEPLOY_COMMAND: 'validate' }).command, 'validate');
});

test('sha defaults to GITHUB_SHA and must be 40 hex', () => {
  const sha = 'a'.repeat(40);
  assert.equal(resolve({ command: 'build' }, { GITHUB_SHA: sha }).sha, sha);
  inputError(() => resolve({ command: 'build', sha: 'abc123' }), /"sha" must be a full 40-character/);
  inputError(() => resolve({ command: 'build', sha: 'A'.repeat(40) }), /"sha"/);
});

test('bad values name the input', () => {
  inputError(() => resolve({}), /missing required input "command"/);
  inputError(() => resolve({ command: 'deplyo' }), /unknown command "deplyo"; did you mean "deploy"\?/);
  inputError(() => resolve({ command: 'releases', port: 'abc' }), /input "port" must be a whole number/);
  inputError(() => resolve({ command: 'releases', port: '70000' }), /input "port" must be between 1 and 65535/);
  inputError(() => resolve({ command: 'releases', 'dry-run': 'maybe' }), /input "dry-run" must be true or false/);
  inputError(() => resolve({ command: 'releases', 'deploy-path': '/srv/$(reboot)' }), /"deploy-path" must be an absolute path/);
  inputError(() => resolve({ command: 'releases', 'deploy-path': 'relative/path' }), /"deploy-path"/);
  inputError(() => resolve({ command: 'releases', host: 'evil;host' }), /"host" is not a host name/);
  inputError(() => resolve({ command: 'releases', 'host-key-fingerprint': 'MD5:aa' }), /host-key-fingerprint/);
});

test('secrets are reported for masking as soon as they are read', () => {
  const seen: string[] = [];
  resolve({ command: 'releases', 'ssh-private-key': 'KEY', 'registry-password': 'PW' }, {}, dirWith(), (v) => seen.push(v));
  assert.deepEqual(seen.sort(), ['KEY', 'PW']);
});

test('registry user defaults to the workflow actor; run URL comes from the GITHUB_* context', () => {
  const s = resolve({ command: 'releases' }, { GITHUB_ACTOR: 'octo', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7' });
  assert.equal(s.registryUsername, 'octo');
  assert.equal(s.run.runUrl, 'https://github.com/o/r/actions/runs/7');
});

test('an explicitly named config file must exist', () => {
  inputError(() => resolve({ command: 'validate', config: 'nope.yml' }), /config file not found: nope.yml/);
});

test('settings.option reads capability options with the same precedence', () => {
  const s = resolve({ command: 'validate', 'fail-on': 'warning' }, { COMPOSE_DEPLOY_WORKFLOWS: 'x' });
  assert.equal(s.option('fail-on', 'error'), 'warning');
  assert.equal(s.option('workflows'), 'x');
  assert.equal(s.option('report-file', 7), '7');
  // @ts-expect-error settings.option takes only a name of the option table (the type check fails on any other)
  assert.equal(s.option('other'), undefined);
});
