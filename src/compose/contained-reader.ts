import { dirname, relative, resolve, sep } from 'node:path';
import { readContainedText } from '../config/contained-file.js';
import { InputError } from '../errors.js';
import { parseComposeText, type LMap } from './model.js';
import type { ComposeFileReader } from './model-resolve.js';
import { interpolate, InterpolationError } from './model-vars.js';

/** Looks like a URL or an scp-style git remote rather than a file: Compose would fetch it. */
export function isRemoteReference(path: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/|:)/.test(path) || /^[\w.-]+@[\w.-]+:/.test(path) || /^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(path);
}

/** How many Compose files extends/include may pull in (the same bound the reference check follows). */
const MAX_FOLLOWED = 64;

/**
 * Reads the files extends/include name through the repository's containment, each once; one that is
 * remote, outside, missing or broken is not followed (the reference check and the render report it).
 */
export function containedReader(root: string, vars: ReadonlyMap<string, string>, followed: Map<string, LMap>): ComposeFileReader {
  const failed = new Set<string>();
  return {
    read(from, path) {
      let written: string;
      try {
        written = interpolate(path, vars);
      } catch (err) {
        if (err instanceof InterpolationError) return undefined;
        throw err;
      }
      if (written === '' || isRemoteReference(written)) return undefined;
      const base = resolve(root, dirname(from));
      const name = relative(root, resolve(base, written)).split(sep).join('/');
      const known = followed.get(name);
      if (known) return { name, tree: known };
      if (failed.has(name) || followed.size >= MAX_FOLLOWED) return undefined;
      try {
        const tree = parseComposeText(readContainedText(root, base, written, { key: `extends/include of ${from}`, what: 'Compose file', displayName: name }), name);
        followed.set(name, tree);
        return { name, tree };
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        failed.add(name);
        return undefined;
      }
    },
  };
}

