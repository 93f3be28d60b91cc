import { randomBytes } from 'node:crypto';
import type { ComposeFlavor, ComposeTarget } from '../compose/cli.js';
import { releaseVariables } from '../compose/deploy-role.js';
import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { InputError, OperationError } from '../errors.js';
import { hostToolsLine } from '../host/describe.js';
import { parseProbe, probeCommand, type AuditRecord, type HostFacts } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import { CommandFailed, runChecked, shellText, tail, type Command, type HostRunner, type RunResult } from '../runner/runner.js';
import { tarArchive } from '../remote/tar.js';
import { connectHost, type HostConnector } from '../ssh/connect.js';
import { ConnectionLost } from '../ssh/ssh-runner.js';
import { printPlan } from './plan.js';
import * as cmd from './commands.js';
import { deploySettings, registryLogin, type DeploySettings, type RollbackRequest } from './deploy-settings.js';
import { checkEnvFileInput } from './env-file-input.js';
import { migrationsSince, resolveRollbackTarget } from '../rollback/target.js';
import { drillLivenessWarning } from '../restore/drill-liveness.js';
import { acquireLock, cancelCommand, cancelMarker, type LockHandle, type LockOwner } from '../host/lock.js';
import { parseKeyValues } from '../host/key-values.js';
import { outcomeTable, parseRollOutput, type ServiceOutcome } from './outcome.js';
import { dependenciesOf, parseRenderedCompose, planUpdates, type ServiceInfo, type ServiceUpdate, type UpdatePlan } from './services.js';
import { servicesSeeingChangedFiles } from './mounts.js';
import { GitHubDeployment } from './github-deployment.js';
import { settleStranded, strandedIds, settleTwoReleases, waitForDocker } from './docker-return.js';
import { PreDeployBackup } from '../backup/pre-deploy.js';

/** `deploy`: the commit's images to the host, gated and rolling, or the previous release left serving. */
export async function deployCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const ds = deploySettings(settings);
  const backup = PreDeployBackup.fromSettings(settings);
  if (ds.dryRun) return printPlan(ds, reporter);
  return runOnHost(ds, reporter, { backup }, services);
}

/**
 * Deploy and rollback share everything from here: the connection, the lock, the rolling procedure,
 * the recovery, the interrupts and the GitHub Deployment. A rollback's target (and so the GitHub
 * Deployment's ref) is known only once the host has been read.
 */
export async function runOnHost(ds: DeploySettings, reporter: Reporter, { request, backup }: { request?: RollbackRequest; backup?: PreDeployBackup }, services: EngineServices = {}): Promise<CommandResult> {
  let tracker: GitHubDeployment | undefined;
  const track = async (sha: string) => {
    if (!ds.github) return;
    tracker = new GitHubDeployment({ ...ds.github, sha }, reporter);
    await tracker.start();
  };
  if (!request) await track(ds.sha);
  let result: CommandResult | undefined;
  const startedAt = Date.now();
  try {
    const connect = services.connectHost ?? connectHost;
    const runner = await connect(ds.target, reporter);
    const deployment = new Deployment(runner, ds, reporter, { request, onTarget: request ? track : undefined, backup, connect });
    // First request: stop and roll back. Second (the kill is near): record it and free the lock before the process ends.
    const stopListening = services.interrupts?.listen(
      () => deployment.cancel(),
      () => Promise.all([deployment.abandon(), tracker?.finish('failure', 'the run was cancelled')]).then(() => undefined),
    );
    try {
      result = await deployment.run();
      return result;
    } finally {
      stopListening?.();
      await runner.close();
    }
  } catch (err) {
    // Bad input stays an exception (exit 2); a deploy that could not start still reports its outputs.
    if (err instanceof InputError) throw err;
    result = notStarted(ds, (err as Error).message, startedAt, reporter, request);
    return result;
  } finally {
    await tracker?.finish(result ? (result.ok ? 'success' : 'failure') : 'error', result?.message);
  }
}

class Cancelled extends Error {}

/** What kind of run a Deployment is: a deploy (optionally with a pre-deploy backup) or a rollback. */
interface RunKind {
  request?: RollbackRequest;
  onTarget?: (sha: string) => Promise<void>;
  backup?: PreDeployBackup;
  /** Reaches backup.copy-to's host for the pre-deploy backup. */
  connect?: HostConnector;
}

