import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerLoginCommand } from '../../../src/registry/login.js';
import { shellText } from '../../../src/runner/runner.js';

test('docker login: password on stdin only, never in argv, env or the printed command', () => {
  const password = 'ghp_SuperSecret$(rm -rf /)';
  const cmd = dockerLoginCommand('ghcr.io', 'octo-dev', password, { configDir: '/tmp/cd-docker' });
  assert.deepEqual(cmd.argv, ['docker', 'login', 'ghcr.io', '--username', 'octo-dev', '--password-stdin']);
  assert.equal(cmd.stdin, password);
  assert.deepEqual(cmd.env, { DOCKER_CONFIG: '/tmp/cd-docker' });
  assert.ok(!cmd.argv.some((a) => a.includes('SuperSecret')));
  assert.doesNotMatch(shellText(cmd), /SuperSecret/);
});

test('without a config dir the command uses the caller\'s DOCKER_CONFIG (the host\'s, for deploy)', () => {
  const cmd = dockerLoginCommand('127.0.0.1:5000', 'ci', 'pw');
  assert.equal(cmd.env, undefined);
  assert.equal(shellText(cmd), 'docker login 127.0.0.1:5000 --username ci --password-stdin');
});
