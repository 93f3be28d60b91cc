import { dirname, resolve } from 'node:path';
import { loadComposeFile, mapEntries, nodeAt, scalarString, type LEntry, type LMap, type LNode } from '../compose/model.js';
import { mergeComposeFiles } from '../compose/model-merge.js';
import { envValues, readEnvFile as readEnvEntries } from '../compose/model-env.js';
import { findVarRefs, interpolate as interpolateStrict, needsValue } from '../compose/model-vars.js';
import { devSet, prodSet, type ComposeSet as SharedSet, type SetSource } from '../compose/sets.js';
import { InputError, type SourceLocation } from '../errors.js';

/*
 * What build needs from the prod and dev Compose sets: each service's `image:` and `build:`, with
 * where they were written. The sets are found and the files read, merged and located by the shared
 * Compose model (src/compose/), the same that validate uses.
 */

export interface ComposeBuildSpec {
  /** Absolute directory. */
  context: string;
  /** Relative to the context, as Compose has it. */
  dockerfile?: string;
  target?: string;
  args: Record<string, string>;
  /** Args written as a bare KEY, whose value is the runner's environment variable of that name. */
  argsFromEnv: string[];
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

/**
 * The prod and dev sets, as validate and deploy see them (prodSet and devSet in src/compose/sets.ts):
 * without a prod file the base file alone is the prod set. A discovered set's example env file is not
 * used: image names are interpolated with real values (environment, IMAGE_TAG).
 */
export function composeSets(settings: SetSource): { prod: ComposeSet; dev?: ComposeSet } {
  const dev = devSet(settings);
  return { prod: buildSet(prodSet(settings)), ...(dev ? { dev: buildSet(dev) } : {}) };
}

function buildSet(set: SharedSet): ComposeSet {
  if (set.discovered) return { files: set.files, origin: 'conventional' };
  return { files: set.files, ...(set.envFile === undefined ? {} : { envFile: set.envFile }), origin: 'config' };
}

/** Services of a set, merged as Compose merges its files (image replaced, build merged key by key). */
export function readComposeServices(set: Pick<ComposeSet, 'files'>, cwd: string, env: NodeJS.ProcessEnv = process.env): Map<string, ComposeService> {
  const trees = set.files.map((file) => buildView(loadComposeFile(resolve(cwd, file), file)));
  const services = new Map<string, ComposeService>();
  for (const [name, entry] of mapEntries(nodeAt(mergeComposeFiles(trees), ['services']))) {
    const svc: ComposeService = { name };
    const image = nodeAt(entry.value, ['image']);
    if (image?.kind === 'scalar' && typeof image.value === 'string') {
      svc.image = image.value;
      svc.imageLocation = image.loc;
    }
    const build = nodeAt(entry.value, ['build']);
    if (build) svc.build = buildSpec(build, cwd, env);
    services.set(name, svc);
  }
  return services;
}

/**
 * The part of a file build reads: services that are mappings, with `build: ./dir` spelled
 * `build: {context: ./dir}` as Compose does before merging, so a later file's keys merge into it.
 */
function buildView(file: LMap): LMap {
  const services = nodeAt(file, ['services']);
  const entries = new Map<string, LEntry>();
  for (const [name, e] of mapEntries(services)) {
    if (e.value.kind !== 'map') continue;
    const build = e.value.entries.get('build');
    if (build?.value.kind !== 'scalar' || build.value.value === null) {
      entries.set(name, e);
      continue;
    }
    const context: LMap = { kind: 'map', loc: build.value.loc, tag: build.value.tag, entries: new Map([['context', { keyLoc: build.value.loc, value: build.value }]]) };
    entries.set(name, { keyLoc: e.keyLoc, value: { ...e.value, entries: new Map([...e.value.entries, ['build', { keyLoc: build.keyLoc, value: context }]]) } });
  }
  return { kind: 'map', loc: file.loc, entries: services ? new Map([['services', { keyLoc: file.loc, value: { kind: 'map', loc: services.loc, entries } }]]) : new Map() };
}

function buildSpec(node: LNode, cwd: string, env: NodeJS.ProcessEnv): ComposeBuildSpec {
  const location = node.loc;
  if (node.kind !== 'map') throw new InputError('build: expected a context path or a mapping', location);
  const str = (key: string) => scalarString(node.entries.get(key)?.value);
  const inline = node.entries.get('dockerfile_inline');
  if (inline && scalarString(inline.value) !== undefined) {
    throw new InputError(`build.dockerfile_inline is not supported by compose-deploy build; put the Dockerfile in a file (${inline.keyLoc.file})`, location);
  }
  // A relative context is relative to the file that wrote it.
  const context = node.entries.get('context')?.value;
  const contextText = scalarString(context);
  return {
    context: resolve(cwd, dirname((context ?? node).loc.file), contextText ?? '.'),
    dockerfile: str('dockerfile'),
    target: str('target'),
    ...buildArgs(node.entries.get('args')?.value, env),
    location,
  };
}

/** `args:` (the list spelling is already a mapping after the merge); a bare KEY takes its value from the environment, as Compose does. */
function buildArgs(node: LNode | undefined, env: NodeJS.ProcessEnv): Pick<ComposeBuildSpec, 'args' | 'argsFromEnv'> {
  const args: Record<string, string> = {};
  const argsFromEnv: string[] = [];
  for (const [key, e] of mapEntries(node)) {
    const v = e.value.kind === 'scalar' ? e.value.value : undefined;
    if (v !== null && v !== undefined) args[key] = String(v);
    else if (env[key] !== undefined) {
      args[key] = env[key]!;
      argsFromEnv.push(key);
    }
  }
  return { args, argsFromEnv };
}

/** The variables of an env file (Compose's syntax, see model-env.ts); lines that are not KEY=value are skipped. */
export function readEnvFile(path: string, displayName = path): Record<string, string> {
  return envValues(readEnvEntries(path, displayName, { skipInvalid: true }));
}

/**
 * Interpolates an image name with Compose's rules (model-vars.ts), without stopping at a missing variable:
 * a required one (`${VAR}`, `${VAR:?msg}`) renders empty and is returned in `missing`, so the caller can say so.
 */
export function interpolate(text: string, vars: Readonly<Record<string, string | undefined>>): { value: string; missing: string[] } {
  const env = new Map(Object.entries(vars).filter((kv): kv is [string, string] => kv[1] !== undefined));
  const missing: string[] = [];
  let value = '';
  let at = 0;
  for (const ref of findVarRefs(text)) {
    const v = env.get(ref.name);
    const unset = v === undefined || (ref.op.startsWith(':') && v === '');
    value += interpolateStrict(text.slice(at, ref.start), env);
    if (needsValue(ref) && unset) missing.push(ref.name);
    else value += interpolateStrict(text.slice(ref.start, ref.end), env);
    at = ref.end;
  }
  return { value: value + interpolateStrict(text.slice(at), env), missing };
}
