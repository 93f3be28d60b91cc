import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEnvFileInput } from '../../../src/deploy/env-file-input.js';
import { InputError } from '../../../src/errors.js';

test('an env-file input Compose reads passes: a key starting with a digit, quotes, multi-line values, comments', () => {
  const env = '# prod\n42TOKEN_URL=https://example.com\nexport DB="postgres://a@b/c"  # db\nCERT="-----BEGIN-----\nMIIB\n-----END-----"\n';
  for (const compose of ['docker compose', 'docker-compose'] as const) assert.doesNotThrow(() => checkEnvFileInput(env, compose, 'deploy@host'));
});

test('a line the host Compose would refuse or skip is bad input, named by its line, never by its value', () => {
  const env = 'A=1\nSECRET="s3cr3t-value\nB=2\n';
  for (const compose of ['docker compose', 'docker-compose'] as const) {
    assert.throws(
      () => checkEnvFileInput(env, compose, 'deploy@host'),
      (e: Error) => e instanceof InputError && e.message === `input "env-file", line 2: invalid env file line: unterminated quoted value, as ${compose} on deploy@host reads it. Nothing was changed.`,
    );
  }
});

test('each Compose by its own grammar: KEY: value is v2 syntax, a line v1 skips', () => {
  assert.doesNotThrow(() => checkEnvFileInput('A: 1\n', 'docker compose', 'h'));
  assert.throws(() => checkEnvFileInput('A: 1\n', 'docker-compose', 'h'), /line 1: invalid env file line/);
});
