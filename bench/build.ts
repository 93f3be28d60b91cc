/**
 * Second run on an unchanged commit: how long build takes to decide "already pushed" for 3 images,
 * against a forced rebuild of the same 3 images with a warm layer cache.
 * Needs the harness (bash test/e2e/harness/up.sh). Run: node --import tsx bench/build.ts
 */
import { spawnSync } from 'node:child_process';
import { record } from './report.js';
import { buildCommand } from '../src/build/build-command.js';
import { resolveSettings } from '../src/config/settings.js';
import { MemoryReporter } from '../src/report/reporter.js';
import { harnessEnv } from '../test/e2e/harness/env.js';
import { enginePath, PUSHED_LINE } from '../test/e2e/build/engine-path.js';
import { removeDir, removeLocalImages, workspaceFrom } from '../test/e2e/build/workspace.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const h = harnessEnv();
const SHA = 'fedcba9876543210fedcba9876543210fedcba98';
const prefix = `${h.registry}/cd-bench-build/run-${Date.now().toString(36)}`;
const workspace = workspaceFrom('three-images', prefix);

async function once(force: boolean): Promise<number> {
  const settings = resolveSettings({
    explicit: { command: 'build', registry: h.registry, 'image-prefix': prefix, sha: SHA, 'registry-username': h.registryUser, 'registry-password': h.registryPassword, force: String(force) },
    env: {},
    cwd: workspace,
  });
  const reporter = new MemoryReporter();
  const t0 = performance.now();
  const result = await buildCommand(settings, reporter, { env: { ...process.env, GITHUB_ACTIONS: '' } });
  const ms = performance.now() - t0;
  if (!result.ok) throw new Error(`build failed: ${result.message}\n${reporter.lines.join('\n')}`);
  // build's own "pushed … (sha256:…)" line, printed on either engine path once per built image.
  const built = reporter.lines.filter((l) => new RegExp(PUSHED_LINE.source).test(l)).length;
  if (force ? built !== 3 : built !== 0) throw new Error(`expected ${force ? 3 : 0} builds, saw ${built}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const docker = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).stdout.trim();
  console.log(`build benchmark: 3 images, ${ROUNDS} rounds each, Docker ${docker}, ${enginePath().buildx ? 'buildx' : 'classic builder (no buildx)'}, registry ${h.registry}`);
  const cold = await once(true);
  console.log(`first build and push (cold registry path): ${cold.toFixed(0)} ms`);
  const skips: number[] = [];
  const rebuilds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    skips.push(await once(false));
    rebuilds.push(await once(true));
  }
  const skip = median(skips);
  const rebuild = median(rebuilds);
  console.log(`decide "already pushed" (one manifest GET per image, in parallel): median ${skip.toFixed(0)} ms  [${skips.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`forced rebuild, warm cache (build + push x3):             median ${rebuild.toFixed(0)} ms  [${rebuilds.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`ratio rebuild / skip: ${(rebuild / skip).toFixed(1)}x`);
  record({ bench: 'build', figure: 'second run on an unchanged commit: decide "already pushed" (3 images)', value: skip, unit: 'ms', baseline: { what: 'forced rebuild, warm cache', value: rebuild, unit: 'ms' }, ratio: skip / rebuild, target: '<= 1/20 of the rebuild', met: skip * 20 <= rebuild });
} finally {
  await removeLocalImages(prefix);
  removeDir(workspace);
}
