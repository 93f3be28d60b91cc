import { lstatSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { ComposeSet } from '../compose/sets.js';

/*
 * The deploy writes the env-file input as `.env` into every release, beside the Compose files: the
 * folder of a set's first file, Compose's project folder. So a service's `env_file: .env` names a file
 * a CI checkout does not have and production always does; validate renders it as an empty file rather
 * than report it missing. Its values only reach containers, never interpolation, so nothing the
 * rules judge depends on them.
 */

/** `.env` of each set's project folder, relative to the repository, where the repository has nothing by that name. */
export function deployProvidedEnvFiles(sets: readonly ComposeSet[], root: string): string[] {
  const out = new Set<string>();
  for (const set of sets) {
    const first = set.files[0];
    if (first === undefined) continue;
    const env = posix.join(posix.dirname(first), '.env');
    // Anything there (a file, a link, even one leading out of the repository) is the repository's, not the deploy's.
    if (!present(resolve(root, env))) out.add(env);
  }
  return [...out];
}

function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
