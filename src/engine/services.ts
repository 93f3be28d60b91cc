import type { Runner } from '../runner/runner.js';
import type { HostConnector } from '../ssh/connect.js';

/**
 * What a front door hands the engine besides Settings: the environment, runners, and services only
 * the action has. Each field is optional; a command falls back to process.env, a LocalRunner, the
 * real SSH connection, no interruptions, and doing without (the CLI passes no layer cache: the
 * directory stays on this machine's disk).
 */
export interface EngineServices {
  /** The process environment (CI facts, variables Compose interpolates). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Runs local commands (docker, git, the Compose CLI). Default: a LocalRunner. */
  runner?: Runner;
  /** Opens the connection deploy, rollback, releases, backup and restore-test's fetch reach a host through. Default: SSH. */
  connectHost?: HostConnector;
  /** Requests to stop from outside the engine (a cancelled workflow, Ctrl-C). Default: none ever come. */
  interrupts?: Interrupts;
  /** Persists buildx's local layer cache between runs (the action: the GitHub Actions cache). */
  layerCache?: LayerCacheStore;
}

/**
 * Where buildx's local layer cache directory survives between runs. On a GitHub runner that is the
 * Actions cache service (src/action/actions-layer-cache.ts, handed in by the action's entry point, since
 * @actions/cache pulls in @actions/core, which the engine never imports); elsewhere the directory simply stays on the machine's disk.
 */
export interface LayerCacheStore {
  /** Said in the log, so users know whether the next run will be warm. */
  readonly description: string;
  /** true when `dir` now holds a previous run's cache. */
  restore(dir: string, key: string, restoreKeys: string[]): Promise<boolean>;
  save(dir: string, key: string): Promise<void>;
}

/**
 * How a run hears that it should stop. A cancelled workflow sends SIGINT, then SIGTERM 7.5 s later,
 * then SIGKILL 2.5 s after that; the front doors turn those into these calls (src/runtime/interrupts.ts),
 * so the engine never touches signals or ends the process itself.
 */
export interface Interrupts {
  /**
   * Listens until the returned function is called. The first request calls `first`: a `first` that
   * returns nothing stops its current step and unwinds by itself (a deploy rolls back); one that
   * returns a promise is a clean-up after which the process ends, as the signal would. A second
   * request means the kill is near: `again` runs (record it, release what is held), then the process ends.
   */
  listen(first: () => void | Promise<void>, again?: () => Promise<void>): () => void;
}
