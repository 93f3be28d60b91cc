import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs, helpText } from '../../../src/cli/args.js';
import { InputError } from '../../../src/errors.js';

const cases: Array<[string[], Partial<ReturnType<typeof parseCliArgs>>]> = [
  [['releases'], { explicit: { command: 'releases' } }],
  [['releases', '--host', 'h', '--port=2222'], { explicit: { command: 'releases', host: 'h', port: '2222' } }],
  [['deploy', '--dry-run'], { explicit: { command: 'deploy', 'dry-run': 'true' } }],
  [['deploy', '--dry-run', 'false'], { explicit: { command: 'deploy', 'dry-run': 'false' } }],
  [['deploy', '--dry-run=false', '--json'], { explicit: { command: 'deploy', 'dry-run': 'false' }, json: true }],
  [['releases', '--ssh-private-key-file', 'k', '--known-hosts-file', 'kh'], { explicit: { command: 'releases' }, fromFiles: { 'ssh-private-key': 'k', 'known-hosts': 'kh' } }],
  [['releases', '--registry-password-file=p'], { explicit: { command: 'releases' }, fromFiles: { 'registry-password': 'p' } }],
  [['--help'], { explicit: {}, help: true }],
  [['deploy', '-h'], { explicit: { command: 'deploy' }, help: true }],
];

test('flags map onto the option table', () => {
  for (const [argv, expected] of cases) {
    const got = parseCliArgs(argv);
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(got[k as keyof typeof got], v, `${argv.join(' ')}: ${k}`);
  }
});

test('unknown flags, stray words and missing values are input errors', () => {
  assert.throws(() => parseCliArgs(['releases', '--hots', 'x']), (e: unknown) => e instanceof InputError && /unknown option --hots; did you mean --host\?/.test(e.message));
  assert.throws(() => parseCliArgs(['releases', 'extra']), /unexpected argument "extra"/);
  assert.throws(() => parseCliArgs(['releases', '--host']), /option --host needs a value/);
});

test('help lists the command\'s options with their environment variables', () => {
  const text = helpText('releases');
  assert.match(text, /Usage: compose-deploy releases/);
  assert.match(text, /--known-hosts-file <path>/);
  assert.match(text, /COMPOSE_DEPLOY_DEPLOY_PATH/);
  assert.match(text, /Exit codes: 0 success, 1 the operation failed, 2 bad input/);
  assert.match(helpText(), /Commands:\n {2}validate\n {2}build/);
});
