import type { LayerCacheStore } from '../build/layer-cache.js';
import type { Reporter } from '../report/reporter.js';
import type { HostRunner, Runner } from '../runner/runner.js';
import type { SshTarget } from '../ssh/ssh-runner.js';
import type { CancelSteps } from '../runtime/cancel-signals.js';

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
  /** Opens the connection to the deploy host (deploy, rollback, releases). Default: SSH (connectHost). */
  connect?: (target: SshTarget, reporter: Reporter) => Promise<HostRunner>;
  /**
   * Tells a command of the runner's cancel signals (the front doors: onProcessCancel). Returns a
   * function that stops listening. Default: none (the engine never touches the process's signals).
   */
  onCancel?: (steps: CancelSteps) => () => void;
}
