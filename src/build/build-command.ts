import { relative } from 'node:path';
import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { InputError, OperationError } from '../errors.js';
import { RegistryClient, type Manifest } from '../registry/client.js';
import { dockerLoginCommand } from '../registry/login.js';
import type { Reporter } from '../report/reporter.js';
import { LocalRunner } from '../runner/local-runner.js';
import { shellText, type Runner } from '../runner/runner.js';
import { buildxCommand, classicBuildCommand, ociLabels, pushCommands } from './argv.js';
import { buildImage, skipPushed, type ImageContext, type ImageOutcome, type LogSink } from './build-image.js';
import { envFileVars, readComposeServices } from './compose-files.js';
import { devSet, prodSet } from '../compose/sets.js';
import { createTempDockerConfig } from './docker-config.js';
import { cacheUnusedWarning, describeEngine, detectEngine } from './build-engine.js';
import { resolveBuildSettings, type BuildSettings } from './build-settings.js';
import { planImages, type ImagePlan } from './image-plan.js';
import { mapLimit } from './pool.js';
import { buildSummary, pushedText } from './summary.js';

/** `build`: every image the prod stack runs, tagged by commit, pushed once (issue: build). */
export async function buildCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const env = services.env ?? process.env;
  const runner = services.runner ?? new LocalRunner();
  const opts = await resolveBuildSettings(settings, env, runner);
  if (opts.password) reporter.secret(opts.password);
  const images = planFor(settings, opts, env, reporter);
  // A value taken from the runner's environment (often a token) never reaches a command line; BuildKit
  // still shows a RUN step with its args expanded, so the log masks it like any secret.
  for (const image of images) for (const k of image.argsFromEnv) if (image.args[k]) reporter.secret(image.args[k]);
  const tagList = opts.tags.all.join(', ');
  for (const note of opts.tags.notes) reporter.info(note);
  reporter.info(`${images.length} image${images.length === 1 ? '' : 's'} under ${opts.prefix}, tags ${tagList}`);
  const baseOutputs = { 'image-tag': opts.tags.primary };
  if (images.length === 0) {
    reporter.warning(`no prod service has an image under ${opts.prefix}/: nothing to build (check image-prefix and the prod Compose files)`);
    return { ok: true, outputs: { ...baseOutputs, images: '{}' }, summary: `### Images\n\nNo prod service uses an image under \`${opts.prefix}/\`.\n` };
  }
  if (settings.dryRun) return dryRun(images, opts, reporter);
  if (!opts.username || !opts.password) {
    throw new InputError(`build needs registry credentials: set "registry-username" (default: GITHUB_ACTOR) and "registry-password" (default, for ghcr.io only: the workflow token, else the GITHUB_TOKEN environment variable)${opts.username ? '' : '; the user is missing'}${opts.password ? '' : '; the password is missing'}`);
  }

  const registry = new RegistryClient(opts.registry, { username: opts.username, password: opts.password });
  // A re-run on an unchanged commit needs only the registry's answer: no builder check, no docker login.
  const found = opts.force ? undefined : await pushedManifests(registry, images, opts.tags.primary);
  if (found && images.every((p) => found.get(p.path))) {
    reporter.info(`every image is already in the registry as ${opts.tags.primary}: nothing to build, so no builder check and no docker login`);
    const skipCtx = { registry, tags: opts.tags.all };
    const outcomes = await forEachImage(images, images.length, reporter, (p, log) => skipPushed(skipCtx, p, found.get(p.path)!, log));
    return result(outcomes, opts, 'not needed: every image was already pushed');
  }

  const engine = await detectEngine(runner, env, {}, services.layerCache);
  const engineText = describeEngine(engine);
  reporter.info(`engine: ${engineText}`);
  const cacheWarning = cacheUnusedWarning(engine, env);
  if (cacheWarning) reporter.warning(cacheWarning);
  const docker = createTempDockerConfig(env, opts.registry, services.interrupts);
  try {
    await login(runner, opts, docker.dir);
    reporter.info(`logged in to ${opts.registry} as ${opts.username} with ${opts.passwordFrom} (credentials in a temporary DOCKER_CONFIG, removed at the end)`);
    const ctx: ImageContext = {
      runner,
      registry,
      engine,
      tags: opts.tags.all,
      labels: ociLabels({ sha: opts.sha, source: opts.sourceUrl, created: new Date().toISOString(), version: opts.tags.primary }),
      force: opts.force,
      dockerEnv: docker.env,
      sha: opts.sha,
    };
    const outcomes = await forEachImage(images, opts.parallel, reporter, (p, log) => buildImage(ctx, p, log, found && { digest: found.get(p.path)?.digest }));
    return result(outcomes, opts, engineText);
  } finally {
    docker.remove();
  }
}

