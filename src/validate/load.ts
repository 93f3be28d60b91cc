import { dirname, resolve } from 'node:path';
import { parseComposeText, type LMap } from '../compose/model.js';
import { mergeComposeFiles } from '../compose/model-merge.js';
import { resolveComposeFile } from '../compose/model-resolve.js';
import { containedReader } from '../compose/contained-reader.js';
import { parseEnvText, type EnvEntry, type EnvFlavor } from '../compose/model-env.js';
import { badServiceNames } from '../compose/service-name.js';
import { OutsideRepositoryError, readContainedText } from '../config/contained-file.js';
import { InputError } from '../errors.js';
import { loadError, type Finding } from './findings.js';
import type { ComposeSet } from '../compose/sets.js';
import { isRemoteReference } from '../compose/contained-reader.js';

/** A set read from disk: its files as located trees, their merge, and its env file. */
export interface LoadedSet {
  set: ComposeSet;
  /** Each file's own tree, by file name (what the Compose CLI's errors name). */
  files: Map<string, LMap>;
  /** Compose files reached through extends/include, by name relative to the repository. */
  followed: Map<string, LMap>;
  /**
   * The files merged with extends and include resolved (the model Compose renders, before interpolation).
   * Undefined when some file did not load: the other checks would only repeat that error.
   */
  merged?: LMap;
  /** Variables the set's env file declares; undefined when the set names none (or it did not load). */
  env?: Map<string, EnvEntry>;
  /**
   * Variables the env files of included projects declare (Compose interpolates an included project with
   * its own .env, the set's variables winning): declared for the rules, never printed.
   */
  includedEnv: Map<string, string>;
  findings: Finding[];
}

/**
 * Reads the set's files and env file from `root` (the repository), each only when it really is a
 * regular file inside it: a pull request chooses these paths. The env file is read with the grammar of
 * the Compose that renders, and without the runner's environment: `${VAR}` in it sees its own lines only.
 */
export function loadSet(set: ComposeSet, root: string, opts: { include: boolean; envFlavor?: EnvFlavor } = { include: true }): LoadedSet {
  const envFlavor = opts.envFlavor ?? 'v2';
  const findings: Finding[] = [];
  const files = new Map<string, LMap>();
  const where = (key: 'files' | 'env-file', file: string, i?: number) => set.configLoc(key, i) ?? { file };
  const keyOf = (key: 'files' | 'env-file', file: string, i?: number) => (set.discovered ? file : `compose.${set.name}.${key}${i === undefined ? '' : `[${i}]`}`);
  set.files.forEach((file, i) => {
    try {
      const text = readContainedText(root, root, file, { key: keyOf('files', file, i), what: 'Compose file', displayName: file });
      const tree = parseComposeText(text, file);
      files.set(file, tree);
      findings.push(...badServiceNames(tree).map((b) => loadError('schema', b.message, b.loc)));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      findings.push(asFinding(err, where('files', file, i)));
    }
  });
  let env: Map<string, EnvEntry> | undefined;
  if (set.envFile) {
    try {
      const text = readContainedText(root, root, set.envFile, { key: keyOf('env-file', set.envFile), what: 'env file', displayName: set.envFile });
      env = parseEnvText(text, set.envFile, { flavor: envFlavor, onInvalid: (err) => findings.push(asFinding(err, where('env-file', set.envFile!))) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      findings.push(asFinding(err, where('env-file', set.envFile)));
    }
  }
  const followed = new Map<string, LMap>();
  const reader = containedReader(root, new Map([...(env ?? [])].flatMap(([k, e]) => (e.value === undefined ? [] : [[k, e.value] as const]))), followed);
  const includedEnv = new Map<string, string>();
  const includedEnvFiles = (from: string, paths: readonly string[]) => {
    for (const [k, v] of readIncludedEnv(root, from, paths)) if (!includedEnv.has(k)) includedEnv.set(k, v);
  };
  // A cycle is reported by the resolver at its line; Compose refuses such a set, so it is not rendered.
  let cycles = 0;
  const onCycle = (message: string, loc: Finding['loc']) => {
    cycles++;
    findings.push(loadError('schema', message, loc));
  };
  const resolved = files.size < set.files.length ? undefined : mergeComposeFiles([...files].map(([name, tree]) => resolveComposeFile(name, tree, { reader, include: opts.include, includedEnvFiles, onCycle })));
  const merged = cycles > 0 ? undefined : resolved;
  return { set, files, followed, merged, env, includedEnv, findings };
}

/**
 * A finding carries the location itself: the detail when the error points at a line; a file-only
 * error is shown where the config file names the file (or at the file), with its name in the text.
 */
function asFinding(err: InputError, fallback: { file: string; line?: number; column?: number }): Finding {
  // A refused path's text already names the key and the path.
  if (err instanceof OutsideRepositoryError) return loadError('outside-repository', err.detail, fallback);
  return err.location?.line === undefined ? loadError('parse', err.message, fallback) : loadError('parse', err.detail, err.location);
}

/** An included project's env files, read leniently and only inside the repository; a missing or refused one declares nothing. */
function readIncludedEnv(root: string, from: string, paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const path of paths) {
    if (path.includes('$') || isRemoteReference(path)) continue;
    try {
      const text = readContainedText(root, resolve(root, dirname(from)), path, { key: `include env_file of ${from}`, what: 'env file', displayName: path });
      // include is Compose v2's: its grammar.
      for (const [k, e] of parseEnvText(text, path, { skipInvalid: true, flavor: 'v2' })) if (e.value !== undefined) out.set(k, e.value);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
    }
  }
  return out;
}
