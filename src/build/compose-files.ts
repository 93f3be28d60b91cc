import { dirname, resolve } from 'node:path';
import { loadComposeFile, mapEntries, nodeAt, scalarString, type LEntry, type LMap, type LNode } from '../compose/model.js';
import { mergeComposeFiles } from '../compose/model-merge.js';
import { resolveComposeFile } from '../compose/model-resolve.js';
import { containedReader } from '../compose/contained-reader.js';
import { envValues, readEnvFile } from '../compose/model-env.js';
import type { ComposeSet } from '../compose/sets.js';
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

/**
 * Services of a set, merged as Compose merges its files (image replaced, build merged key by key),
 * with `extends` and `include` resolved first, as validate resolves them: a service whose `build:`
 * comes from an extended or included file is built too, from that file's directory.
 * `vars`: what a path in extends.file or include may be built from.
 */
export function readComposeServices(set: Pick<ComposeSet, 'files'>, cwd: string, env: NodeJS.ProcessEnv = process.env, vars: Readonly<Record<string, string>> = {}): Map<string, ComposeService> {
  const reader = containedReader(cwd, new Map(Object.entries({ ...vars, ...definedOnly(env) })), new Map());
  const trees = set.files.map((file) => buildView(resolveComposeFile(file, loadComposeFile(resolve(cwd, file), file), { reader, include: true })));
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

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
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

/**
 * The variables of the set's env file that image names are interpolated with. A discovered set's example
 * env file is not used: image names take real values (environment, IMAGE_TAG). A configured one is read
 * as Compose v2 reads --env-file, leniently: a bad line is Compose's to report when it renders.
 */
export function envFileVars(set: Pick<ComposeSet, 'envFile' | 'discovered'>, cwd: string, env: NodeJS.ProcessEnv): Record<string, string> {
  if (!set.envFile || set.discovered) return {};
  return envValues(readEnvFile(resolve(cwd, set.envFile), set.envFile, { environment: env, skipInvalid: true }));
}