function planFor(settings: Settings, opts: BuildSettings, env: NodeJS.ProcessEnv, reporter: Reporter): ImagePlan[] {
  // The sets validate and deploy use; without a prod file the base file alone is the prod set.
  const prodFiles = prodSet(settings);
  const devFiles = devSet(settings);
  reporter.info(`prod Compose files (${prodFiles.discovered ? 'conventional' : 'config'}): ${prodFiles.files.join(', ')}`);
  const envFile = envFileVars(prodFiles, settings.cwd, env);
  const prod = readComposeServices(prodFiles, settings.cwd, env, envFile);
  const dev = devFiles ? readComposeServices(devFiles, settings.cwd, env, envFileVars(devFiles, settings.cwd, env)) : undefined;
  const plan = planImages({
    prefix: opts.prefix,
    prod,
    dev,
    config: settings.config.build?.services,
    vars: { ...envFile, ...env, IMAGE_TAG: opts.tags.primary },
    cwd: settings.cwd,
    configFile: settings.configPath ? relative(settings.cwd, settings.configPath) : undefined,
  });
  for (const note of plan.notes) reporter.info(note);
  return plan.images;
}

async function login(runner: Runner, opts: BuildSettings, configDir: string): Promise<void> {
  const res = await runner.run(dockerLoginCommand(opts.registry, opts.username!, opts.password!, { configDir }));
  if (res.code === 0) return;
  const said = (res.stderr || res.stdout).trim().split('\n').at(-1) ?? '';
  if (res.code === 127) throw new OperationError(`docker is not installed or not on PATH (${said})`);
  const refused = /unauthorized|denied|incorrect username or password|401|403/i.test(said);
  throw new OperationError(
    refused
      ? `registry login refused: ${opts.registry} did not accept user "${opts.username}" with ${opts.passwordFrom} (docker login said: ${said}). Check registry-username and registry-password; for GHCR the token needs packages: write`
      : `docker login to ${opts.registry} as "${opts.username}" failed (exit ${res.code}): ${said}`,
  );
}

/**
 * The primary tag's manifest of every image (undefined: not pushed), asked in parallel: one GET
 * gives both the digest and the size. Undefined when the registry cannot be asked here: the build
 * path then logs in and says what is wrong.
 */
async function pushedManifests(registry: RegistryClient, images: ImagePlan[], tag: string): Promise<Map<string, Manifest | undefined> | undefined> {
  try {
    const manifests = await Promise.all(images.map((p) => registry.getManifest(p.path, tag)));
    return new Map(images.map((p, i) => [p.path, manifests[i]]));
  } catch {
    return undefined;
  }
}

async function forEachImage(images: ImagePlan[], parallel: number, reporter: Reporter, fn: (p: ImagePlan, log: LogSink) => Promise<ImageOutcome>): Promise<ImageOutcome[]> {
  const title = (p: ImagePlan) => `build ${p.repository} (${p.services.join(', ')})`;
  if (parallel === 1 || images.length === 1) {
    const out: ImageOutcome[] = [];
    for (const p of images) out.push(await reporter.group(title(p), () => fn(p, (l) => reporter.info(l))));
    return out;
  }
  // Parallel images would interleave their lines; each image's log is printed whole, in its own group, when it ends.
  let printing = Promise.resolve();
  return mapLimit(images, parallel, async (p) => {
    const lines: string[] = [];
    const outcome = await fn(p, (l) => lines.push(l));
    printing = printing.then(() => reporter.group(title(p), async () => lines.forEach((l) => reporter.info(l))));
    await printing;
    return outcome;
  });
}

function result(outcomes: ImageOutcome[], opts: BuildSettings, engineText: string): CommandResult {
  const images: Record<string, { image: string; tag: string; digest: string }> = {};
  for (const o of outcomes) if (o.digest) for (const s of o.plan.services) images[s] = { image: o.plan.repository, tag: opts.tags.primary, digest: o.digest };
  const failed = outcomes.filter((o) => o.status === 'failed');
  return {
    ok: failed.length === 0,
    outputs: { images: JSON.stringify(images), 'image-tag': opts.tags.primary },
    summary: buildSummary(outcomes, opts.tags.all, engineText),
    ...(failed.length > 0
      ? { message: failed.map((o) => `${o.plan.repository}: ${o.error ?? 'failed'}${o.failingStep ? ` (failing step: ${o.failingStep})` : ''}; ${pushedText(o, opts.tags.all)}`).join('. ') + '.' }
      : {}),
  };
}

function dryRun(images: ImagePlan[], opts: BuildSettings, reporter: Reporter): CommandResult {
  const lines = [`dry-run: would log in with ${shellText(dockerLoginCommand(opts.registry, opts.username ?? '<user>', '', {}))} (password on stdin)`];
  for (const p of images) {
    const request = { repository: p.repository, tags: opts.tags.all, context: p.context, dockerfile: p.dockerfile, target: p.target, args: p.args, labels: {} };
    lines.push(`${p.repository} (${p.services.join(', ')}), from ${p.from}${opts.force ? '' : `, unless ${opts.tags.primary} is already pushed`}:`);
    lines.push(`  ${shellText(classicBuildCommand(request))}`, ...pushCommands(request).map(({ command }) => `  ${shellText(command)}`));
    lines.push(`  or with buildx: ${shellText(buildxCommand(request, { kind: 'none' }))}`);
  }
  reporter.info(lines.join('\n'));
  return { ok: true, outputs: { 'dry-run': 'true', 'image-tag': opts.tags.primary, images: '{}' } };
}
