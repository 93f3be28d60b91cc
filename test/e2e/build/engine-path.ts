import { spawnSync } from 'node:child_process';
import { harnessEnv } from '../harness/env.js';

/**
 * What the log of a build looks like on the path the runner takes. build uses buildx whenever
 * `docker buildx version` works (GitHub runners; the harness's v2 runner, with the Debian 13 plugin)
 * and the classic builder otherwise (the harness's v1 runner), so the tests ask the same question
 * with the DOCKER_CONFIG the action gets, and the harness's promise is checked too.
 */
export interface EnginePath {
  buildx: boolean;
  /** The "engine: …" line build prints. */
  engine: RegExp;
  /** A line only a build that really ran prints. */
  buildRan: RegExp;
  /** Evidence that layers came from the cache. */
  cacheUsed: RegExp;
  /** The failing RUN of the `failing` fixture, as the failing step is reported. */
  failingStep: RegExp;
  /** The exit the error message quotes. */
  buildExit: RegExp;
}

export function enginePath(): EnginePath {
  const h = harnessEnv();
  const buildx = spawnSync('docker', ['buildx', 'version'], { env: { ...process.env, DOCKER_CONFIG: h.runnerDockerConfig }, stdio: 'ignore' }).status === 0;
  if (buildx !== (h.compose === 'v2')) throw new Error(`the harness's ${h.compose} runner should ${h.compose === 'v2' ? '' : 'not '}have buildx (DOCKER_CONFIG=${h.runnerDockerConfig}): re-run bash test/e2e/harness/up.sh`);
  return buildx
    ? {
        buildx,
        engine: /engine: docker buildx build --push \(driver /,
        buildRan: /^#\d+ \[[^\]]+\] /m,
        cacheUsed: /^#\d+ CACHED/m,
        failingStep: /\[\d+\/\d+\] RUN echo "compiling\.\.\."/,
        buildExit: /docker buildx build exited with \d+/,
      }
    : {
        buildx,
        engine: /engine: docker build \+ docker push \(buildx not available/,
        buildRan: /^Successfully built /m,
        cacheUsed: /---> Using cache/,
        failingStep: /Step 3\/\d+ : RUN echo "compiling\.\.\."/,
        buildExit: /docker build exited with 3/,
      };
}

/** build's own line after an image was built and pushed, on either path: one per image. */
export const PUSHED_LINE = /^pushed .+ \(sha256:[0-9a-f]{64}\)$/gm;
