import { resolve } from 'node:path';
import { loadComposeFile, type LMap } from '../compose/model.js';
import { mergeComposeFiles } from '../compose/model-merge.js';
import { readEnvFile, type EnvEntry } from '../compose/model-env.js';
import { badServiceNames } from '../compose/service-name.js';
import { InputError } from '../errors.js';
import { loadError, type Finding } from './findings.js';
import type { ComposeSet } from '../compose/sets.js';

/** A set read from disk: its files as located trees, their merge, and its env file. */
export interface LoadedSet {
  set: ComposeSet;
  /** Each file's own tree, by file name (what the Compose CLI's errors name). */
  files: Map<string, LMap>;
  /** Undefined when some file did not load: the other checks would only repeat that error. */
  merged?: LMap;
  /** Variables the set's env file declares; undefined when the set names none (or it did not load). */
  env?: Map<string, EnvEntry>;
  findings: Finding[];
}

export function loadSet(set: ComposeSet, cwd: string): LoadedSet {
  const findings: Finding[] = [];
  const files = new Map<string, LMap>();
  set.files.forEach((file, i) => {
    try {
      const tree = loadComposeFile(resolve(cwd, file), file);
      files.set(file, tree);
      findings.push(...badServiceNames(tree).map((b) => loadError('schema', b.message, b.loc)));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const msg = findingMessage(err);
      // A missing file is best shown where the config file names it.
      findings.push(loadError('parse', msg, err.location?.line === undefined ? (set.configLoc('files', i) ?? { file }) : err.location));
    }
  });
  let env: Map<string, EnvEntry> | undefined;
  if (set.envFile) {
    try {
      env = readEnvFile(resolve(cwd, set.envFile), set.envFile);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      findings.push(loadError('parse', findingMessage(err), err.location?.line === undefined ? (set.configLoc('env-file') ?? { file: set.envFile }) : err.location));
    }
  }
  const merged = findings.some((f) => f.rule === 'parse' && files.size < set.files.length) ? undefined : mergeComposeFiles([...files.values()]);
  return { set, files, merged, env, findings };
}

/**
 * The message for a finding, which carries the location itself: the detail when the error points at a
 * line; a file-only location stays in the text, since the finding may point at the config file instead.
 */
function findingMessage(err: InputError): string {
  return err.location?.line === undefined ? err.message : err.detail;
}
