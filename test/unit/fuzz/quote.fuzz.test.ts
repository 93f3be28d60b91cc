import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { quoteArgv } from '../../../src/runner/quote.js';

/** Any string a remote argument may hold: every byte but NUL, including quotes, $, `, \, newlines and high code points. */
const arg = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0'));

/** What a real shell hands the program: each argument printed between NUL separators. */
function throughShell(shell: string, argv: string[]): string[] {
  const out = execFileSync(shell, ['-c', `printf '%s\\0' ${quoteArgv(argv)}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

for (const shell of ['sh', 'bash']) {
  test(`quoteArgv round-trips any argument list through real ${shell}`, () => {
    fc.assert(
      fc.property(fc.array(arg, { minLength: 1, maxLength: 4 }), (argv) => {
        assert.deepEqual(throughShell(shell, argv), argv);
      }),
      { numRuns: 150 },
    );
  });
}

test('quoteArgv refuses a NUL byte with a clear message, never passes it on', () => {
  fc.assert(
    fc.property(arg, arg, (a, b) => {
      assert.throws(() => quoteArgv([`${a}\0${b}`]), /NUL byte/);
    }),
    { numRuns: 100 },
  );
});
