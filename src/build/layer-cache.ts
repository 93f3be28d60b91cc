import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerCacheStore } from '../engine/services.js';

/** Outside Actions: nothing to upload, the directory itself is the persistence. */
export class MachineLayerCache implements LayerCacheStore {
  readonly description = 'local cache directory kept on this machine (not on a GitHub runner: no Actions cache to persist it to)';
  async restore(dir: string): Promise<boolean> {
    return hasLayerCache(dir);
  }
  async save(): Promise<void> {}
}

/** buildx's `type=local` export is an OCI layout: without its index.json there is nothing to read. */
export function hasLayerCache(dir: string): boolean {
  return existsSync(join(dir, 'index.json'));
}

/** One cache directory per image; buildx exports into `newDir`, swapped in after the build. */
export function localCacheDirs(cacheRoot: string, imagePath: string): { dir: string; newDir: string } {
  const dir = join(cacheRoot, imagePath.replace(/\//g, '_'));
  return { dir, newDir: `${dir}-new` };
}

/**
 * Actions cache keys of an image's layer cache: saved per commit (a saved key is immutable), restored
 * from this commit's or else the newest of any commit's.
 */
export function layerCacheKeys(imagePath: string, sha: string): { key: string; restoreKeys: string[] } {
  const base = `compose-deploy-buildx-${imagePath.replace(/[^A-Za-z0-9._-]/g, '_')}-`;
  return { key: `${base}${sha}`, restoreKeys: [base] };
}

/** The buildx gha cache backend needs the runtime token and a cache service URL (v1 or v2) in its environment. */
export function ghaCacheAvailable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['ACTIONS_RUNTIME_TOKEN'] && (env['ACTIONS_CACHE_URL'] || env['ACTIONS_RESULTS_URL']));
}
