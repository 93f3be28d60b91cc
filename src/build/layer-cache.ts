import * as actionsCache from '@actions/cache';

/**
 * Where buildx's local layer cache directory survives between runs. On a GitHub runner that is the
 * Actions cache service; elsewhere the directory simply stays on the machine's disk.
 */
export interface LayerCacheStore {
  /** Said in the log, so users know whether the next run will be warm. */
  readonly description: string;
  /** true when a previous run's cache was found. */
  restore(dir: string, key: string, restoreKeys: string[]): Promise<boolean>;
  save(dir: string, key: string): Promise<void>;
}

/** @actions/cache: only meaningful on a runner, where the cache service variables exist. */
export class ActionsLayerCache implements LayerCacheStore {
  readonly description = 'local cache directory persisted with the GitHub Actions cache';
  async restore(dir: string, key: string, restoreKeys: string[]): Promise<boolean> {
    return (await actionsCache.restoreCache([dir], key, restoreKeys)) !== undefined;
  }
  async save(dir: string, key: string): Promise<void> {
    await actionsCache.saveCache([dir], key);
  }
}

/** Outside Actions: nothing to upload, the directory itself is the persistence. */
export class MachineLayerCache implements LayerCacheStore {
  readonly description = 'local cache directory kept on this machine (not on a GitHub runner: no Actions cache to persist it to)';
  async restore(): Promise<boolean> {
    return false;
  }
  async save(): Promise<void> {}
}

export function layerCacheStore(env: NodeJS.ProcessEnv): LayerCacheStore {
  return env['GITHUB_ACTIONS'] === 'true' && actionsCache.isFeatureAvailable() ? new ActionsLayerCache() : new MachineLayerCache();
}

/** The buildx gha cache backend needs the runtime token and a cache service URL (v1 or v2) in its environment. */
export function ghaCacheAvailable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['ACTIONS_RUNTIME_TOKEN'] && (env['ACTIONS_CACHE_URL'] || env['ACTIONS_RESULTS_URL']));
}
