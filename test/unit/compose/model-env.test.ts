import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envValues, parseEnvText, type EnvFlavor } from '../../../src/compose/model-env.js';
import { InputError } from '../../../src/errors.js';

// What each Compose makes of a file (test/e2e/validate/env-file-oracle.test.ts checks the same kinds
// of lines against the real CLIs). undefined: declared but unset.
type Row = [name: string, text: string, v2: Record<string, string | undefined>, v1: Record<string, string | undefined>];

const rows: Row[] = [
  ['a key starting with a digit', '42TOKEN_URL=https://example.com\n', { '42TOKEN_URL': 'https://example.com' }, { '42TOKEN_URL': 'https://example.com' }],
  ['export, spaces around =, comments', '# c\nexport A = 1\n  B=2   \n#C=3\n', { A: '1', B: '2' }, { A: '1', B: '2' }],
  ['exportX is a key', 'exportX=1\n', { exportX: '1' }, { exportX: '1' }],
  ['inline comments need a space before #; v1 also takes a tab', 'A=x#y\nB=x #y\nC=x\t#y\n', { A: 'x#y', B: 'x', C: 'x\t#y' }, { A: 'x#y', B: 'x', C: 'x' }],
  ['KEY alone: unset under v2, empty under v1', 'A\nB=\n', { A: undefined, B: '' }, { A: '', B: '' }],
  ['double-quoted escapes', 'A="a\\nb\\tc\\\\d\\"e\\qf"\n', { A: 'a\nb\tc\\d"e\\qf' }, { A: 'a\nb\tc\\d"e\\qf' }],
  ["single quotes: v1 undoes \\\\, v2 keeps it", "A='a\\\\b\\'c'\n", { A: "a\\\\b'c" }, { A: "a\\b'c" }],
  ['multi-line quoted values', 'A="l1\nl2"\nB=\'x\ny\'\nC=3\n', { A: 'l1\nl2', B: 'x\ny', C: '3' }, { A: 'l1\nl2', B: 'x\ny', C: '3' }],
  ['CRLF: v2 keeps CR inside quotes, v1 reads universal newlines', 'A=1\r\nB="x\r\ny"\r\nC\r\n', { A: '1', B: 'x\r\ny', C: undefined }, { A: '1', B: 'x\ny', C: '' }],
  ['a byte order mark', '\uFEFFA=1\n', { A: '1' }, { A: '1' }],
  ['v2 interpolates $A, ${A:-d}, $$ and skips single quotes; v1 only ${A} and ${A:-d}, everywhere', "A=1\nB=$A\nC=${A:-d}\nD=$$\nE='${A}'\nF=${Z:+x}\n", { A: '1', B: '1', C: '1', D: '$', E: '${A}', F: '' }, { A: '1', B: '$A', C: '1', D: '$$', E: '1', F: '${Z:+x}' }],
  ['a statement after a closing quote (v2 reads it; v1 skips the line)', 'A="x" B=2\nC=3\n', { A: 'x', B: '2', C: '3' }, { C: '3' }],
  ['yaml-style KEY: value is v2 only', 'A: 1\n', { A: '1' }, {}],
];

for (const flavor of ['v2', 'v1'] as EnvFlavor[]) {
  describe(`parseEnvText, Compose ${flavor}`, () => {
    for (const [name, text, v2, v1] of rows) {
      it(name, () => {
        const parsed = parseEnvText(text, '.env', { flavor, skipInvalid: true });
        assert.deepEqual(Object.fromEntries([...parsed].map(([k, e]) => [k, e.value])), flavor === 'v2' ? v2 : v1);
      });
    }
  });
}

describe('parseEnvText: errors name file:line and never the value', () => {
  const bad: [string, string, number, RegExp][] = [
    ['unterminated quote', 'A=1\nB="s3cr3t\nC=2\n', 2, /unterminated quoted value/],
    ['words', 'A=1\nnot valid s3cr3t\n', 2, /a key cannot contain a space/],
    ['= first', 'A=1\n\n=s3cr3t\n', 3, /expected KEY=value/],
  ];
  for (const flavor of ['v2', 'v1'] as EnvFlavor[]) {
    for (const [name, text, line, message] of bad) {
      it(`${flavor}: ${name}`, () => {
        assert.throws(
          () => parseEnvText(text, '.env.example', { flavor }),
          (e: Error) => e instanceof InputError && e.location?.file === '.env.example' && e.location.line === line && message.test(e.message) && !e.message.includes('s3cr3t'),
        );
      });
    }
  }
  it('v2: a missing required variable names the variable, not the message after it', () => {
    assert.throws(() => parseEnvText('A=${Z:?s3cr3t}\n', '.env'), (e: Error) => /^\.env:1:1: invalid env file line: required variable Z is missing a value$/.test(e.message));
  });
  it('v2: a key with punctuation', () => assert.throws(() => parseEnvText('A+B=1\n', '.env'), /\.env:1:1: invalid env file line: a key may hold only/));
  it('onInvalid reports each bad line and keeps the rest', () => {
    const errors: string[] = [];
    const parsed = parseEnvText('A=1\nB="x\nC=2\nD E\n', '.env', { onInvalid: (e) => errors.push(e.message) });
    assert.deepEqual(envValues(parsed), { A: '1', C: '2' });
    assert.deepEqual(errors, ['.env:2:1: invalid env file line: unterminated quoted value', '.env:4:1: invalid env file line: a key cannot contain a space']);
  });
});

describe('parseEnvText: the environment Compose runs in', () => {
  const text = 'X=file\nY=${X}\nW\n';
  it('v2: the environment wins over the file, in the file too', () =>
    assert.deepEqual(envValues(parseEnvText(text, '.env', { flavor: 'v2', environment: { X: 'os', W: 'w' } })), { X: 'os', Y: 'os', W: 'w' }));
  it('v1: the file wins inside the file (Compose puts the environment over it afterwards)', () =>
    assert.deepEqual(envValues(parseEnvText(text, '.env', { flavor: 'v1', environment: { X: 'os', W: 'w' } })), { X: 'file', Y: 'file', W: '' }));
  it('lines and the last of a repeated key', () => {
    const parsed = parseEnvText('A=1\n\nB="x\ny"\nC=3\nA=4\n', '.env');
    assert.deepEqual([...parsed].map(([k, e]) => [k, e.value, e.line]), [['A', '4', 6], ['B', 'x\ny', 3], ['C', '3', 5]]);
  });
});
