import { hasLayerCache } from '../build/layer-cache.js';
import type { LayerCacheStore } from '../engine/services.js';

type ActionsCache = typeof import('@actions/cache');

/** @actions/cache: only meaningful on a runner, where the cache service variables exist. */
export class ActionsLayerCache implements LayerCacheStore {
  constructor(private readonly actionsCache: ActionsCache) {}
  readonly description = 'local cache directory persisted with the GitHub Actions cache';
  async restore(dir: string, key: string, restoreKeys: string[]): Promise<boolean> {
    // A directory already on disk (a self-hosted runner's earlier job) is as good as a restored one.
    return (await this.actionsCache.restoreCache([dir], key, restoreKeys)) !== undefined || hasLayerCache(dir);
  }
  async save(dir: string, key: string): Promise<void> {
    await this.actionsCache.saveCache([dir], key);
  }
}

/**
 * The Actions cache when this run can use it; undefined elsewhere (build keeps the directory on disk).
 * @actions/cache (and the storage clients under it) is loaded only here, by the commands that keep a cache.
 */
export async function actionsLayerCache(env: NodeJS.ProcessEnv): Promise<LayerCacheStore | undefined> {
  if (env['GITHUB_ACTIONS'] !== 'true') return undefined;
  const actionsCache = await import('@actions/cache');
  return actionsCache.isFeatureAvailable() ? new ActionsLayerCache(actionsCache) : undefined;
}
