import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mapEntries, nodeAt } from '../compose/model.js';
import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import type { Reporter } from '../report/reporter.js';
import type { Runner } from '../runner/runner.js';
import { driftRows } from './drift.js';
import { countBySeverity, type Finding } from './findings.js';
import { loadSet, type LoadedSet } from './load.js';
import { validateOptions, type ValidateOptions } from './options.js';
import { policyFindings, ruleContext } from './policy.js';
import { chooseRenderer, envFlavor, rendererLabel, renderWithCli, renderWithSchema, type ComposeSandbox, type Renderer } from './render.js';
import { IsolatedRunner } from './isolated-runner.js';
import { renderEnvironment } from './render-env.js';
import { createSandbox, type Sandbox } from './sandbox.js';
import { referenceFindings } from './compose-refs.js';
import { echoContext } from './echo-redact.js';
import { buildReport, jsonReport, summaryMarkdown, type SetReport, type ValidateReport } from './report.js';
import { ruleInfo } from './rules/catalog.js';
import { hostShellVariables, imageTagVariables } from './rules/env.js';
import { describeSet, resolveSets, setsReason, type ComposeSet } from '../compose/sets.js';
import { releaseVariables } from '../compose/deploy-role.js';
import { envValues, type EnvFlavor } from '../compose/model-env.js';

/**
 * `validate`: render every Compose set, check production policy and drift; needs no host, secret or network.
 * It runs on files a pull request controls, so it reads only files inside the repository and runs the
 * Compose CLI in a sandbox (see render-env.ts): nothing of the runner's environment can reach its output.
 */
export async function validateCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const sandbox = createSandbox(services.env ?? process.env);
  try {
    return await validateIn(sandbox, settings, reporter, services);
  } finally {
    sandbox.dispose();
  }
}

async function validateIn(sandbox: Sandbox, settings: Settings, reporter: Reporter, services: EngineServices): Promise<CommandResult> {
  const env = services.env ?? process.env;
  const runner = services.runner ?? new IsolatedRunner(sandbox.env, sandbox.path);
  const opts = validateOptions(settings, env);
  const sets = resolveSets(settings);
  reporter.info(`checking the ${sets.map((s) => s.name).join(' and ')} set${sets.length > 1 ? 's' : ''}: ${setsReason(settings)}`);
  // The Compose probe runs while the files are read, parsed and rendered (see renderSet). They are read
  // as Compose v2 reads them (its env-file grammar, include followed), what the probe finds on almost
  // every runner; should it find v1, they are read again its way and the first reading is dropped.
  const choosing = chooseRenderer(opts.renderer, runner);
  choosing.catch(() => undefined);
  const likely = choosing.then(unlessV1);
  // A set that did not load never asks for the renderer.
  likely.catch(() => undefined);
  const first = startChecks(sets, { include: true, envFlavor: 'v2' }, settings, opts, { renderer: likely, speculate: opts.renderer !== 'schema' }, runner, sandbox, reporter);
  const renderer = await choosing;
  let { loaded, checked } = first;
  if (renderer.kind === 'compose-cli' && envFlavor(renderer) === 'v1') {
    await Promise.allSettled(checked.map((c) => c.report));
    ({ loaded, checked } = startChecks(sets, { include: false, envFlavor: 'v1' }, settings, opts, { renderer: choosing, speculate: false }, runner, sandbox, reporter));
  }
  reporter.info(`rendering with ${rendererLabel(renderer)}`);
  const reports: SetReport[] = [];
  for (const { l, lines, report } of checked) {
    reporter.info(`${l.set.name} set: ${describeSet(l.set)}${l.set.discovered ? ' (found by convention)' : ''}`);
    const r = await report;
    lines.flush();
    reports.push(r);
  }
  const dev = loaded.find((l) => l.set.name === 'dev')?.merged;
  const prod = loaded.find((l) => l.set.name === 'prod')?.merged;
  // GitHub's workflow parser is most of what validate could load: only when there are workflows to check.
  const workflows = opts.workflows.length > 0 ? await (await import('./workflows.js')).checkWorkflows(opts.workflows, settings.cwd, opts.workflowsKey) : undefined;
  if (workflows) reporter.info(`workflows: ${workflows.files.length} file(s) checked with GitHub's workflow parser`);
  const report = buildReport({ renderer, failOn: opts.failOn, sets: reports, drift: dev && prod ? driftRows(dev, prod) : undefined, workflows });

  announce(report, reporter);
  mkdirSync(dirname(opts.reportFile), { recursive: true });
  // The report leaves through a file, not the reporter: mask registered secrets here too.
  writeFileSync(opts.reportFile, reporter.redact(`${JSON.stringify(jsonReport(report), null, 2)}\n`));
  const { errors, warnings } = countBySeverity(report.findings);
  const failed = errors > 0 || (opts.failOn === 'warning' && warnings > 0);
  reporter.info(`validate: ${errors} error(s), ${warnings} warning(s); report: ${opts.reportFile}`);
  return {
    ok: !failed,
    outputs: { errors: String(errors), warnings: String(warnings), report: opts.reportFile },
    summary: reporter.redact(summaryMarkdown(report)),
    message: failed ? `validate found ${errors} error(s) and ${warnings} warning(s) (fail-on: ${opts.failOn})` : undefined,
  };
}