class Deployment {
  private readonly token = randomBytes(8).toString('hex');
  private readonly startedAt = new Date();
  private cancelled = false;
  /** Set once running services may have changed: from here a failure is answered by a rollback. */
  private touched = false;
  private lock?: LockHandle;
  private flavor: ComposeFlavor = 'docker compose';
  private migrated = false;
  private facts!: HostFacts;
  private previous?: string;
  private outcomes: ServiceOutcome[] = [];
  /** Release files that differ from the live release's. */
  private changedFiles: string[] = [];
  /** The new release's services, as rendered on the host. */
  private services: ServiceInfo[] = [];
  private readonly composeFilesOf = new Map<string, string[]>();
  /** What the host was left with that a person must know (containers Docker could not remove). */
  private hostProblems: string[] = [];

  constructor(
    private readonly runner: HostRunner,
    private ds: DeploySettings,
    private readonly reporter: Reporter,
    what: RunKind = {},
  ) {
    this.request = what.request;
    this.onTarget = what.onTarget;
    this.backup = what.backup;
    this.connect = what.connect ?? connectHost;
  }

  /** Set for a rollback: the target to resolve on the host, and why. */
  private readonly request?: RollbackRequest;
  /** A rollback's GitHub Deployment starts once its target is known. */
  private readonly onTarget?: (sha: string) => Promise<void>;
  /** deploy.backup: the backup taken after the pull, before migrations. */
  private readonly backup?: PreDeployBackup;
  private readonly connect: HostConnector;

  /** backup-file and backup-manifest, once the pre-deploy backup ran. */
  private backupOutputs: Record<string, string> = {};

  /** First signal: a health wait on the host stops at once (the marker), then the deploy rolls back. */
  cancel(): void {
    if (this.cancelled) return;
    this.reporter.warning('cancel requested: stopping the current step, then rolling back and releasing the lock');
    this.cancelled = true;
    if (this.lock) void this.runner.run(cancelCommand(this.ds.deployPath, this.token)).catch(() => undefined);
  }

  /**
   * Second signal: the runner kills us in moments. Say so in the audit log, point `current` back at
   * the release that was serving (the health wait in flight gave up on the first signal, keeping
   * its old containers), and free the lock.
   */
  async abandon(): Promise<void> {
    if (!this.lock) return;
    const { deployPath } = this.ds;
    const record = this.auditRecord('failed', 'cancelled: the runner stopped the deploy before it finished rolling back; check the host (compose-deploy releases)');
    const quietly = (c: Command) => this.runner.run(c).catch(() => undefined);
    await Promise.all([
      quietly(cmd.auditCommand(deployPath, record)),
      this.touched && this.previous ? quietly(cmd.switchCurrentCommand(deployPath, this.previous)) : undefined,
    ]);
    await this.lock.release();
  }

  async run(): Promise<CommandResult> {
    const { ds } = this;
    // The lock comes first: a deploy that waited for another must read the host as that one left it.
    this.lock = await acquireLock(this.runner, ds, this.token, this.reporter, () => this.checkCancelled());
    try {
      this.facts = parseProbe((await this.exec(probeCommand(ds.deployPath, ds.project), 'reading the host state')).stdout);
      this.checkCancelled();
      this.preflight();
      if (this.lock.tookOverFrom) await this.recordAbandoned(this.lock.tookOverFrom);
      if (this.request) {
        this.ds = { ...ds, sha: resolveRollbackTarget(this.facts, this.request.to) };
        await this.onTarget?.(this.ds.sha);
        if (this.ds.sha === this.facts.current) return this.alreadyLive();
      }
      this.previous = this.facts.current && this.facts.current !== this.ds.sha ? this.facts.current : undefined;
      return await this.apply();
    } finally {
      await this.lock.release();
    }
  }

