import { join } from 'node:path';
import { homedir } from 'node:os';
import type { Runner } from '../runner/runner.js';
import { ghaCacheAvailable, MachineLayerCache } from './layer-cache.js';
import type { LayerCacheStore } from '../engine/services.js';

/** Which builder runs and where its layer cache lives; said once in the log and in the summary. */
export type BuildEngine =
  | { kind: 'buildx'; driver: string; cache: 'gha' }
  | { kind: 'buildx'; driver: string; cache: 'local'; cacheRoot: string; store: LayerCacheStore }
  /** The "docker" driver: the cache travels inside the pushed image (type=inline); `why` says what it cannot do. */
  | { kind: 'buildx'; driver: string; cache: 'inline'; why: string }
  | { kind: 'classic' };

/** `store`: where the local cache persists (the action's Actions cache); without one it stays on this machine. */
export async function detectEngine(runner: Runner, env: NodeJS.ProcessEnv, dockerEnv: Record<string, string>, store?: LayerCacheStore): Promise<BuildEngine> {
  const version = await runner.run({ argv: ['docker', 'buildx', 'version'], env: dockerEnv });
  if (version.code !== 0) return { kind: 'classic' };
  const inspect = await runner.run({ argv: ['docker', 'buildx', 'inspect'], env: dockerEnv });
  const driver = /^Driver:\s*(\S+)/m.exec(inspect.stdout)?.[1] ?? 'unknown';
  // The default "docker" driver can only embed the cache in the image; docker/setup-buildx-action gives a docker-container one.
  if (driver === 'docker') return { kind: 'buildx', driver, cache: 'inline', why: dockerDriverWhy(env) };
  if (ghaCacheAvailable(env)) return { kind: 'buildx', driver, cache: 'gha' };
  const cacheRoot = env['RUNNER_TEMP'] ? join(env['RUNNER_TEMP'], 'compose-deploy-buildx-cache') : join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'compose-deploy', 'buildx');
  return { kind: 'buildx', driver, cache: 'local', cacheRoot, store: store ?? new MachineLayerCache() };
}

/**
 * The "docker" driver (what buildx uses until a builder is created) builds in the engine itself and
 * can export a cache only inside the image it pushes. A runner offering the Actions cache gets told
 * exactly what to add to use it.
 */
function dockerDriverWhy(env: NodeJS.ProcessEnv): string {
  return ghaCacheAvailable(env)
    ? 'the GitHub Actions cache (type=gha) needs a buildx builder with the docker-container driver, and the current builder uses the "docker" driver, which cannot write it: add docker/setup-buildx-action before this step'
    : 'the buildx "docker" driver exports no cache of its own (use docker/setup-buildx-action for a cache directory)';
}

/** The Actions cache was there to use, but the builder cannot write to it: worth a warning, not a failure. */
export function cacheUnusedWarning(e: BuildEngine, env: NodeJS.ProcessEnv): string | undefined {
  return e.kind === 'buildx' && e.cache === 'inline' && ghaCacheAvailable(env) ? `no GitHub Actions layer cache: ${e.why}` : undefined;
}

export function describeEngine(e: BuildEngine): string {
  if (e.kind === 'classic') return 'docker build + docker push (buildx not available; layer cache: the local Docker engine)';
  const base = `docker buildx build --push (driver ${e.driver})`;
  if (e.cache === 'gha') return `${base}, layer cache: GitHub Actions cache (type=gha)`;
  if (e.cache === 'local') return `${base}, layer cache: ${e.cacheRoot} (${e.store.description})`;
  return `${base}, layer cache: inline in the pushed image, read back through the image's moving tags (branch, latest) when it has any; ${e.why}`;
}
