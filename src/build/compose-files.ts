import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { InputError, type SourceLocation } from '../errors.js';
import type { ComposeConfig } from '../config/sections/compose.js';
import { readYamlFile } from '../config/yaml-source.js';

/*
 * A deliberately small reader of Compose files, only what build needs: each service's `image:` and
 * `build:` with where they were written. The full model (merge rules, interpolation, locations for
 * every key) is being written in src/compose/model*.ts for validate; this module should be replaced
 * by it once it lands.
 */

export interface ComposeBuildSpec {
  /** Absolute directory. */
  context: string;
  /** Relative to the context, as Compose has it. */
  dockerfile?: string;
  target?: string;
  args: Record<string, string>;
  /** Where the `build:` key was written (for "no Dockerfile" errors). */
  location: SourceLocation;
}

export interface ComposeService {
  name: string;
  /** As written, before interpolation. */
  image?: string;
  imageLocation?: SourceLocation;
  build?: ComposeBuildSpec;
}

export interface ComposeSet {
  files: string[];
  envFile?: string;
  /** How the files were chosen, for the log. */
  origin: 'config' | 'conventional';
}

const BASE = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const DEV_OVERRIDE = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];
const PROD = ['compose.prod.yaml', 'compose.prod.yml', 'docker-compose.prod.yaml', 'docker-compose.prod.yml'];

/** The prod and dev sets: from the config file, else the conventional layouts (same rules as validate). */
export function composeSets(config: ComposeConfig | undefined, cwd: string): { prod: ComposeSet; dev?: ComposeSet } {
  const first = (names: string[]) => names.find((n) => existsSync(resolve(cwd, n)));
  const base = first(BASE);
  const prodFile = first(PROD);
  const devOverride = first(DEV_OVERRIDE);
  const prod: ComposeSet | undefined = config?.prod
    ? { files: config.prod.files, envFile: config.prod.envFile, origin: 'config' }
    : prodFile
      ? { files: base ? [base, prodFile] : [prodFile], origin: 'conventional' }
      : base
        ? { files: [base], origin: 'conventional' }
        : undefined;
  if (!prod) {
    throw new InputError(`no prod Compose files: found none of ${[...BASE, ...PROD].join(', ')} in ${cwd}; add compose.prod.files to compose-deploy.yml`);
  }
  const dev: ComposeSet | undefined = config?.dev
    ? { files: config.dev.files, envFile: config.dev.envFile, origin: 'config' }
    : base
      ? { files: devOverride ? [base, devOverride] : [base], origin: 'conventional' }
      : undefined;
  return { prod, dev };
}

/** Services of a set, later files overriding earlier ones key by key (image replaced, build merged). */
export function readComposeServices(set: ComposeSet, cwd: string): Map<string, ComposeService> {
  const services = new Map<string, ComposeService>();
  for (const file of set.files) {
    const abs = resolve(cwd, file);
    if (!existsSync(abs)) throw new InputError(`Compose file not found: ${file} (listed in the ${set.origin === 'config' ? 'config file' : 'conventional layout'})`);
    const src = readYamlFile(abs, file);
    const root = src.doc.contents as Node | null;
    if (!isMap(root)) continue;
    const servicesNode = (root as YAMLMap).get('services', true) as Node | undefined;
    if (!isMap(servicesNode)) continue;
    for (const pair of servicesNode.items) {
      const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const node = pair.value as Node | null;
      if (!isMap(node)) continue;
      const svc = services.get(name) ?? { name };
      const image = node.get('image', true) as Node | undefined;
      if (isScalar(image) && typeof image.value === 'string') {
        svc.image = image.value;
        svc.imageLocation = src.locate(image);
      }
      const build = node.get('build', true) as Node | undefined;
      if (build !== undefined && build !== null) svc.build = mergeBuild(svc.build, build, dirname(abs), src.locate(build), file);
      services.set(name, svc);
    }
  }
  return services;
}

function mergeBuild(prev: ComposeBuildSpec | undefined, node: Node, dir: string, location: SourceLocation, file: string): ComposeBuildSpec {
  if (isScalar(node)) return { context: resolve(dir, String(node.value)), args: prev?.args ?? {}, location };
  if (!isMap(node)) throw new InputError('build: expected a context path or a mapping', location);
  const str = (key: string): string | undefined => {
    const v = node.get(key, true) as Node | undefined;
    return isScalar(v) && v.value !== null ? String(v.value) : undefined;
  };
  if (str('dockerfile_inline') !== undefined) {
    throw new InputError(`build.dockerfile_inline is not supported by compose-deploy build; put the Dockerfile in a file (${file})`, location);
  }
  const context = str('context');
  return {
    context: context !== undefined ? resolve(dir, context) : (prev?.context ?? dir),
    dockerfile: str('dockerfile') ?? prev?.dockerfile,
    target: str('target') ?? prev?.target,
    args: { ...prev?.args, ...buildArgs(node.get('args', true) as Node | undefined) },
    location,
  };
}

/** `args:` as a mapping or as a list of KEY=VALUE; a bare KEY takes its value from the environment, as Compose does. */
function buildArgs(node: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMap(node)) {
    for (const pair of node.items) {
      const v = isScalar(pair.value) ? pair.value.value : undefined;
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      if (v !== null && v !== undefined) out[key] = String(v);
      else if (process.env[key] !== undefined) out[key] = process.env[key]!;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const s = String(isScalar(item) ? item.value : '');
      const eq = s.indexOf('=');
      if (eq > 0) out[s.slice(0, eq)] = s.slice(eq + 1);
      else if (s && process.env[s] !== undefined) out[s] = process.env[s]!;
    }
  }
  return out;
}

/** Reads KEY=VALUE lines of an env file (comments and blank lines skipped, optional quotes removed). */
export function readEnvFile(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    out[m[1]!] = m[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/**
 * Compose-style interpolation of one value: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, $VAR, $$.
 * Returns the result and the names that had no value, so the caller can say so.
 */
export function interpolate(text: string, vars: Readonly<Record<string, string | undefined>>): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced?: string, op?: string, arg?: string, bare?: string) => {
    if (all === '$$') return '$';
    const name = (braced ?? bare)!;
    const v = vars[name];
    const unset = v === undefined || (op?.startsWith(':') === true && v === '');
    if (op?.endsWith('-') && unset) return arg ?? '';
    if (unset) missing.push(name);
    return v ?? '';
  });
  return { value, missing };
}