  /**
   * A run killed outright left the lock (taken over once its lease lapsed) and maybe a half-moved
   * host: the audit log says so, and if it had already pointed current at its own, never-verified
   * release, a failure of this deploy returns to the last release that succeeded instead.
   */
  private async recordAbandoned(gone: LockOwner): Promise<void> {
    const { ds, facts } = this;
    const who = [gone.actor, gone.runUrl].filter(Boolean).join(' ') || 'an unknown run';
    await this.exec(
      cmd.auditCommand(ds.deployPath, {
        action: 'deploy',
        kind: 'abandoned',
        sha: gone.sha ?? 'unknown',
        actor: gone.actor ?? undefined,
        runUrl: gone.runUrl ?? undefined,
        startedAt: gone.startedAt,
        finishedAt: new Date().toISOString(),
        result: 'failed',
        error: `abandoned: the run stopped renewing its lock lease (it was killed outright); taken over by ${[ds.actor, ds.runUrl].filter(Boolean).join(' ') || 'the next deploy'}`,
      }),
      'recording the run whose lock was taken over',
    );
    const unverified = gone.sha && facts.current === gone.sha && !facts.audit.some((r) => r.sha === gone.sha && r.result === 'success');
    if (!unverified) return;
    const good = [...facts.audit].reverse().find((r) => r.result === 'success' && facts.releases.includes(r.sha));
    this.reporter.warning(`the run taken over (${who}) had pointed current at its own release ${gone.sha!.slice(0, 12)}, which never passed its gates; ${good ? `a failure of this deploy returns to ${good.sha.slice(0, 12)}, the last release that succeeded` : 'no earlier successful release is kept'}`);
    this.facts = { ...facts, current: good?.sha };
  }

  /** Everything after the preflight: any failure from here on is answered by a rollback (or, on a first deploy, a clean-up). */
  private async apply(): Promise<CommandResult> {
    const { ds } = this;
    let plan: UpdatePlan | undefined;
    const moved: ServiceUpdate[] = [];
    try {
      this.changedFiles = this.request ? await this.readKeptRelease() : await this.upload();
      const target = this.compose(ds.sha);
      if (!this.previous && this.facts.current !== ds.sha) await this.exec(cmd.switchCurrentCommand(ds.deployPath, ds.sha), 'pointing current at the first release');
      const services = parseRenderedCompose((await this.exec(cmd.renderCommand(target), 'rendering the release\'s Compose files')).stdout);
      this.services = services;
      plan = this.planFor(services, ds.sha);
      this.outcomes = plan.updates.map((u) => ({
        service: u.service,
        strategy: u.strategy,
        newImage: u.image,
        oldImage: this.facts.running[u.service],
        result: 'not-started',
        note: u.note,
      }));
      for (const u of plan.updates) if (u.note) this.reporter.warning(`${u.service}: ${u.note}`);
      await this.pull(services);
      this.checkCancelled();
      if (this.backup && !this.request) this.backupOutputs = await this.backup.run(this.runner, this.connect, { live: this.facts.current, deploying: ds.sha, running: this.facts.running, services: services.map((s) => s.name) }, this.reporter);
      if (ds.migrate && !this.request) {
        await this.migrate(target, services);
        this.migrated = true;
      }
      this.checkCancelled();
      this.touched = true;
      if (this.previous) await this.exec(cmd.switchCurrentCommand(ds.deployPath, ds.sha), 'pointing current at the new release');
      await this.converge(target, services, plan.converge);
      for (const u of plan.updates) {
        this.checkCancelled();
        await this.roll(target, u, 'updated');
        moved.push(u);
      }
      if (ds.smokeUrl) await this.smoke(ds.smokeUrl);
      return await this.succeed();
    } catch (err) {
      return await this.fail(err, moved, plan);
    }
  }

  private preflight(): void {
    const { facts, ds } = this;
    const where = this.runner.where;
    if (!facts.dockerVersion) throw new OperationError(`preflight: Docker is not reachable on ${where} for user ${ds.target.user} (is it installed, running, and is the user in the docker group?). Nothing was changed.`);
    if (!facts.composeCommand) throw new OperationError(`preflight: neither "docker compose" (v2) nor "docker-compose" (v1) is installed on ${where}. Nothing was changed.`);
    this.flavor = facts.composeCommand;
    if (ds.envFileContent !== undefined && !this.request) checkEnvFileInput(ds.envFileContent, facts.composeCommand, where);
    const short = lowDisk(facts, ds);
    if (short.length > 0) {
      throw new OperationError(`preflight: ${short.join('; ')} on ${where}; deploy needs ${ds.minFreeDiskMb} MB free in each (deploy.min-free-disk-mb). Free space (docker image prune) and retry. Nothing was changed.`);
    }
    this.reporter.info(`host ${where}: Docker ${facts.dockerVersion}, ${facts.composeCommand} ${facts.composeVersion ?? ''}; live release: ${facts.current ?? 'none'}`);
  }

