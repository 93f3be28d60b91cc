import { existsSync, renameSync, rmSync } from 'node:fs';
import { RegistryAuthError, type Manifest, type RegistryClient } from '../registry/client.js';
import type { Runner } from '../runner/runner.js';
import { buildxCommand, classicBuildCommand, pushCommands, type BuildRequest, type CacheSpec } from './argv.js';
import { cacheVerdict, lastLines, readBuildLog, stripAnsi } from './build-log.js';
import type { BuildEngine } from './build-engine.js';
import { layerCacheKeys, localCacheDirs } from './layer-cache.js';
import type { ImagePlan } from './image-plan.js';
import { imageSize } from './image-size.js';

export interface ImageContext {
  runner: Runner;
  registry: RegistryClient;
  engine: BuildEngine;
  tags: readonly string[];
  labels: Readonly<Record<string, string>>;
  force: boolean;
  /** DOCKER_CONFIG of this run. */
  dockerEnv: Record<string, string>;
  sha: string;
  /** Between two tries of a push that failed on the way (default 2 s; tests use 0). */
  retryDelayMs?: number;
}

export interface ImageOutcome {
  plan: ImagePlan;
  status: 'skipped' | 'retagged' | 'built' | 'failed';
  digest?: string;
  size?: number;
  seconds: number;
  /** "already pushed", "cache hit", "built (2/4 steps cached)"... */
  detail: string;
  error?: string;
  failingStep?: string;
  logTail?: string[];
  /**
   * Tags this run wrote to the registry, in order; for a failed image, what the message must own up to.
   * undefined: unknown (buildx failed and the registry could not be asked afterwards).
   */
  pushed?: string[];
}

/** Where an image's log lines go: straight to the reporter, or buffered when images build in parallel. */
export type LogSink = (line: string) => void;

const TAIL_LINES = 50;

/** What skipping an already-pushed image needs: the registry and the tags, no builder and no docker login. */
export type SkipContext = Pick<ImageContext, 'registry' | 'tags'>;

/**
 * Skip, retag or build one image. Never throws for the image's own failure: the outcome says it.
 * `lookedUp`: the primary tag's digest when the caller already asked the registry (undefined: not there).
 */
export async function buildImage(ctx: ImageContext, plan: ImagePlan, log: LogSink, lookedUp?: { digest: string | undefined }): Promise<ImageOutcome> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const primary = ctx.tags[0]!;
  // Filled as tags land, so even an unexpected error can say what reached the registry.
  const pushed: string[] = [];
  try {
    const existing = lookedUp ? lookedUp.digest : await ctx.registry.manifestDigest(plan.path, primary);
    if (existing && !ctx.force) return await skipPushed(ctx, plan, existing, log, started);
    const request: BuildRequest = { repository: plan.repository, tags: ctx.tags, context: plan.context, dockerfile: plan.dockerfile, target: plan.target, args: plan.args, argsFromEnv: plan.argsFromEnv, labels: ctx.labels };
    const built = await runBuild(ctx, plan, request, existing, pushed, log);
    if (!built.ok) return { plan, status: 'failed', seconds: seconds(), detail: 'build failed', pushed, ...built.failure };
    const digest = await ctx.registry.manifestDigest(plan.path, primary!);
    if (!digest) throw new Error(`pushed ${plan.repository}:${primary} but the registry does not list it`);
    log(`pushed ${ctx.tags.map((t) => `${plan.repository}:${t}`).join(', ')} (${digest})`);
    return { plan, status: 'built', digest, size: await imageSize(ctx.registry, plan.path, digest), seconds: seconds(), detail: built.verdict, pushed };
  } catch (err) {
    return failedOutcome(plan, err, log, started, pushed);
  }
}

