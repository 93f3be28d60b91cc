import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxEnvironment } from './render-env.js';

/** validate's own HOME for the Compose CLI: no config, credentials or contexts of the runner's. */
export interface Sandbox {
  home: string;
  /** Passed as --env-file, so Compose reads no `.env` of the pull request's. */
  emptyEnvFile: string;
  /** The runner's PATH: where IsolatedRunner looks for `docker` and `docker-compose` (not passed to them). */
  path: string | undefined;
  /** What every Compose process starts from (see render-env.ts). */
  env: Record<string, string>;
  dispose(): void;
}

/**
 * Creates the sandbox under RUNNER_TEMP (or the system temp directory). Compose v2 installed for the
 * user (`$DOCKER_CONFIG/cli-plugins`, `~/.docker/cli-plugins`) stays usable: that one plugin is linked
 * into the sandbox's docker config, and nothing else of that directory is.
 */
export function createSandbox(env: NodeJS.ProcessEnv): Sandbox {
  const home = mkdtempSync(join(env['RUNNER_TEMP'] || tmpdir(), 'compose-deploy-validate-'));
  const emptyEnvFile = join(home, 'empty.env');
  writeFileSync(emptyEnvFile, '');
  const plugin = userComposePlugin(env);
  if (plugin) {
    mkdirSync(join(home, '.docker', 'cli-plugins'), { recursive: true });
    symlinkSync(plugin, join(home, '.docker', 'cli-plugins', 'docker-compose'));
  }
  const path = env['PATH'];
  return { home, emptyEnvFile, path, env: sandboxEnvironment({ home }), dispose: () => rmSync(home, { recursive: true, force: true }) };
}

function userComposePlugin(env: NodeJS.ProcessEnv): string | undefined {
  const configDir = env['DOCKER_CONFIG'] || (env['HOME'] ? join(env['HOME'], '.docker') : undefined);
  const plugin = configDir ? join(configDir, 'cli-plugins', 'docker-compose') : undefined;
  return plugin && existsSync(plugin) ? plugin : undefined;
}
