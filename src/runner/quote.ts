/**
 * The one function that turns an argument into text for a remote POSIX shell. Every remote
 * command goes through quoteArgv; nothing else in the code base builds shell text from values.
 *
 * Single quotes make every byte literal in sh except the single quote itself, which is written
 * as '\'' (close, escaped quote, reopen). Plain words are left bare only when made of characters
 * that no shell treats specially, so plans stay readable.
 */
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteArg(arg: string): string {
  if (typeof arg !== 'string') throw new TypeError(`remote argument must be a string, got ${typeof arg}`);
  if (arg.includes('\0')) throw new Error('remote argument contains a NUL byte, which no shell can carry');
  if (arg === '') return "''";
  // A leading '=' or '~' would still be expanded by some shells in some positions.
  if (BARE.test(arg) && !arg.startsWith('~') && !arg.startsWith('=')) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function quoteArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('empty command');
  return argv.map(quoteArg).join(' ');
}