/** The primary tag is in the registry: point the moving tags at it and measure it, nothing built. */
export async function skipPushed(ctx: SkipContext, plan: ImagePlan, found: string | Manifest, log: LogSink, started = Date.now()): Promise<ImageOutcome> {
  const pushed: string[] = [];
  const digest = typeof found === 'string' ? found : found.digest;
  try {
    const moved = await retagExtras(ctx, plan, digest, ctx.tags.slice(1), pushed);
    log(`${plan.repository}:${ctx.tags[0]} is already in the registry (${digest}): build skipped${moved.length ? `; pointed ${moved.join(', ')} at it` : ''}`);
    const size = await imageSize(ctx.registry, plan.path, digest, typeof found === 'string' ? undefined : found);
    return { plan, status: moved.length ? 'retagged' : 'skipped', digest, size, seconds: (Date.now() - started) / 1000, detail: 'already pushed', pushed };
  } catch (err) {
    return failedOutcome(plan, err, log, started, pushed);
  }
}

/** An unexpected error of one image (the registry refusing, a tag vanishing) as its failed outcome. */
function failedOutcome(plan: ImagePlan, err: unknown, log: LogSink, started: number, pushed: string[]): ImageOutcome {
  const message = err instanceof RegistryAuthError ? `registry refused access: ${err.message}` : (err as Error).message;
  log(`error: ${message}`);
  return { plan, status: 'failed', seconds: (Date.now() - started) / 1000, detail: 'failed', error: message, pushed };
}

/** Moving tags (branch, latest) follow the sha tag by copying its manifest: no rebuild, no layer traffic. */
async function retagExtras(ctx: SkipContext, plan: ImagePlan, digest: string, extras: readonly string[], pushed: string[]): Promise<string[]> {
  const current = await Promise.all(extras.map((t) => ctx.registry.manifestDigest(plan.path, t)));
  const stale = extras.filter((_, i) => current[i] !== digest);
  if (stale.length === 0) return [];
  const manifest = await ctx.registry.getManifest(plan.path, digest);
  if (!manifest) throw new Error(`${plan.repository}@${digest} vanished from the registry`);
  for (const t of stale) {
    await ctx.registry.putManifest(plan.path, t, manifest);
    pushed.push(t);
  }
  return stale;
}

/** The classic builder's words for a cached image that is gone. */
const CACHE_IMAGE_GONE = /unable to find image "?sha256:[0-9a-f]{64}/;
const PUSH_ATTEMPTS = 3;
/** What no retry changes: the registry refused the login or the name. */
const PUSH_FINAL = /denied|unauthori[sz]ed|authentication required|name unknown|invalid reference|repository name must/i;

type BuildFailure = { ok: false; failure: Pick<ImageOutcome, 'error' | 'failingStep' | 'logTail' | 'pushed'> };
type BuildResult = { ok: true; verdict: string } | BuildFailure;