/** A first reading of the sets made for Compose v2 is dropped when the probe finds v1. */
class ReadForV1 extends Error {}

function unlessV1(r: Renderer): Renderer {
  if (r.kind === 'compose-cli' && envFlavor(r) === 'v1') throw new ReadForV1('read again for Compose v1');
  return r;
}

/**
 * Loads the sets and starts their checks at once (one Compose process each); their log lines are
 * held (BufferedLog) so they still come set by set.
 */
function startChecks(sets: readonly ComposeSet[], read: { include: boolean; envFlavor: EnvFlavor }, settings: Settings, opts: ValidateOptions, render: RenderChoice, runner: Runner, sandbox: Sandbox, reporter: Reporter) {
  const loaded = sets.map((s) => loadSet(s, settings.cwd, read));
  const built = builtServices(loaded);
  const checked = loaded.map((l) => {
    const lines = new BufferedLog(reporter);
    const report = checkSet(l, settings, opts, render, runner, built, sandbox, lines);
    // A later set's failure is thrown when its turn comes, not reported as unhandled before.
    report.catch(() => undefined);
    return { l, lines, report };
  });
  return { loaded, checked };
}

/** The info lines a set's check writes, held until the sets before it have written theirs. */
class BufferedLog {
  private readonly lines: string[] = [];
  constructor(private readonly reporter: Reporter) {}
  info(m: string): void {
    this.lines.push(m);
  }
  flush(): void {
    for (const m of this.lines) this.reporter.info(m);
  }
}

type InfoLog = Pick<Reporter, 'info'>;

/** The renderer as the probe will choose it, and whether a set may start Compose v2's config before it has. */
interface RenderChoice {
  renderer: Promise<Renderer>;
  speculate: boolean;
}

/** Compose v2 is what the probe finds on almost every runner: its config can start beside the probe. */
const LIKELY: Extract<Renderer, { kind: 'compose-cli' }> = { kind: 'compose-cli', flavor: 'docker compose', version: '' };

async function checkSet(l: LoadedSet, settings: Settings, opts: ValidateOptions, renderer: RenderChoice, runner: Runner, built: ReadonlySet<string>, sandbox: Sandbox, reporter: InfoLog): Promise<SetReport> {
  const findings: Finding[] = [...l.findings];
  if (l.merged) {
    const ctx = ruleContext(l, settings, opts, built);
    const fill = tagPlaceholders(imageTagVariables(ctx), l, settings.sha);
    const shell = hostShellVariables(ctx);
    if (shell.length > 0) reporter.info(`${l.set.name} set: ${shell.map((n) => `\${${n}}`).join(', ')} taken as set by the shell the deploy runs Compose in on the host (over SSH, in the release directory); rendered with placeholder values`);
    findings.push(...(await renderSet(l, fill, settings.cwd, renderer, runner, sandbox, reporter)));
    findings.push(...policyFindings(l, ctx, opts));
  }
  findings.sort((a, b) => a.loc.file.localeCompare(b.loc.file) || (a.loc.line ?? 0) - (b.loc.line ?? 0) || a.rule.localeCompare(b.rule));
  const services = l.merged ? mapEntries(nodeAt(l.merged, ['services'])).map(([n]) => n) : [];
  return { set: l.set, services, findings };
}

