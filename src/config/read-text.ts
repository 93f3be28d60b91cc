import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/**
 * Reads a UTF-8 text file the user pointed at. A missing or unreadable file is an InputError
 * located at the file: "<what> not found", or "cannot read <what> (EACCES)".
 */
export function readTextFile(absPath: string, displayName: string, what: string): string {
  try {
    return readFileSync(absPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${what} not found` : `cannot read ${what} (${code ?? String(err)})`, { file: displayName });
  }
}
