import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { quoteArg, quoteArgv } from '../../../src/runner/quote.js';
import { shellText } from '../../../src/runner/runner.js';

const NASTY = [
  '',
  ' ',
  'plain',
  "it's",
  "''",
  '$(touch /tmp/pwned)',
  '`id`',
  '$HOME',
  '${PATH}',
  'a;b',
  'a&&b',
  'a|b',
  'a\nb',
  'tab\there',
  '"double"',
  'back\\slash',
  '*',
  '?',
  '[a-z]',
  '~',
  '~root',
  '=cmd',
  '#comment',
  '!event',
  '-rf',
  '--flag=value',
  'ünïcödé',
  "mixed ' \" $ ` \\ ; & | < > ( ) { } \n end",
];

test('every argument survives a real POSIX shell unchanged', () => {
  for (const arg of NASTY) {
    const out = execFileSync('sh', ['-c', `printf '%s' ${quoteArg(arg)}`], { encoding: 'utf8' });
    assert.equal(out, arg, `round trip of ${JSON.stringify(arg)}`);
  }
});

test('a whole argv reaches the program as the same words', () => {
  const argv = ['printf', '%s\\0', ...NASTY];
  const out = execFileSync('sh', ['-c', quoteArgv(argv)], { encoding: 'utf8' });
  assert.deepEqual(out.split('\0').slice(0, -1), NASTY);
});

test('bash agrees with sh', () => {
  for (const arg of NASTY) {
    const out = execFileSync('bash', ['-c', `printf '%s' ${quoteArg(arg)}`], { encoding: 'utf8' });
    assert.equal(out, arg);
  }
});

test('plain words stay readable', () => {
  assert.equal(quoteArg('docker'), 'docker');
  assert.equal(quoteArg('/srv/app/releases/abc'), '/srv/app/releases/abc');
  assert.equal(quoteArg('--project-name=shop'), '--project-name=shop');
  assert.equal(quoteArg("it's"), `'it'\\''s'`);
  assert.equal(quoteArg(''), "''");
});

test('NUL bytes and empty commands are refused', () => {
  assert.throws(() => quoteArg('a\0b'), /NUL/);
  assert.throws(() => quoteArgv([]), /empty command/);
});

test('shellText puts cwd and env through the same quoting', () => {
  assert.equal(shellText({ argv: ['ls', '-l'], cwd: '/srv/my app' }), `cd '/srv/my app' && ls -l`);
  assert.equal(shellText({ argv: ['docker', 'login'], env: { DOCKER_CONFIG: '/tmp/x y' } }), `env 'DOCKER_CONFIG=/tmp/x y' docker login`);
  assert.throws(() => shellText({ argv: ['x'], env: { 'BAD NAME': '1' } }), /invalid environment variable name/);
});
