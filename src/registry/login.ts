import type { Command } from '../runner/runner.js';

export interface LoginOptions {
  /** DOCKER_CONFIG for this login: a throw-away directory, so the credentials do not outlive the run. */
  configDir?: string;
}

/**
 * `docker login` as data. The password travels on standard input only (never argv or env, which
 * show up in process lists and dry-run output), so the same Command is safe locally and over SSH.
 */
export function dockerLoginCommand(registry: string, user: string, password: string, options: LoginOptions = {}): Command {
  return {
    argv: ['docker', 'login', registry, '--username', user, '--password-stdin'],
    stdin: password,
    ...(options.configDir ? { env: { DOCKER_CONFIG: options.configDir } } : {}),
  };
}