/**
 * Renders a set in the sandbox with its own variables only; a set that names a file outside the repository
 * (or a remote one) is not rendered at all, since Compose would read or fetch it.
 */
async function renderSet(l: LoadedSet, fill: ReadonlyMap<string, string>, cwd: string, choice: RenderChoice, runner: Runner, sandbox: Sandbox, reporter: InfoLog): Promise<Finding[]> {
  const envFile = new Map(Object.entries(envValues(l.env ?? new Map())));
  const renderEnv = renderEnvironment({ home: sandbox.home, envFile, fill });
  if (renderEnv.dropped.length > 0) reporter.info(`${l.set.name} set: not passed to Compose (they steer Compose itself, not the files): ${renderEnv.dropped.join(', ')}`);
  const projectDir = dirname(join(cwd, l.set.files[0]!));
  const refused = referenceFindings(l.files, { root: cwd, projectDir, env: renderEnv.variables });
  if (refused.length > 0) {
    reporter.info(`${l.set.name} set: not rendered, since it names files validate does not read`);
    return refused;
  }
  const composeSandbox: ComposeSandbox = { env: renderEnv.process, emptyEnvFile: sandbox.emptyEnvFile };
  const echo = echoContext([...l.files.values(), ...l.followed.values()], [...l.set.files, ...l.set.files.map((f) => `./${f}`)], [...renderEnv.variables.values(), ...l.includedEnv.values()]);
  // Started only once the set's references were checked: the same command the probe's answer would run.
  const early = choice.speculate ? renderWithCli(LIKELY, l, cwd, runner, composeSandbox, echo) : undefined;
  const renderer = await choice.renderer.catch(async (err: unknown) => {
    await early?.catch(() => undefined);
    throw err;
  });
  if (early && renderer.kind === 'compose-cli' && renderer.flavor === LIKELY.flavor) return early;
  await early?.catch(() => undefined);
  if (renderer.kind !== 'compose-cli') return renderWithSchema(l, renderEnv.variables);
  return renderWithCli(renderer, l, cwd, runner, composeSandbox, echo);
}

/**
 * The deploy fills image-tag variables (IMAGE_TAG) with the commit's sha-<40 hex> tag; rendering
 * fills the ones the env file leaves out the same way, so a valid set does not fail on them.
 */
function tagPlaceholders(vars: ReadonlySet<string>, l: LoadedSet, sha: string | undefined): Map<string, string> {
  const release = releaseVariables(sha ?? '0'.repeat(40));
  const fill = new Map<string, string>();
  for (const name of vars) {
    if (l.env?.has(name)) continue;
    fill.set(name, release[name]!);
  }
  // Every deploy sets the deploy path for the proxy's maintenance mount: a set that uses it renders.
  if (!l.env?.has('COMPOSE_DEPLOY_PATH')) fill.set('COMPOSE_DEPLOY_PATH', release['COMPOSE_DEPLOY_PATH']!);
  return fill;
}

function builtServices(loaded: readonly LoadedSet[]): Set<string> {
  const names = new Set<string>();
  for (const l of loaded) for (const [name, e] of l.merged ? mapEntries(nodeAt(l.merged, ['services'])) : []) if (nodeAt(e.value, ['build'])) names.add(name);
  return names;
}

function announce(report: ValidateReport, reporter: Reporter): void {
  for (const f of report.findings) {
    const why = ruleInfo(f.rule)?.why;
    const text = reporter.redact(`${f.rule}: ${f.message}${why ? ` (why: ${why})` : ''}`);
    if (f.severity === 'error') reporter.error(text, f.loc);
    else reporter.warning(text, f.loc);
  }
}
