import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDockerConfig {
  dir: string;
  /** Environment for every docker command of this run. */
  env: Record<string, string>;
  remove(): void;
}

/**
 * A throw-away DOCKER_CONFIG, so the registry credentials written by `docker login` never land in the
 * user's ~/.docker and are gone when the run ends. The CLI plugins (buildx) and buildx's builder
 * instances live in the same directory; they are linked in, or a builder set up by
 * docker/setup-buildx-action would silently be lost.
 */
export function createTempDockerConfig(env: NodeJS.ProcessEnv): TempDockerConfig {
  const parent = env['RUNNER_TEMP'] || tmpdir();
  const dir = mkdtempSync(join(parent, 'compose-deploy-docker-'));
  const userConfig = env['DOCKER_CONFIG'] || join(homedir(), '.docker');
  for (const sub of ['cli-plugins', 'buildx']) {
    const from = join(userConfig, sub);
    if (existsSync(from)) symlinkSync(from, join(dir, sub));
  }
  return {
    dir,
    env: { DOCKER_CONFIG: dir },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
