import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../../src/config/settings.js';
import { checkEnvFileShape } from '../../../src/deploy/env-file-input.js';
import { serviceNameProblem } from '../../../src/compose/service-name.js';
import { InputError, shownValue } from '../../../src/errors.js';

const resolve = (explicit: Record<string, string>) => resolveSettings({ explicit, env: {}, cwd: mkdtempSync(join(tmpdir(), 'cd-hostile-')) });

test('a value in an error message is quoted and cut: a megabyte of input is not a megabyte of log', () => {
  assert.equal(shownValue('a\nb\0'), '"a\\nb\\u0000"');
  const shown = shownValue('x'.repeat(1_000_000));
  assert.ok(shown.length < 120, shown);
  assert.match(shown, /… \(1000000 characters\)$/);
  assert.throws(() => resolve({ command: 'releases', sha: 'f'.repeat(100_000) }), (err: Error) => err instanceof InputError && err.message.length < 300);
});

test('deploy-path: no "." or ".." part, so the scripts work where the user reads', () => {
  for (const p of ['/srv/app/../../tmp/x', '/srv/./app', '/srv/..']) {
    assert.throws(() => resolve({ command: 'releases', 'deploy-path': p }), /"deploy-path" must be an absolute path .* with no "\." or "\.\." part/);
  }
  assert.equal(resolve({ command: 'releases', 'deploy-path': '/srv/my.app/v1..2' }).deployPath, '/srv/my.app/v1..2');
});

test('registry and registry-username: shapes a login takes, never an option or shell text', () => {
  for (const r of ['-h', 'ghcr.io;touch x', 'a b', 'reg\nx']) assert.throws(() => resolve({ command: 'releases', registry: r }), /input "registry" must be a registry host/);
  for (const u of ['-p', 'x$(id)', 'a|b', 'a`b`']) assert.throws(() => resolve({ command: 'releases', 'registry-username': u }), /input "registry-username" must be a registry login/);
  assert.equal(resolve({ command: 'releases', registry: '127.0.0.1:5000/team' }).registry, '127.0.0.1:5000/team');
  for (const u of ['dependabot[bot]', 'org+robot', 'ci@example.com', 'AWS']) assert.equal(resolve({ command: 'releases', 'registry-username': u }).registryUsername, u);
});

test('service names made only of dots are refused (they read as paths)', () => {
  assert.match(serviceNameProblem('..') ?? '', /not only dots/);
  assert.match(serviceNameProblem('.') ?? '', /not only dots/);
  assert.equal(serviceNameProblem('.hidden'), undefined);
  assert.equal(serviceNameProblem('v1..2'), undefined);
});

test('the env file: KEY=value lines (multi-line quoted values kept), anything else refused by line number without the line', () => {
  checkEnvFileShape('# c\nA=1\nexport B="x\ny"\nC=\'p;q\nr\'\nD=$(id)\nE\n', 'env-file');
  const refused = (text: string, line: number) =>
    assert.throws(
      () => checkEnvFileShape(text, 'env-file'),
      (err: Error) => err instanceof InputError && err.message.startsWith(`env-file:${line}:1: `) && !err.message.includes('secret-value'),
    );
  refused('A=1\ntouch /tmp/secret-value\n', 2);
  refused('A;touch x=secret-value\n', 1);
  refused('-A=secret-value\n', 1);
  refused('/tmp/x=secret-value\n', 1);
  refused('A=secret-value\0touch x\n', 1);
  assert.throws(() => checkEnvFileShape('A="secret-value\n', 'env-file'), /never closed/);
});
