import type { LayerCacheStore } from '../build/layer-cache.js';
import type { Runner } from '../runner/runner.js';

/**
 * What a front door hands the engine besides Settings: the environment, a runner, and services only
 * the action has. Each field is optional; a command falls back to process.env, a LocalRunner, and
 * doing without (the CLI passes no layer cache: the directory stays on this machine's disk).
 */
export interface EngineServices {
  /** The process environment (CI facts, variables Compose interpolates). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Runs local commands (docker, git, the Compose CLI). Default: a LocalRunner. */
  runner?: Runner;
  /** Persists buildx's local layer cache between runs (the action: the GitHub Actions cache). */
  layerCache?: LayerCacheStore;
}
