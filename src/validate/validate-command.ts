import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mapEntries, nodeAt } from '../compose/model.js';
import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import type { Reporter } from '../report/reporter.js';
import type { Runner } from '../runner/runner.js';
import { driftRows } from './drift.js';
import { countBySeverity, loadError, type Finding } from './findings.js';
import { loadSet, type LoadedSet } from './load.js';
import { validateSettings, type ValidateSettings } from './validate-settings.js';
import { policyFindings, ruleContext } from './policy.js';
import { chooseRenderer, envFlavor, rendererLabel, renderWithCli, renderWithSchema, type Renderer } from './render.js';
import { SandboxContainers } from './container-render.js';
import { copyRepository } from './repo-copy.js';
import { deployProvidedEnvFiles } from './deploy-provided.js';
import { IsolatedRunner } from './isolated-runner.js';
import { renderEnvironment } from './render-env.js';
import { createSandbox, type Sandbox } from './sandbox.js';
import { referenceFindings } from './compose-refs.js';
import { echoContext } from './echo-redact.js';
import { buildReport, jsonReport, summaryMarkdown, type SetReport, type ValidateReport } from './validate-report.js';
import { ruleInfo } from '../config/rule-catalog.js';
import { swarmUpdateRows, type SwarmServiceRow } from './rules/swarm.js';
import { hostShellVariables, imageTagVariables } from './rules/env.js';
import { describeSet, resolveSets, setsReason, type ComposeSet } from '../compose/sets.js';
import { releaseVariables } from '../compose/deploy-role.js';
import { envValues, type EnvFlavor } from '../compose/model-env.js';

/**
 * `validate`: render every Compose set, check production policy and drift; needs no host, secret or network.
 * It runs on files a pull request controls, so it reads only files inside the repository and runs the
 * Compose CLI only in a sandbox container holding a copy of the repository (container-render.ts):
 * nothing of the runner's environment or files can reach its output. Every process it starts ends
 * with it: a time cap each, their process groups killed and the sandbox's containers removed on an
 * error or a signal.
 */
export async function validateCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const sandbox = createSandbox(services.env ?? process.env);
  const runner = new IsolatedRunner(sandbox.env, sandbox.path);
  const containers = new SandboxContainers(runner);
  const cleanUp = async (cutShort: boolean) => {
    runner.killAll();
    await containers.removeAll(cutShort);
    sandbox.dispose();
  };
  const stopListening = services.interrupts?.listen(() => cleanUp(true), () => cleanUp(true)) ?? (() => undefined);
  let finished = false;
  try {
    const result = await validateIn({ ...sandbox, runner, containers }, settings, reporter, services);
    finished = true;
    return result;
  } finally {
    stopListening();
    await cleanUp(!finished);
  }
}

/** What validate's processes run with: its temp home, its runner and the sandbox's containers. */
interface Contained extends Sandbox {
  runner: IsolatedRunner;
  containers: SandboxContainers;
  /** The repository's copy for the sandbox, made once, when Compose is to render. */
  copy?: string;
}

