import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_SHELL_PLACEHOLDERS } from '../compose/host-shell.js';

/** validate's own temp directory, and what the programs it starts on the runner (docker) run with. */
export interface Sandbox {
  /** The repository's copy and the sandbox image's archive are made here; removed by dispose. */
  home: string;
  /** The runner's PATH: where IsolatedRunner looks for `docker` and the Compose it puts in the image (not passed to them). */
  path: string | undefined;
  /**
   * The docker CLI's whole environment: placeholders, and a docker config of validate's own (empty: no
   * credential helper, context or DOCKER_HOST of the runner's, so the engine is this machine's default socket).
   */
  env: Record<string, string>;
  dispose(): void;
}

/** Creates the sandbox's directory under RUNNER_TEMP (or the system temp directory). */
export function createSandbox(env: NodeJS.ProcessEnv): Sandbox {
  const home = mkdtempSync(join(env['RUNNER_TEMP'] || tmpdir(), 'compose-deploy-validate-'));
  const path = env['PATH'];
  return { home, path, env: { ...HOST_SHELL_PLACEHOLDERS, DOCKER_CONFIG: join(home, '.docker'), LANG: 'C.UTF-8' }, dispose: () => rmSync(home, { recursive: true, force: true }) };
}