  /** Third-party services to the release's state; those mounting a changed release file are recreated. */
  private async converge(target: ComposeTarget, services: readonly ServiceInfo[], names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const seeing = new Set(servicesSeeingChangedFiles(services, target.projectDirectory!, this.changedFiles));
    const recreate = names.filter((n) => seeing.has(n));
    const plain = names.filter((n) => !seeing.has(n));
    if (plain.length > 0) await this.exec(cmd.convergeCommand(target, plain), `starting ${plain.join(', ')}`);
    if (recreate.length > 0) {
      this.reporter.warning(`recreating ${recreate.join(', ')}: a file it mounts changed (${this.changedFiles.join(', ')}); a short restart`);
      await this.exec(cmd.convergeCommand(target, recreate, true), `recreating ${recreate.join(', ')}`);
    }
  }

  /** Returns the release files that differ from the live release's. */
  private async upload(): Promise<string[]> {
    const { ds } = this;
    const env = [ds.envFileContent?.replace(/\n?$/, '\n') ?? '', ...Object.entries(releaseVariables(ds.sha, ds.deployPath)).map(([k, v]) => `${k}=${v}\n`)].join('');
    const tar = tarArchive(
      [
        ...ds.files.map((f) => ({ name: f.path, content: f.content, mode: f.mode })),
        { name: cmd.COMPOSE_FILES_RECORD, content: ds.composeFiles.map((f) => `${f}\n`).join(''), mode: 0o644 },
        { name: '.env', content: env, mode: 0o600 },
      ],
      Math.floor(this.startedAt.getTime() / 1000),
    );
    const res = await this.exec(cmd.unpackCommand(ds.deployPath, ds.sha, tar.toString('base64')), `uploading release ${ds.sha.slice(0, 12)} (${ds.files.length} files and .env)`);
    for (const dir of parseKeyValues(res.stdout).get('removed-leftover') ?? []) this.reporter.warning(`removed ${dir}, left on the host by an upload that was killed (it held a release's .env)`);
    return this.readReleaseRecords(res.stdout);
  }

  /** rollback: nothing to upload, the target's files are kept on the host; returns those that differ from the live release's. */
  private async readKeptRelease(): Promise<string[]> {
    const res = await this.exec(cmd.keptReleaseCommand(this.ds.deployPath, this.ds.sha), `reading kept release ${this.ds.sha.slice(0, 12)}`);
    return this.readReleaseRecords(res.stdout);
  }

  /**
   * The Compose files each release was made with, as it recorded them: a release made with other
   * file names than the repository has now still starts (and is returned to) with its own.
   */
  private readReleaseRecords(stdout: string): string[] {
    const kv = parseKeyValues(stdout);
    const own = kv.get('compose-file');
    if (own?.length) this.composeFilesOf.set(this.ds.sha, own);
    const live = kv.get('live-compose-file');
    if (live?.length && this.facts.current) this.composeFilesOf.set(this.facts.current, live);
    return kv.get('changed') ?? [];
  }

  /** Compose pointed at one release, with the Compose files that release recorded (else the repository's prod set). */
  private compose(sha: string): ComposeTarget {
    return cmd.releaseCompose({ ...this.ds, composeFiles: this.composeFilesOf.get(sha) ?? this.ds.composeFiles }, this.flavor, sha);
  }

  private planFor(services: readonly ServiceInfo[], sha: string): UpdatePlan {
    return planUpdates(services, sha, { order: this.ds.order, migrateService: this.ds.migrate?.service, perService: this.ds.services });
  }

  private async render(sha: string): Promise<ServiceInfo[]> {
    return parseRenderedCompose((await this.exec(cmd.renderCommand(this.compose(sha)), `rendering release ${sha.slice(0, 12)}`)).stdout);
  }

