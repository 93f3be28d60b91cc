import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFolder, fromConfigFolder } from '../config/config-paths.js';
import type { ComposeConfig } from '../config/sections/compose.js';
import type { Settings } from '../config/settings.js';
import { readYamlFile } from '../config/yaml-source.js';
import { InputError, type SourceLocation } from '../errors.js';

/*
 * Which Compose files make up the dev and prod sets: named in the config file (compose.dev,
 * compose.prod), or else found by the conventional layouts. validate, build and deploy all take
 * their sets from here (prodSet, devSet), so a layout one of them accepts is a layout all of them accept.
 */

export type SetName = 'dev' | 'prod';

/** A Compose file set: files relative to the working directory, merged in order. */
export interface ComposeSet {
  name: SetName;
  files: string[];
  envFile?: string;
  /** true when found by convention (no compose.<name> in the config file). */
  discovered: boolean;
  /** Why this set is what it is, when that is not obvious (the base file alone as the prod set). */
  note?: string;
  /** Where compose.<name>.files[i] / env-file is written in the config file, for "missing file" findings. */
  configLoc(key: 'files' | 'env-file', index?: number): SourceLocation | undefined;
}

export const BASE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const DEV_OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];
export const PROD_FILES = ['compose.prod.yaml', 'compose.prod.yml', 'docker-compose.prod.yml', 'docker-compose.prod.yaml'];
/** Example env files used to render a discovered set (sample values, not what prod runs with). */
const DEV_ENV = ['.env.example'];
const PROD_ENV = ['.env.prod.example', '.env.production.example', '.env.example'];

/** The sets the config file names (compose.dev, compose.prod), each able to locate its keys. */
export function configuredSets(config: ComposeConfig | undefined, configPath: string | undefined, cwd: string): Partial<Record<SetName, ComposeSet>> {
  const located = configLocator(configPath, cwd);
  const out: Partial<Record<SetName, ComposeSet>> = {};
  for (const name of ['dev', 'prod'] as const) {
    const c = config?.[name];
    if (c) out[name] = { name, files: c.files, envFile: c.envFile, discovered: false, configLoc: (key, i) => located(['compose', name, key, ...(i === undefined ? [] : [i])]) };
  }
  return out;
}

/**
 * The conventional layouts in a folder of the repository (the config file's; '' for the root): dev = base
 * (+ override), prod = base + prod file, or the prod file alone when there is no base. The first existing
 * name of each kind wins. Paths come back relative to the repository.
 */
export function discoverSets(cwd: string, folder = ''): Partial<Record<SetName, ComposeSet>> {
  const first = (names: string[]) => names.map((n) => fromConfigFolder(folder, n)).find((n) => existsSync(resolve(cwd, n)));
  const base = first(BASE_FILES);
  const override = first(DEV_OVERRIDE_FILES);
  const prod = first(PROD_FILES);
  const out: Partial<Record<SetName, ComposeSet>> = {};
  if (base) out.dev = discovered('dev', override ? [base, override] : [base], first(DEV_ENV));
  if (prod) out.prod = discovered('prod', base ? [base, prod] : [prod], first(PROD_ENV));
  return out;
}

function discovered(name: SetName, files: string[], envFile: string | undefined, note?: string): ComposeSet {
  return { name, files, envFile, discovered: true, ...(note ? { note } : {}), configLoc: () => undefined };
}

/** What the sets are chosen from: the config file's compose section, in the working directory. */
export type SetSource = Pick<Settings, 'config' | 'configPath' | 'cwd'>;

export const BASE_ALONE_NOTE = 'no prod file: the base file alone is the prod set';

/**
 * The prod set validate checks, build builds and deploy ships: compose.prod in the config file; else the
 * conventional prod set (base + prod file, or the prod file alone); else the base file alone.
 */
export function prodSet(settings: SetSource): ComposeSet {
  const configured = configuredSets(settings.config.compose, settings.configPath, settings.cwd).prod;
  if (configured) return configured;
  const folder = configFolder(settings.cwd, settings.configPath);
  const found = discoverSets(settings.cwd, folder);
  if (found.prod) return found.prod;
  if (found.dev) {
    const envFile = PROD_ENV.map((n) => fromConfigFolder(folder, n)).find((n) => existsSync(resolve(settings.cwd, n)));
    return discovered('prod', found.dev.files.slice(0, 1), envFile, BASE_ALONE_NOTE);
  }
  throw new InputError(
    'no prod Compose files: set compose.prod.files in compose-deploy.yml, or add compose.yaml + compose.prod.yaml (or docker-compose.yml + docker-compose.prod.yml)',
  );
}

/**
 * The dev set: compose.dev in the config file. A config file that names a set (compose.prod alone, say)
 * names all the sets there are: a dev set found by file name would be rendered without the env file the
 * team configured and report variables it never meant to set. Only without any named set is the
 * conventional one (base + override) taken; none without a base file.
 */
export function devSet(settings: SetSource): ComposeSet | undefined {
  const configured = configuredSets(settings.config.compose, settings.configPath, settings.cwd);
  if (configured.dev || configured.prod) return configured.dev;
  return discoverSets(settings.cwd, configFolder(settings.cwd, settings.configPath)).dev;
}

/** Why the sets are the ones they are, in a sentence for validate's log. */
export function setsReason(settings: SetSource): string {
  const configured = configuredSets(settings.config.compose, settings.configPath, settings.cwd);
  const config = settings.configPath ? relativeTo(settings.cwd, settings.configPath) : 'the config file';
  if (configured.dev && configured.prod) return `compose.dev and compose.prod as named in ${config}`;
  if (configured.prod) return `compose.prod as named in ${config}, and no dev set: a config file that names a set names them all, so none is looked for by file name`;
  if (configured.dev) return `compose.dev as named in ${config}; compose.prod is not named there, so the prod set is the conventional one (build and deploy ship it)`;
  return `${settings.configPath ? `${config} names no compose set` : 'no config file'}: the sets are found by their conventional file names`;
}

/** The sets validate checks: the dev set when there is one, and the prod set build and deploy use. */
export function resolveSets(settings: SetSource): ComposeSet[] {
  const prod = prodSet(settings);
  const dev = devSet(settings);
  return dev ? [dev, prod] : [prod];
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
  return `${set.files.join(' + ')}${set.envFile ? ` with ${set.envFile}` : ''}${set.note ? ` (${set.note})` : ''}`;
}
