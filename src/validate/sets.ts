import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import { readYamlFile } from '../config/yaml-source.js';
import { InputError, type SourceLocation } from '../errors.js';

export type SetName = 'dev' | 'prod';

/** A Compose file set to check: files relative to the working directory, merged in order. */
export interface ComposeSet {
  name: SetName;
  files: string[];
  envFile?: string;
  /** true when found by convention (no compose.<name> in the config file). */
  discovered: boolean;
  /** Where compose.<name>.files[i] / env-file is written in the config file, for "missing file" findings. */
  configLoc(key: 'files' | 'env-file', index?: number): SourceLocation | undefined;
}

const BASE = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const DEV_OVERRIDE = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];
const PROD = ['compose.prod.yaml', 'compose.prod.yml', 'docker-compose.prod.yml', 'docker-compose.prod.yaml'];
const DEV_ENV = ['.env.example'];
const PROD_ENV = ['.env.prod.example', '.env.production.example', '.env.example'];

/**
 * The sets named in the config file, or else the conventional layouts: dev = base (+ override),
 * prod = base + prod file, or the prod file alone when there is no base.
 */
export function resolveSets(settings: Settings): ComposeSet[] {
  const cfg = settings.config.compose;
  const sets: ComposeSet[] = [];
  const located = configLocator(settings.configPath, settings.cwd);
  for (const name of ['dev', 'prod'] as const) {
    const c = cfg?.[name];
    if (c) sets.push({ name, files: c.files, envFile: c.envFile, discovered: false, configLoc: (key, i) => located(['compose', name, key, ...(i === undefined ? [] : [i])]) });
  }
  if (cfg?.dev || cfg?.prod) return sets;

  const first = (names: string[]) => names.find((n) => existsSync(resolve(settings.cwd, n)));
  const base = first(BASE);
  const override = first(DEV_OVERRIDE);
  const prod = first(PROD);
  const none = () => undefined;
  if (base) sets.push({ name: 'dev', files: override ? [base, override] : [base], envFile: first(DEV_ENV), discovered: true, configLoc: none });
  if (prod) sets.push({ name: 'prod', files: base ? [base, prod] : [prod], envFile: first(PROD_ENV), discovered: true, configLoc: none });
  if (sets.length === 0) {
    throw new InputError(
      `no Compose files found in ${settings.cwd}: expected ${BASE.join(' or ')} (dev) and/or ${PROD.join(' or ')} (prod), ` +
        'or name the sets in compose-deploy.yml (compose.dev.files, compose.prod.files)',
    );
  }
  return sets;
}

/** Finds a key's line in the config file lazily: only a missing file needs it. */
function configLocator(configPath: string | undefined, cwd: string) {
  return (path: (string | number)[]): SourceLocation | undefined => {
    if (!configPath) return undefined;
    try {
      const src = readYamlFile(configPath, relativeTo(cwd, configPath));
      return src.locate(src.doc.getIn(path, true) as never);
    } catch {
      return undefined;
    }
  };
}

export function relativeTo(cwd: string, abs: string): string {
  const base = resolve(cwd) + '/';
  return abs.startsWith(base) ? abs.slice(base.length) : abs;
}

export function describeSet(set: ComposeSet): string {
  return `${set.files.join(' + ')}${set.envFile ? ` with ${set.envFile}` : ''}`;
}
