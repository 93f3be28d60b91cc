import * as actionsCache from '@actions/cache';
import { hasLayerCache, type LayerCacheStore } from '../build/layer-cache.js';

/** @actions/cache: only meaningful on a runner, where the cache service variables exist. */
export class ActionsLayerCache implements LayerCacheStore {
  readonly description = 'local cache directory persisted with the GitHub Actions cache';
  async restore(dir: string, key: string, restoreKeys: string[]): Promise<boolean> {
    // A directory already on disk (a self-hosted runner's earlier job) is as good as a restored one.
    return (await actionsCache.restoreCache([dir], key, restoreKeys)) !== undefined || hasLayerCache(dir);
  }
  async save(dir: string, key: string): Promise<void> {
    await actionsCache.saveCache([dir], key);
  }
}

/** The Actions cache when this run can use it; undefined elsewhere (build keeps the directory on disk). */
export function actionsLayerCache(env: NodeJS.ProcessEnv): LayerCacheStore | undefined {
  return env['GITHUB_ACTIONS'] === 'true' && actionsCache.isFeatureAvailable() ? new ActionsLayerCache() : undefined;
}