  private async pull(services: readonly ServiceInfo[]): Promise<void> {
    const { ds } = this;
    const images = [...new Set(services.map((s) => s.image).filter((i): i is string => !!i))];
    const started = Date.now();
    const res = await this.runner.run(cmd.pullCommand(images, registryLogin(ds)));
    if (res.code === 3) {
      throw new OperationError(`registry login to ${ds.registry} as ${ds.registryUsername} was refused on the host: ${lastLine(res.stderr)}. Check registry-username and registry-password (for GHCR a token with read:packages).`);
    }
    // The host script names the image it gave up on (after its bounded retries); the error says which.
    const failed = parseKeyValues(res.stdout).get('failed')?.[0];
    if (res.code !== 0) throw new OperationError(`pulling ${failed ?? "the release's images"} failed on ${this.runner.where}${tail(res.stderr)}`);
    this.reporter.info(`▸ pulling ${images.length} images (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    const pulled = res.stdout.split('\n').filter((l) => l.startsWith('pulled=')).length;
    this.reporter.info(`images: ${pulled} pulled, ${images.length - pulled} already on the host`);
  }

  private async migrate(target: ComposeTarget, services: readonly ServiceInfo[]): Promise<void> {
    const { ds } = this;
    const started = Date.now();
    const dependencies = dependenciesOf(services, ds.migrate!.service);
    // `up --no-recreate` of what already runs changes nothing: the host's answer saves a Compose start.
    const stopped = dependencies.filter((d) => !this.facts.running[d]);
    if (stopped.length > 0) await this.exec(cmd.migrationDependenciesCommand(target, dependencies), `starting what the migration needs (${dependencies.join(', ')})`);
    else if (dependencies.length > 0) this.reporter.info(`what the migration needs is running (${dependencies.join(', ')})`);
    const res = await this.runner.run(cmd.migrateCommand(target, ds.migrate!));
    if (res.code !== 0) {
      // The output stays in the (masked) log and summary: migrations print connection strings, and
      // the error message travels on to the audit log and the GitHub deployment status.
      const output = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-30).join('\n');
      this.reporter.info(`migration output:\n${output}`);
      this.reporter.summary(`#### Migration output (exit ${res.code})\n\n\`\`\`\n${output}\n\`\`\`\n`);
      const serving = this.previous ? `release ${this.previous.slice(0, 12)} keeps serving` : 'nothing was running before';
      throw new Error(`migration "${ds.migrate!.service}" exited with ${res.code}; no service was touched, ${serving} (its output is in the log and the summary)`);
    }
    this.reporter.info(`▸ migration ${ds.migrate!.service} finished (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }

  private async roll(target: ComposeTarget, u: ServiceUpdate, success: 'updated' | 'rolled-back'): Promise<void> {
    const started = Date.now();
    // A rollback must finish, so only a forward roll watches the cancel marker.
    const marker = success === 'updated' ? cancelMarker(this.ds.deployPath) : '';
    const command = cmd.rollCommand(target, u, this.ds, marker);
    this.reporter.debug(shellText(command));
    this.reporter.info(`▸ ${success === 'updated' ? 'rolling' : 'rolling back'} ${u.service} (${u.strategy})`);
    const res = await this.runner.run(command);
    const report = parseRollOutput(res.stdout, res.code === 0);
    const stranded = strandedIds(res.stdout);
    const unsettled = stranded.length > 0 ? await settleStranded(this.runner, stranded, u.service, this.reporter) : undefined;
    if (unsettled) this.hostProblems.push(unsettled);
    if (unsettled && report.ok) throw new OperationError(unsettled);
    const outcome = this.outcomes.find((o) => o.service === u.service);
    if (!report.ok) {
      if (outcome && success === 'updated') {
        outcome.result = 'failed';
        outcome.diagnostics = report.diagnostics;
      }
      throw new ServiceFailed(u.service, report.reason ?? `exit ${res.code}: ${lastLine(res.stderr)}`, report.diagnostics, lastLine(report.diagnostics.replace(/^(health|log)\| /gm, '')));
    }
    if (outcome && success === 'updated') {
      outcome.result = 'updated';
      outcome.secondsToHealthy = report.secondsToHealthy;
    }
    this.reporter.info(`${u.service}: ${u.strategy}, ${success} in ${((Date.now() - started) / 1000).toFixed(1)}s (healthy after ${report.secondsToHealthy ?? '?'}s${report.phases ? `; ${report.phases}` : ''})`);
  }

  private async smoke(url: string): Promise<void> {
    let last = '';
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        if (res.ok) return void this.reporter.info(`smoke check ${url}: ${res.status}`);
        last = `HTTP ${res.status}`;
      } catch (err) {
        last = (err as Error).message;
      }
      if (attempt < 3) await sleep(2000);
    }
    throw new OperationError(`smoke check ${url} failed: ${last}`);
  }

  private async succeed(): Promise<CommandResult> {
    const { ds } = this;
    const record = this.auditRecord('success');
    // A rollback keeps every release it found: the one it left may be the next one to go back to.
    if (this.request) await this.exec(cmd.auditCommand(ds.deployPath, record), 'appending to the audit log');
    else {
      const keep = keptReleases([...this.facts.audit, record], ds.sha, ds.keepReleases);
      const pruned = (await this.exec(cmd.auditAndPruneCommand(ds.deployPath, record, keep), 'appending to the audit log, pruning old releases')).stdout
        .split('\n')
        .filter((l) => l.startsWith('pruned='))
        .map((l) => l.slice(7));
      if (pruned.length > 0) this.reporter.info(`pruned releases: ${pruned.join(', ')}`);
    }
    const title = this.request ? '↩️ Rolled back' : '✅ Deployed';
    const reason = this.request?.reason ? ` Reason: ${this.request.reason}` : '';
    const notes = [...this.schemaWarning(), ...(await this.drillWarning())];
    this.reporter.summary(this.summary(title, `\`${ds.sha}\` is live on ${this.runner.where}${this.previous ? `, replacing \`${this.previous.slice(0, 12)}\`` : ''}.${reason}`, notes));
    return { ok: true, outputs: this.outputs('success', false) };
  }

  /** A rollback past a migration: the code goes back, the database schema does not. */
  private schemaWarning(): string[] {
    if (!this.request) return [];
    const later = migrationsSince(this.facts.audit, this.ds.sha);
    if (later.length === 0) return [];
    const list = later.map((m) => `\`${m.sha.slice(0, 12)}\` (${m.service}${m.at ? `, ${m.at}` : ''})`).join(', ');
    const text = `Migrations ran after \`${this.ds.sha.slice(0, 12)}\` was live: ${list}. The database keeps their schema; check that this release works with it, or restore a backup taken before them.`;
    this.reporter.warning(text.replace(/`/g, ''));
    return [`> ⚠️ ${text}`];
  }

  /** Backups nobody restore-tested for too long: said where the team looks after every deploy. */
  private async drillWarning(): Promise<string[]> {
    const { drillCheck, github } = this.ds;
    if (!drillCheck || !github) return [];
    const warning = await drillLivenessWarning({ ...drillCheck, token: github.token, apiUrl: github.apiUrl, repository: github.repository }, Date.now());
    if (!warning) return [];
    this.reporter.warning(warning);
    return [`> ⚠️ ${warning}`];
  }

  /** rollback to the release already live: nothing to do, and nothing done. */
  private alreadyLive(): CommandResult {
    const text = `\`${this.ds.sha}\` is already the live release on ${this.runner.where}: nothing was changed.`;
    this.reporter.info(text.replace(/`/g, ''));
    this.reporter.summary([`### ↩️ Nothing to roll back`, '', text, ''].join('\n'));
    return { ok: true, outputs: this.outputs('success', false) };
  }

  private async fail(err: unknown, moved: ServiceUpdate[], plan?: UpdatePlan): Promise<CommandResult> {
    const { ds, touched } = this;
    const why = this.cancelled ? 'the run was cancelled' : this.reporter.redact((err as Error).message);
    this.reporter.error(`${this.request ? 'rollback to' : 'deploy of'} ${ds.sha.slice(0, 12)} failed: ${why}`);
    let result: AuditRecord['result'] = 'failed';
    let rollbackProblem: string | undefined;
    // Without a connection nothing more can be done from here: the lock's lease lapses, and the next
    // deploy takes it over and converges the host.
    const lost = err instanceof ConnectionLost || (err instanceof CommandFailed && /Not connected/.test(err.message));
    // A Docker daemon restarting under the deploy: the rollback waits for it rather than failing at once.
    const dockerGone = !lost && touched ? await waitForDocker(this.runner).catch((e: Error) => e.message) : undefined;
    if (lost) rollbackProblem = 'the connection is gone';
    else if (dockerGone) {
      rollbackProblem = dockerGone;
      this.reporter.error(`cannot roll back: ${dockerGone}`);
    } else if (touched || !this.previous) {
      try {
        if (touched) await this.rollBack(moved, err, plan);
        else await this.undoFirstRelease();
        result = touched && this.previous ? 'rolled-back' : 'failed';
      } catch (rollbackErr) {
        rollbackProblem = (rollbackErr as Error).message;
        this.reporter.error(`rollback failed too: ${rollbackProblem}`);
      }
    }
    if (touched && !lost) {
      // Whatever happened on the way (a daemon restart brings back containers a roll had removed), the
      // host must not run two releases of a service unannounced.
      const failedImages = new Map(this.outcomes.filter((o) => o.newImage && o.newImage !== o.oldImage).map((o) => [o.service, o.newImage!]));
      const mixed = await settleTwoReleases(this.runner, ds.project, failedImages, this.reporter).catch((e: Error) => `the containers could not be listed (${e.message}): check the host`);
      if (mixed) {
        this.hostProblems.push(mixed);
        this.reporter.error(mixed);
      }
    }
    const problems = [...new Set(this.hostProblems)];
    await this.runner.run(cmd.auditCommand(ds.deployPath, this.auditRecord(result, [why, ...problems].join('; ')))).catch(() => undefined);
    const diagnostics = this.outcomes.filter((o) => o.diagnostics).map((o) => `#### ${o.service}: health output and last log lines\n\n\`\`\`\n${o.diagnostics}\n\`\`\``);
    const serving = lost
      ? `The SSH connection was lost, so nothing could be undone from here: check the host (compose-deploy releases). The next deploy takes the lock over after lock-lease (${ds.lockLease}s) and converges it.`
      : rollbackProblem
      ? `Rolling back failed as well (${rollbackProblem}); check the host.`
      : this.previous
        ? `Release \`${this.previous.slice(0, 12)}\` is serving, as before.`
        : this.facts.current === ds.sha
          ? 'This was a redeploy of the live release: the containers that did not become ready were removed and the others keep serving.'
          : 'This was the first deploy: nothing was left running.';
    const changed = rollbackProblem ? '' : touched ? 'Services already updated were rolled back. ' : 'No running service was changed. ';
    const warned = problems.length > 0 ? ` Also: ${problems.join('; ')}.` : '';
    const message = `${this.request ? `Rollback to ${ds.sha} on` : `Deploy of ${ds.sha} to`} ${this.runner.where} failed: ${why}. ${changed}${serving}${warned}`;
    const title = this.request ? '❌ Rollback failed' : result === 'rolled-back' ? '↩️ Rolled back' : '❌ Deploy failed';
    this.reporter.summary(this.summary(title, message, diagnostics));
    return { ok: false, message, outputs: this.outputs(result, result === 'rolled-back') };
  }

  /** Puts every moved service (and a failed recreate) back on the previous release, with the same rolling procedure. */
  private async rollBack(moved: ServiceUpdate[], err: unknown, plan?: UpdatePlan): Promise<void> {
    const { ds } = this;
    if (!this.previous) return this.undoFirstRelease();
    const failed = err instanceof ServiceFailed ? plan?.updates.find((u) => u.service === err.service) : undefined;
    const toRestore = new Set([...moved.map((u) => u.service), ...(failed?.strategy === 'recreate' ? [failed.service] : [])]);
    await this.exec(cmd.switchCurrentCommand(ds.deployPath, this.previous), 'pointing current back at the previous release');
    const target = this.compose(this.previous);
    const previousServices = await this.render(this.previous);
    const previousPlan = this.planFor(previousServices, this.previous);
    const added = this.services.map((s) => s.name).filter((n) => !previousServices.some((p) => p.name === n));
    if (added.length > 0) await this.exec(cmd.removeServicesCommand(this.compose(ds.sha), added), `removing ${added.join(', ')} (not in the previous release)`);
    await this.converge(target, previousServices, previousPlan.converge);
    // One service that will not come back must not keep the others on the failed release.
    const problems: string[] = [];
    for (const u of previousPlan.updates) {
      if (!toRestore.has(u.service)) continue;
      try {
        await this.roll(target, u, 'rolled-back');
      } catch (rollErr) {
        problems.push((rollErr as Error).message);
        continue;
      }
      const o = this.outcomes.find((x) => x.service === u.service);
      if (o && o.result === 'updated') o.result = 'rolled-back';
    }
    if (problems.length > 0) throw new Error(problems.join('; '));
  }

  private async undoFirstRelease(): Promise<void> {
    const { ds } = this;
    if (this.facts.current) return;
    await this.exec(cmd.downCommand(this.compose(ds.sha)), 'removing what the failed first release started');
    await this.exec(cmd.removeCurrentCommand(ds.deployPath), 'removing current');
  }

  private checkCancelled(): void {
    if (this.cancelled) throw new Cancelled('the run was cancelled');
  }

  private async exec(command: Command, what: string): Promise<RunResult> {
    this.reporter.debug(shellText(command));
    const started = Date.now();
    const res = await runChecked(this.runner, command, what);
    this.reporter.info(`▸ ${what} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return res;
  }

  private auditRecord(result: AuditRecord['result'], error?: string): AuditRecord {
    return {
      action: this.request ? 'rollback' : 'deploy',
      kind: this.request ? 'rollback' : 'deploy',
      sha: this.ds.sha,
      // facts may not be read yet: a second signal can come while the host is being read.
      previousSha: this.previous ?? this.facts?.current,
      actor: this.ds.actor,
      runUrl: this.ds.runUrl,
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      result,
      ...(error ? { error: error.slice(0, 500) } : {}),
      ...(this.request ? { reason: this.request.reason ?? null, from: this.facts?.current ?? null, to: this.ds.sha } : {}),
      ...(this.migrated ? { migration: this.ds.migrate!.service } : {}),
      images: [...new Set(this.services.map((s) => s.image).filter((i): i is string => !!i))],
      services: this.outcomes.map(({ service, strategy, result: r, secondsToHealthy }) => ({ service, strategy, result: r, secondsToHealthy })),
    };
  }

  private outputs(result: string, rolledBack: boolean): Record<string, string> {
    return {
      'deployed-sha': result === 'success' ? this.ds.sha : '',
      'previous-sha': this.previous ?? '',
      result,
      'rolled-back': String(rolledBack),
      'duration-seconds': ((Date.now() - this.startedAt.getTime()) / 1000).toFixed(1),
      services: JSON.stringify(this.outcomes.map(({ diagnostics: _d, ...o }) => o)),
      'round-trips': String(this.runner.commandCount),
      'compose-command': this.flavor,
      'compose-version': this.facts?.composeVersion ?? '',
      'docker-version': this.facts?.dockerVersion ?? '',
      ...this.backupOutputs,
    };
  }

  private summary(title: string, text: string, extra: string[] = []): string {
    const host = this.facts ? [`Host: ${hostToolsLine(this.facts)}`, ''] : [];
    return [`### ${title}`, '', text, '', ...host, outcomeTable(this.outcomes), '', ...extra, ''].join('\n');
  }
}

/**
 * Where the host has less free space than min-free-disk-mb: the deploy path (the release files) and
 * Docker's data root (the pulled images), each said with what was seen. A filesystem the probe could
 * not measure is not judged.
 */
export function lowDisk(facts: Pick<HostFacts, 'freeKb' | 'dockerRoot' | 'dockerRootFreeKb'>, ds: Pick<DeploySettings, 'deployPath' | 'minFreeDiskMb'>): string[] {
  const needKb = ds.minFreeDiskMb * 1024;
  const mb = (kb: number) => Math.floor(kb / 1024);
  const short: string[] = [];
  if (facts.freeKb !== undefined && facts.freeKb < needKb) short.push(`only ${mb(facts.freeKb)} MB free under the deploy path ${ds.deployPath}`);
  if (facts.dockerRoot && facts.dockerRootFreeKb !== undefined && facts.dockerRootFreeKb < needKb) {
    short.push(`only ${mb(facts.dockerRootFreeKb)} MB free under Docker's data root ${facts.dockerRoot} (where pulled images go)`);
  }
  return short;
}

/** A deploy that failed before it touched anything (no connection, lock held, preflight): outputs and summary all the same. */
function notStarted(ds: DeploySettings, why: string, startedAt: number, reporter: Reporter, request?: RollbackRequest): CommandResult {
  const what = request ? 'Rollback on' : `Deploy of ${ds.sha} to`;
  const message = `${what} ${ds.target.user}@${ds.target.host}:${ds.target.port} did not start: ${why}`;
  reporter.summary([`### ❌ ${request ? 'Rollback' : 'Deploy'} failed`, '', message, ''].join('\n'));
  return {
    ok: false,
    message,
    outputs: {
      'deployed-sha': '',
      'previous-sha': '',
      result: 'failed',
      'rolled-back': 'false',
      'duration-seconds': ((Date.now() - startedAt) / 1000).toFixed(1),
      services: '[]',
    },
  };
}

class ServiceFailed extends Error {
  constructor(
    readonly service: string,
    reason: string,
    readonly diagnostics: string,
    lastOutput: string,
  ) {
    // The last line of output says why (port already allocated, image not found) when compose itself failed.
    super(`service ${service} did not become healthy: ${reason}${reason.startsWith('compose') && lastOutput ? `: ${lastOutput}` : ''}`);
  }
}

/** The newest successful releases, the live one always among them. */
export function keptReleases(audit: readonly AuditRecord[], live: string, keep: number): string[] {
  const out = [live];
  for (let i = audit.length - 1; i >= 0 && out.length < keep; i--) {
    const r = audit[i]!;
    if (r.result === 'success' && !out.includes(r.sha)) out.push(r.sha);
  }
  return out;
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

