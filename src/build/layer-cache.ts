/**
 * Where buildx's local layer cache directory survives between runs. On a GitHub runner that is the
 * Actions cache service (src/action/actions-layer-cache.ts, handed in by the action's entry point, since
 * @actions/cache pulls in @actions/core, which the engine never imports); elsewhere the directory simply stays on the machine's disk.
 */
export interface LayerCacheStore {
  /** Said in the log, so users know whether the next run will be warm. */
  readonly description: string;
  /** true when a previous run's cache was found. */
  restore(dir: string, key: string, restoreKeys: string[]): Promise<boolean>;
  save(dir: string, key: string): Promise<void>;
}

/** Outside Actions: nothing to upload, the directory itself is the persistence. */
export class MachineLayerCache implements LayerCacheStore {
  readonly description = 'local cache directory kept on this machine (not on a GitHub runner: no Actions cache to persist it to)';
  async restore(): Promise<boolean> {
    return false;
  }
  async save(): Promise<void> {}
}

/** The buildx gha cache backend needs the runtime token and a cache service URL (v1 or v2) in its environment. */
export function ghaCacheAvailable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['ACTIONS_RUNTIME_TOKEN'] && (env['ACTIONS_CACHE_URL'] || env['ACTIONS_RESULTS_URL']));
}
