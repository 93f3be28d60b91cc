import { readTextFile } from '../config/read-text.js';
import type { ComposeFlavor } from './cli.js';
import { InputError } from '../errors.js';
import { parseV1, parseV2, type EnvStatement } from './env-grammar.js';

/*
 * Env files (`--env-file`, the release's `.env`, `env_file:`) read as the Compose in use reads them.
 * Compose v2 (compose-go's dotenv) and v1 (python-dotenv 0.21) disagree on quotes, escapes, comments
 * and interpolation; each grammar is in env-grammar.ts, checked line by line against both CLIs by
 * test/e2e/validate/env-file-oracle.test.ts.
 */

/** Which Compose reads the file: v2 (`docker compose`) unless it is known to be v1 (`docker-compose`). */
export type EnvFlavor = 'v1' | 'v2';

/** The env file grammar of a Compose command; v2's when it is not known (what a current host runs). */
export function envFlavorOf(compose: ComposeFlavor | undefined): EnvFlavor {
  return compose === 'docker-compose' ? 'v1' : 'v2';
}

/** One variable of an env file, with the line that declares it. */
export interface EnvEntry {
  /**
   * undefined: `KEY` alone under v2 with no such variable in the environment: declared, but Compose
   * leaves it unset (v1 sets it empty).
   */
  value: string | undefined;
  line: number;
}

export interface EnvParseOptions {
  /** The Compose whose rules apply (default v2). */
  flavor?: EnvFlavor;
  /**
   * The environment Compose runs in, for `${VAR}` inside the file and `KEY` alone (default: none).
   * v2 prefers it to the file's own earlier lines, v1 the other way round.
   */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Skip what Compose would refuse (v2) or skip with a warning (v1) instead of failing on it (build reads leniently). */
  skipInvalid?: boolean;
  /** Skip such a line and hand its error here (validate reports each and still checks the rest). */
  onInvalid?: (err: InputError) => void;
}

/** The env file's variables in file order; a key set twice keeps its last value and line. */
export function parseEnvText(text: string, file: string, options: EnvParseOptions = {}): Map<string, EnvEntry> {
  const environment = new Map(Object.entries(options.environment ?? {}).filter((kv): kv is [string, string] => kv[1] !== undefined));
  const statements = (options.flavor === 'v1' ? parseV1 : parseV2)(text.replace(/^\uFEFF/, ''), environment);
  const out = new Map<string, EnvEntry>();
  for (const s of statements) {
    if (isProblem(s)) {
      if (options.skipInvalid) continue;
      // The reason names no value: an env file holds secrets.
      const err = new InputError(`invalid env file line: ${s.problem}`, { file, line: s.line, column: 1 });
      if (!options.onInvalid) throw err;
      options.onInvalid(err);
      continue;
    }
    out.set(s.key, { value: s.value, line: s.line });
  }
  return out;
}

function isProblem(s: EnvStatement): s is Extract<EnvStatement, { problem: string }> {
  return 'problem' in s;
}

export function readEnvFile(absPath: string, displayName: string, options: EnvParseOptions = {}): Map<string, EnvEntry> {
  return parseEnvText(readTextFile(absPath, displayName, 'env file'), displayName, options);
}

/** The variables that have a value, as a plain record (what interpolation and build args take). */
export function envValues(entries: ReadonlyMap<string, EnvEntry>): Record<string, string> {
  return Object.fromEntries([...entries].filter((kv): kv is [string, EnvEntry & { value: string }] => kv[1].value !== undefined).map(([k, e]) => [k, e.value]));
}