async function validateIn(sandbox: Contained, settings: Settings, reporter: Reporter, services: EngineServices): Promise<CommandResult> {
  const env = services.env ?? process.env;
  const runner = sandbox.runner;
  const opts = validateSettings(settings, env);
  const sets = resolveSets(settings);
  reporter.info(`checking the ${sets.map((s) => s.name).join(' and ')} set${sets.length > 1 ? 's' : ''}: ${setsReason(settings)}`);
  // The sandbox is found (and its image made) while the files are read and parsed. They are read as
  // Compose v2 reads them (its env-file grammar, include followed), what almost every runner has;
  // should the sandbox run v1, they are read again its way and the first reading is dropped.
  const choosing = chooseRenderer(opts.renderer, runner, env, sandbox.home);
  choosing.catch(() => undefined);
  const likely = choosing.then(unlessV1);
  // A set that did not load never asks for the renderer.
  likely.catch(() => undefined);
  const first = startChecks(sets, { include: true, envFlavor: 'v2' }, settings, opts, { renderer: likely }, runner, sandbox, reporter);
  const renderer = await choosing;
  if (renderer.kind === 'compose-cli') {
    sandbox.copy = join(sandbox.home, 'repository');
    const copied = copyRepository(settings.cwd, sandbox.copy, sandbox.home);
    if (copied.truncated) reporter.info(`the sandbox's copy of the repository stops at ${copied.files} files (${Math.round(copied.bytes / 1024 / 1024)} MiB): files past it are not there for Compose`);
    for (const provided of deployProvidedEnvFiles(sets, settings.cwd)) {
      const at = join(sandbox.copy, provided);
      if (existsSync(at)) continue;
      mkdirSync(dirname(at), { recursive: true });
      writeFileSync(at, '');
      reporter.info(`${provided}: not in the repository; the deploy writes it into every release (the env-file input), so a service's env_file naming it renders it as an empty file`);
    }
  } else reporter.info(`rendering in process, with no external program: ${renderer.reason}`);
  let { loaded, checked } = first;
  if (renderer.kind === 'compose-cli' && envFlavor(renderer) === 'v1') {
    await Promise.allSettled(checked.map((c) => c.report));
    ({ loaded, checked } = startChecks(sets, { include: false, envFlavor: 'v1' }, settings, opts, { renderer: choosing }, runner, sandbox, reporter));
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
function startChecks(sets: readonly ComposeSet[], read: { include: boolean; envFlavor: EnvFlavor }, settings: Settings, opts: ValidateSettings, render: RenderChoice, runner: Runner, sandbox: Contained, reporter: Reporter) {
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

/** The renderer as the probe will choose it. */
interface RenderChoice {
  renderer: Promise<Renderer>;
}

async function checkSet(l: LoadedSet, settings: Settings, opts: ValidateSettings, renderer: RenderChoice, runner: Runner, built: ReadonlySet<string>, sandbox: Contained, reporter: InfoLog): Promise<SetReport> {
  const findings: Finding[] = [...l.findings];
  let swarm: SwarmServiceRow[] | undefined;
  if (l.merged) {
    const ctx = ruleContext(l, settings, opts, built);
    const fill = tagPlaceholders(imageTagVariables(ctx), l, settings.sha);
    const shell = hostShellVariables(ctx);
    if (shell.length > 0) reporter.info(`${l.set.name} set: ${shell.map((n) => `\${${n}}`).join(', ')} taken as set by the shell the deploy runs Compose in on the host (over SSH, in the release directory); rendered with placeholder values`);
    findings.push(...(await renderSet(l, fill, settings.cwd, renderer, sandbox, reporter)));
    findings.push(...policyFindings(l, ctx, opts));
    if (ctx.target === 'swarm' && l.set.name === 'prod') swarm = swarmUpdateRows(ctx);
  }
  findings.sort((a, b) => a.loc.file.localeCompare(b.loc.file) || (a.loc.line ?? 0) - (b.loc.line ?? 0) || a.rule.localeCompare(b.rule));
  const services = l.merged ? mapEntries(nodeAt(l.merged, ['services'])).map(([n]) => n) : [];
  if (swarm) reporter.info(swarmLine(swarm));
  return { set: l.set, services, findings, ...(swarm ? { swarm } : {}) };
}

/**
 * Renders a set in the sandbox with its own variables only; a set that names a file outside the repository
 * (or a remote one) is not rendered at all, since Compose would read or fetch it.
 */
async function renderSet(l: LoadedSet, fill: ReadonlyMap<string, string>, cwd: string, choice: RenderChoice, sandbox: Contained, reporter: InfoLog): Promise<Finding[]> {
  const envFile = new Map(Object.entries(envValues(l.env ?? new Map())));
  const renderEnv = renderEnvironment({ envFile, fill });
  if (renderEnv.dropped.length > 0) reporter.info(`${l.set.name} set: not passed to Compose (they steer Compose itself, not the files): ${renderEnv.dropped.join(', ')}`);
  const projectDir = dirname(join(cwd, l.set.files[0]!));
  // Paths are checked with exactly the variables Compose renders with, the sandbox's own included.
  const refused = referenceFindings(l.files, { root: cwd, projectDir, env: new Map(Object.entries(renderEnv.process)) });
  if (refused.length > 0) {
    reporter.info(`${l.set.name} set: not rendered, since it names files validate does not read`);
    return refused;
  }
  const echo = echoContext([...l.files.values(), ...l.followed.values()], [...l.set.files, ...l.set.files.map((f) => `./${f}`)], [...renderEnv.variables.values(), ...l.includedEnv.values()]);
  const renderer = await choice.renderer;
  if (renderer.kind !== 'compose-cli') return renderWithSchema(l, renderEnv.variables);
  const tooLong = oversizedVariables(l, renderEnv.variables);
  if (tooLong.length > 0) {
    reporter.info(`${l.set.name} set: not rendered, since variables of its env file are too long to hand to Compose`);
    return tooLong;
  }
  return renderWithCli(renderer, l, cwd, { containers: sandbox.containers, copy: sandbox.copy!, env: renderEnv.process }, echo);
}

/**
 * The variables reach Compose in its environment, where Linux takes at most 128 KiB a variable and
 * about 2 MiB in all: longer values (an env file whose lines repeat each other) are findings at their line.
 */
const MAX_VARIABLE_BYTES = 64 * 1024;
const MAX_VARIABLES_BYTES = 1024 * 1024;

function oversizedVariables(l: LoadedSet, variables: ReadonlyMap<string, string>): Finding[] {
  const at = (name: string) => ({ file: l.set.envFile ?? l.set.files[0]!, ...(l.env?.get(name) ? { line: l.env.get(name)!.line, column: 1 } : {}) });
  const long = [...variables].filter(([, v]) => Buffer.byteLength(v) > MAX_VARIABLE_BYTES);
  if (long.length > 0) return long.map(([name, v]) => loadError('parse', `${name}: its value is ${Math.ceil(Buffer.byteLength(v) / 1024)} KiB once its variables are filled in; Compose is handed values of at most ${MAX_VARIABLE_BYTES / 1024} KiB, so the set is not rendered`, at(name)));
  const total = [...variables].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 2, 0);
  return total > MAX_VARIABLES_BYTES ? [loadError('parse', `the env file's variables come to ${Math.ceil(total / 1024)} KiB once filled in; Compose is handed at most ${MAX_VARIABLES_BYTES / 1024} KiB, so the set is not rendered`, { file: l.set.envFile ?? l.set.files[0]! })] : [];
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

/** What the deploy will set on the swarm, said in the log as in the summary. */
function swarmLine(rows: readonly SwarmServiceRow[]): string {
  if (rows.length === 0) return 'prod set, target swarm: no service is rolled by the deploy, so it sets no update_config';
  const settings = rows[0]!.settings.map((x) => `${x.key} ${x.value}`).join(', ');
  const differs = rows.flatMap((r) => r.differs.map((d) => `${r.service} (${d.key}: ${d.written})`));
  return `prod set, target swarm: the deploy sets update_config ${settings} on ${rows.map((r) => r.service).join(', ')}${differs.length > 0 ? `; the file says otherwise for ${differs.join(', ')} (swarm-update-config)` : ''}`;
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