/** `primaryBefore`: the sha tag's digest before this run (set only when forced), to tell what a failed buildx push left behind. */
async function runBuild(ctx: ImageContext, plan: ImagePlan, request: BuildRequest, primaryBefore: string | undefined, pushed: string[], log: LogSink): Promise<BuildResult> {
  let text = '';
  let pending = '';
  const onChunk = (chunk: string) => {
    text += chunk;
    pending += chunk;
    const parts = pending.split(/\r?\n/);
    pending = parts.pop()!;
    for (const p of parts) log(stripAnsi(p));
  };
  const run = async (cmd: Parameters<Runner['run']>[0]) => {
    const res = await ctx.runner.run(cmd, { onStdout: onChunk, onStderr: onChunk });
    if (pending) log(stripAnsi(pending));
    pending = '';
    return res;
  };
  const fail = (error: string): BuildFailure => {
    const facts = readBuildLog(text);
    return { ok: false, failure: { error: facts.reason ? `${error}: ${facts.reason.trim()}` : error, failingStep: facts.failingStep, logTail: lastLines(text, TAIL_LINES) } };
  };

  const e = ctx.engine;
  if (e.kind === 'buildx') {
    const cache = cacheSpec(e, plan, ctx.tags);
    const keys = layerCacheKeys(plan.path, ctx.sha);
    if (e.cache === 'local' && cache.kind === 'local') {
      const hit = await e.store.restore(cache.dir, keys.key, keys.restoreKeys);
      log(hit ? `saved layer cache found in ${cache.dir} (${e.store.description})` : `no saved layer cache yet in ${cache.dir} (${e.store.description})`);
    }
    // buildx pushes every tag in its export step, in an order of its own: only the registry can say what landed.
    const before = [primaryBefore, ...(await Promise.all(ctx.tags.slice(1).map((t) => ctx.registry.manifestDigest(plan.path, t))))];
    const res = await run(buildxCommand(request, cache, ctx.dockerEnv));
    if (res.code !== 0) {
      const failed = fail(`docker buildx build exited with ${res.code}`);
      try {
        const after = await Promise.all(ctx.tags.map((t) => ctx.registry.manifestDigest(plan.path, t)));
        pushed.push(...ctx.tags.filter((_, i) => after[i] !== undefined && after[i] !== before[i]));
        return failed;
      } catch (err) {
        log(`warning: cannot ask the registry which tags landed: ${(err as Error).message}`);
        return { ok: false, failure: { ...failed.failure, pushed: undefined } };
      }
    }
    pushed.push(...ctx.tags);
    if (e.cache === 'local' && cache.kind === 'local' && existsSync(cache.newDir)) {
      // Swap the fresh export in: exporting into the directory we read from would only ever grow.
      rmSync(cache.dir, { recursive: true, force: true });
      renameSync(cache.newDir, cache.dir);
      await e.store.save(cache.dir, keys.key).catch((err: Error) => log(`warning: layer cache not saved: ${err.message}`));
    }
  } else {
    let res = await run(classicBuildCommand(request, ctx.dockerEnv));
    // The classic builder's cache is the engine's images: one removed while the build used it (a prune,
    // or another build's cleanup on the same engine) fails the step that reached for it. A second build
    // builds that step instead; any other failure is the Dockerfile's.
    if (res.code !== 0 && CACHE_IMAGE_GONE.test(text)) {
      log('an image the layer cache offered was removed while the build ran (a prune or another build on this engine): building again');
      text = ''; // the summary's facts are the second build's
      res = await run(classicBuildCommand(request, ctx.dockerEnv));
    }
    if (res.code !== 0) return fail(`docker build exited with ${res.code}`);
    // Pushed only after the whole build succeeded, so a failed build leaves the registry untouched.
    for (const { tag, command } of pushCommands(request, ctx.dockerEnv)) {
      let p = await run(command);
      // A busy or restarting registry (a reset connection, a 5xx, an upload it lost) is worth two more
      // tries; a refusal or a bad name is not. docker push sends only the layers still missing.
      for (let attempt = 2; p.code !== 0 && attempt <= PUSH_ATTEMPTS && !PUSH_FINAL.test(p.stdout + p.stderr); attempt++) {
        log(`docker push ${command.argv.at(-1)} failed (exit ${p.code}): trying again (${attempt} of ${PUSH_ATTEMPTS})`);
        await new Promise((r) => setTimeout(r, ctx.retryDelayMs ?? 2000));
        p = await run(command);
      }
      if (p.code !== 0) return fail(`${command.argv.join(' ')} exited with ${p.code}`);
      pushed.push(tag);
    }
  }
  return { ok: true, verdict: cacheVerdict(readBuildLog(text)) };
}

function cacheSpec(e: Extract<BuildEngine, { kind: 'buildx' }>, plan: ImagePlan, tags: readonly string[]): CacheSpec {
  if (e.cache === 'gha') return { kind: 'gha', scope: plan.path };
  if (e.cache === 'local') return { kind: 'local', ...localCacheDirs(e.cacheRoot, plan.path) };
  return { kind: 'inline', from: inlineCacheSources(plan.repository, tags) };
}

/**
 * Where an inline cache can be read back from: the tags that move from build to build (branch,
 * latest) name the previous push of this image. The sha tags never name an earlier build.
 */
export function inlineCacheSources(repository: string, tags: readonly string[]): string[] {
  return tags.filter((t) => !t.startsWith('sha-')).map((t) => `${repository}:${t}`);
}
