import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, posix } from 'node:path';
import { containPath } from '../config/contained-file.js';
import { RELATIVE_FILE } from '../config/names.js';
import { InputError } from '../errors.js';

/** A file that travels with every release, read from the repository. */
export interface ReleaseFile {
  /** Path in the release directory: relative to the config file's folder (the repository root without one). */
  path: string;
  content: Buffer;
  mode: number;
}

/**
 * Reads one file to ship. It must be a regular file inside the repository once symlinks are
 * resolved: a link to /proc/self/environ (or an absolute path) would otherwise ship the deploy
 * step's own environment (the SSH key, the env file) to the host as a world-readable release file.
 * `listedIn` names the key that listed it, for the message. `path` is relative to the repository; in the
 * release it keeps its place relative to `folder`, the config file's folder, as the host's Compose project.
 */
export function readReleaseFile(repository: string, path: string, listedIn: string, folder = ''): ReleaseFile {
  const refuse = (why: string): never => {
    throw new InputError(`${listedIn}: release file ${JSON.stringify(path)} ${why}; nothing was uploaded`);
  };
  if (isAbsolute(path) || !RELATIVE_FILE.test(path) || path.split('/').includes('..')) refuse('must be a relative path inside the repository');
  if (Buffer.byteLength(path) > 100) refuse('is longer than 100 bytes; move it closer to the repository root');
  const where = containPath(repository, repository, path);
  if (!where.inside) return refuse('resolves, through a symbolic link, to a file outside the repository');
  if (!where.exists) return refuse('was not found');
  const real = where.real;
  const st = statSync(real);
  if (!st.isFile()) refuse('is not a regular file');
  // Bytes, not text: certificates and images travel unchanged; scripts keep their executable bit.
  return { path: releasePath(folder, path, listedIn), content: readFileSync(real), mode: st.mode & 0o111 ? 0o755 : 0o644 };
}

/**
 * Where a repository path stands in a release: relative to the config file's folder, which the release
 * directory stands for on the host (so `./Caddyfile` in a Compose file there still names it).
 */
export function releasePath(folder: string, path: string, listedIn: string): string {
  if (folder === '') return path;
  const rel = posix.relative(folder, path);
  if (rel.startsWith('../') || rel === '..' || rel === '') {
    throw new InputError(`${listedIn}: ${JSON.stringify(path)} is outside ${folder}/, the config file's folder; a release holds that folder's files only. Nothing was uploaded`);
  }
  return rel;
}
