import { spawnSync } from 'node:child_process';

/**
 * What the log of a build looks like on the path this machine takes. build uses buildx whenever
 * `docker buildx version` works (GitHub runners) and the classic builder otherwise (this harness:
 * Debian bookworm packages no buildx), so the tests ask the same question instead of assuming one.
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

export function enginePath(env: NodeJS.ProcessEnv = process.env): EnginePath {
  const buildx = spawnSync('docker', ['buildx', 'version'], { env, stdio: 'ignore' }).status === 0;
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
