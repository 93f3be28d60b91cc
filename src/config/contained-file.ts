import { closeSync, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, constants } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError, type SourceLocation } from '../errors.js';

/*
 * validate reads files a pull request chooses. Each one must be a regular file inside the repository
 * once every symlink is followed, and small: otherwise a symlink, `..` or an absolute path would let a
 * pull request read the runner's secrets (/proc/self/environ, a key in $HOME) into the log, and a FIFO
 * or /dev/zero would hang the step or exhaust its memory.
 */

/** Compose files, env files and workflows are a few KiB; this leaves room for generated ones. */
export const MAX_TEXT_FILE_BYTES = 4 * 1024 * 1024;

/** True when `candidate` is `root` itself or below it (both already absolute and free of symlinks). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export type Containment =
  | { inside: true; abs: string; real: string; exists: boolean }
  | { inside: false; abs: string };

/**
 * Where `path` (relative to `base`, or absolute) really points, and whether that is inside `root`.
 * A path that does not exist yet is judged by its nearest existing parent, so `../x` missing is
 * still outside, and `sub/missing.yml` is inside (and then reported as missing, like before).
 */
export function containPath(root: string, base: string, path: string): Containment {
  const rootReal = realRoot(root);
  const abs = resolve(base, path);
  let probe = abs;
  let rest = '';
  for (;;) {
    try {
      const real = resolve(realpathSync(probe), rest);
      return isInside(rootReal, real) ? { inside: true, abs, real, exists: rest === '' } : { inside: false, abs };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const parent = dirname(probe);
      // A dangling symlink or an unreadable parent: nothing we can show is inside.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === probe || isEntry(probe)) return { inside: false, abs };
      rest = rest ? `${basename(probe)}/${rest}` : basename(probe);
      probe = parent;
    }
  }
}

/** The repository's real path; one that does not exist (yet) is taken as written, so nothing in it exists either. */
function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return resolve(root);
  }
}

/** True when the name exists as a directory entry (a symlink whose target is missing). */
function isEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The error every refused path gives: names the key (or file) and the path as written, never what it points at. */
export class OutsideRepositoryError extends InputError {
  constructor(key: string, path: string, location?: SourceLocation) {
    super(`${key}: ${JSON.stringify(path)} is outside the repository (after following symlinks); it is not read`, location);
  }
}

/**
 * Reads a text file a pull request names, refusing what is outside `root`, not a regular file, or
 * larger than MAX_TEXT_FILE_BYTES. Errors are InputErrors located at `displayName`.
 */
export function readContainedText(root: string, base: string, path: string, opts: { key: string; what: string; displayName: string }): string {
  const c = containPath(root, base, path);
  if (!c.inside) throw new OutsideRepositoryError(opts.key, path, { file: opts.displayName });
  if (!c.exists) throw new InputError(`${opts.what} not found`, { file: opts.displayName });
  return readRegularFile(c.real, opts.what, opts.displayName);
}

/** Reads at most the cap from a regular file; O_NONBLOCK so a FIFO swapped in after the check cannot block the open. */
export function readRegularFile(real: string, what: string, displayName: string): string {
  const kind = statSync(real);
  if (!kind.isFile()) throw new InputError(`${what} is not a regular file`, { file: displayName });
  if (kind.size > MAX_TEXT_FILE_BYTES) throw new InputError(`${what} is larger than ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MiB`, { file: displayName });
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(`cannot read ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: displayName });
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw new InputError(`${what} is not a regular file`, { file: displayName });
    // Sized by the file (a zero-filled buffer of the cap cost every read milliseconds); grown, up to one
    // byte past the cap, when the file grows while it is read.
    let buf = Buffer.allocUnsafe(Math.min(MAX_TEXT_FILE_BYTES + 1, opened.size + 1));
    let len = 0;
    for (;;) {
      if (len === buf.length) {
        if (len > MAX_TEXT_FILE_BYTES) break;
        const bigger = Buffer.allocUnsafe(Math.min(MAX_TEXT_FILE_BYTES + 1, len * 2));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const n = readSync(fd, buf, len, buf.length - len, null);
      if (n === 0) break;
      len += n;
    }
    if (len > MAX_TEXT_FILE_BYTES) throw new InputError(`${what} is larger than ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MiB`, { file: displayName });
    return buf.subarray(0, len).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
