import type { Command } from '../runner/runner.js';

/** What to build, independent of the engine that builds it. */
export interface BuildRequest {
  repository: string;
  tags: readonly string[];
  context: string;
  dockerfile: string;
  target?: string;
  args: Readonly<Record<string, string>>;
  /** Those of args taken from the runner's environment: passed by name, the value in docker's environment. */
  argsFromEnv?: readonly string[];
  labels: Readonly<Record<string, string>>;
}

/** Where buildx keeps layers between runs. */
export type CacheSpec =
  | { kind: 'gha'; scope: string }
  /** Read from dir, write a fresh copy to newDir (swapped in afterwards, so the cache does not grow forever). */
  | { kind: 'local'; dir: string; newDir: string }
  /** In the pushed image itself (what the docker driver can do), read back from earlier pushes of `from`. */
  | { kind: 'inline'; from: readonly string[] }
  | { kind: 'none' };

export interface LabelInput {
  sha: string;
  source?: string;
  created: string;
  version: string;
}

/** The OCI annotations every image carries, so a running container says which commit it is. */
export function ociLabels(l: LabelInput): Record<string, string> {
  return {
    'org.opencontainers.image.revision': l.sha,
    ...(l.source ? { 'org.opencontainers.image.source': l.source } : {}),
    'org.opencontainers.image.created': l.created,
    'org.opencontainers.image.version': l.version,
  };
}

/** Flags both engines share; sorted, so the argv (and a dry-run diff) does not depend on key order. */
function commonFlags(r: BuildRequest): string[] {
  const sorted = (o: Readonly<Record<string, string>>) => Object.keys(o).sort().map((k) => `${k}=${o[k]}`);
  // `--build-arg NAME` alone makes docker read NAME from its own environment: a value from the
  // runner's environment (a token, often) never shows in the process list or a dry-run.
  const buildArg = (k: string) => (r.argsFromEnv?.includes(k) ? k : `${k}=${r.args[k]}`);
  return [
    '--file', r.dockerfile,
    ...(r.target ? ['--target', r.target] : []),
    ...Object.keys(r.args).sort().flatMap((k) => ['--build-arg', buildArg(k)]),
    ...sorted(r.labels).flatMap((l) => ['--label', l]),
    ...r.tags.flatMap((t) => ['--tag', `${r.repository}:${t}`]),
  ];
}

function cacheFlags(c: CacheSpec): string[] {
  switch (c.kind) {
    case 'gha':
      // buildx reads ACTIONS_CACHE_URL / ACTIONS_RUNTIME_TOKEN from its environment: the token never appears here.
      return ['--cache-from', `type=gha,scope=${c.scope}`, '--cache-to', `type=gha,mode=max,scope=${c.scope}`];
    case 'local':
      return ['--cache-from', `type=local,src=${c.dir}`, '--cache-to', `type=local,dest=${c.newDir},mode=max`];
    case 'inline':
      return [...c.from.flatMap((ref) => ['--cache-from', `type=registry,ref=${ref}`]), '--cache-to', 'type=inline'];
    case 'none':
      return [];
  }
}

/** The values of the args passed by name, for the environment of the build (never printed). */
function argsEnv(r: BuildRequest): Pick<Command, 'privateEnv'> {
  const names = (r.argsFromEnv ?? []).filter((k) => r.args[k] !== undefined);
  return names.length > 0 ? { privateEnv: Object.fromEntries(names.map((k) => [k, r.args[k]!])) } : {};
}

/** `docker buildx build --push`: build and push in one step, so a failed build pushes nothing. */
export function buildxCommand(r: BuildRequest, cache: CacheSpec, env?: Record<string, string>): Command {
  return {
    argv: ['docker', 'buildx', 'build', '--progress=plain', '--push', ...commonFlags(r), ...cacheFlags(cache), r.context],
    ...(env ? { env } : {}),
    ...argsEnv(r),
  };
}

/**
 * The classic builder, for machines without buildx. DOCKER_BUILDKIT=0 asks for it explicitly: a
 * recent client without the buildx plugin would otherwise refuse or guess.
 */
export function classicBuildCommand(r: BuildRequest, env?: Record<string, string>): Command {
  // --force-rm: a failed RUN would otherwise leave its container behind on every failed build.
  return { argv: ['docker', 'build', '--force-rm', ...commonFlags(r), r.context], env: { ...env, DOCKER_BUILDKIT: '0' }, ...argsEnv(r) };
}

/**
 * The sha tag (the first) goes last: build skips an image whose sha tag is in the registry, so that
 * tag may only appear once every other tag made it.
 */
export function pushOrder(tags: readonly string[]): string[] {
  const [primary, ...extras] = tags;
  return primary === undefined ? [] : [...extras, primary];
}

/** One push per tag, in push order: `--all-tags` would also push stale local tags of the same repository. */
export function pushCommands(r: Pick<BuildRequest, 'repository' | 'tags'>, env?: Record<string, string>): Array<{ tag: string; command: Command }> {
  return pushOrder(r.tags).map((tag) => ({ tag, command: { argv: ['docker', 'push', `${r.repository}:${tag}`], ...(env ? { env } : {}) } }));
}
