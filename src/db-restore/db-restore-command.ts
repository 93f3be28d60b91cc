import { randomBytes } from 'node:crypto';
import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { InputError, OperationError } from '../errors.js';
import { parseProbe, probeCommand, type HostFacts } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import { runChecked, shellText, tail, type Command, type HostRunner, type RunResult } from '../runner/runner.js';
import { connectHost, type HostConnector } from '../ssh/connect.js';
import { acquireLock } from '../host/lock.js';
import { keptReleaseCommand, releaseCompose, removeServicesCommand, renderCommand, rollCommand } from '../deploy/commands.js';
import { parseKeyValues } from '../host/key-values.js';
import { parseRollOutput } from '../deploy/outcome.js';
import { parseRenderedCompose, planUpdates, type ServiceUpdate } from '../deploy/compose-services.js';
import type { ComposeTarget } from '../compose/cli.js';
import { backupAndKeep } from '../backup/backup-flow.js';
import { parseTableCounts } from '../backup/manifest.js';
import { inspectDatabase, requireRunning } from '../backup/take-backup.js';
import { verifyDump } from '../backup/verify.js';
import { parseManifest } from '../restore/manifest.js';
import { parseMaintenance, setMaintenance } from '../maintenance/switch.js';
import * as cmd from './commands.js';
import { asideDatabases, asideName, countMismatches, pickDump, preview, previewText, restoringDatabases, restoringName, verifiedDumps } from './restore-plan.js';
import { dbRestoreSettings, type DbRestoreSettings } from './db-restore-settings.js';
import { printRestorePlan } from './dry-run.js';
import { backupsList, finishRestore, type RestoreDone, type RestoreResult } from './restore-report.js';
import { explainState, parseRestoreState, swapped, type RestorePhase, type RestoreState } from './state.js';

/**
 * `restore`: the production database put back to a verified backup, under the deploy's lock. The dump
 * is checked before anything changes; then maintenance on, the writers stopped, a safety backup, the
 * dump restored into a new database and its rows compared with the manifest, the names swapped in one
 * transaction, the writers started through the deploy's health gates, maintenance off. A failure
 * before the swap leaves production as it was; one after it swaps back.
 */
export async function restoreCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const rs = dbRestoreSettings(settings);
  if (rs.dryRun) return printRestorePlan(rs, reporter);
  return restoreCommandWith(rs, reporter, services);
}

/** A restore with its settings parsed (rollback with-data names the dump itself). */
export async function restoreCommandWith(rs: DbRestoreSettings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const connect = services.connectHost ?? connectHost;
  const runner = await connect(rs.bs.target, reporter);
  try {
    return await new RestoreRun(runner, rs, reporter, connect).run();
  } finally {
    await runner.close();
  }
}

/** Where a failed restore left production: unchanged (as before it), or failed (a person must look). */
class RestoreFailed extends Error {}

/** The Postgres of backup.service: its container, database and role. */
interface Pg {
  container: string;
  user: string;
  database: string;
}

class RestoreRun {
  private readonly token = randomBytes(8).toString('hex');
  private readonly startedAt = new Date();
  private facts!: HostFacts;
  private pg!: Pg;
  private target?: ComposeTarget;
  private updates: ServiceUpdate[] = [];
  private state?: RestoreState;
  /** What has been changed so far, for the undo. */
  private maintenanceSet = false;
  private writersStopped = false;
  private restoredCreated = false;
  private isSwapped = false;
  private maintenanceAt?: number;
  /** The backup dir's verified dumps, newest first, for the summary. */
  private verified: string[] = [];

  constructor(
    private readonly runner: HostRunner,
    private readonly rs: DbRestoreSettings,
    private readonly reporter: Reporter,
    private readonly connect: HostConnector,
  ) {}

  async run(): Promise<CommandResult> {
    const { rs } = this;
    await this.readHost();
    const leftover = parseRestoreState(this.facts.restoreState);
    const files = (await this.inspect()).files;
    const name = leftover && swapped(leftover) ? leftover.backup : pickDump(files, rs.bs.project, rs.backup);
    if (!rs.confirmed) throw new InputError(await this.previewMessage(name, leftover));
    const lock = await acquireLock(this.runner, rs.ds, this.token, this.reporter, () => undefined);
    try {
      // Read again under the lock: a run that held it may have changed the host meanwhile.
      await this.readHost();
      const found = await this.inspect();
      const names = await this.databases();
      const unfinished = parseRestoreState(this.facts.restoreState);
      if (unfinished) {
        this.reporter.warning(`found ${explainState(unfinished)}`);
        if (names.includes(unfinished.aside)) return await this.finishInterrupted(unfinished);
      }
      // A restore killed before its swap left its new database: never the live one, so dropped.
      for (const leftoverDb of restoringDatabases(names, this.pg.database)) {
        await this.exec(cmd.dropCommand(this.pg, leftoverDb), `dropping ${leftoverDb}, left by a restore that did not finish`);
      }
      return await this.restore(pickDump(found.files, rs.bs.project, rs.backup), unfinished);
    } finally {
      await lock.release();
    }
  }

  private async readHost(): Promise<void> {
    this.facts = parseProbe((await runChecked(this.runner, probeCommand(this.rs.bs.deployPath, this.rs.bs.project), 'reading the host state')).stdout);
    if (!this.facts.dockerVersion) throw new OperationError(`Docker is not reachable on ${this.runner.where} for user ${this.rs.bs.target.user}. Nothing was changed.`);
    if (!this.facts.composeCommand) throw new OperationError(`neither "docker compose" nor "docker-compose" is installed on ${this.runner.where}. Nothing was changed.`);
    if (!this.facts.current) throw new InputError(`restore: nothing is deployed on ${this.runner.where} yet (no live release under ${this.rs.bs.deployPath}): deploy first, then restore into the running database`);
  }

  private async inspect() {
    const found = await inspectDatabase(this.runner, this.rs.bs);
    requireRunning(this.rs.bs, found);
    this.pg = { container: found.container, user: found.user, database: found.database };
    this.verified = verifiedDumps(found.files, this.rs.bs.project);
    return found;
  }

  private async databases(): Promise<string[]> {
    return (await this.exec(cmd.listDatabasesCommand(this.pg), 'listing the databases')).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  }

  /** Without confirm: what would be restored, from when, and what would be lost; exit 2. */
  private async previewMessage(name: string, leftover: RestoreState | undefined): Promise<string> {
    const file = `${this.rs.bs.dir}/${name}`;
    const text = (await runChecked(this.runner, cmd.readManifestCommand(file), 'reading the manifest')).stdout.trim();
    let manifest = {};
    try {
      manifest = text ? parseManifest(text, `${file}.json`) : {};
    } catch {
      // The restore itself refuses a dump whose manifest does not read; the preview says what it can.
    }
    const p = preview(name, manifest, this.rs.bs.project, this.facts.audit, new Date());
    const lines = [
      ...(leftover ? [`Found ${explainState(leftover)}.`, ''] : []),
      previewText(p, this.runner.where, this.pg.database, this.rs.keepPrevious),
      '',
      `Nothing was changed. ${this.rs.confirmGiven ? 'confirm is not the project name. ' : ''}To restore, set confirm to the project name: confirm: ${this.rs.bs.project} (CLI: --confirm ${this.rs.bs.project}).`,
    ];
    this.reporter.summary(['### 🛑 Restore not confirmed', '', '```', ...lines, '```', '', backupsList(this.verified)].join('\n'));
    return lines.join('\n');
  }

  private async restore(name: string, unfinished: RestoreState | undefined): Promise<CommandResult> {
    const { rs, pg } = this;
    const file = `${rs.bs.dir}/${name}`;
    const at = new Date();
    const restored = restoringName(pg.database, at);
    const aside = asideName(pg.database, at);
    // 1. The dump, checked before anything changes: a bad one is refused with production untouched.
    const verdict = await verifyDump(this.runner, pg.container, file);
    const manifest = verdict.manifest ? safeManifest(verdict.manifest, `${file}.json`) : undefined;
    if (!verdict.ok || !manifest?.tables) {
      const problems = verdict.ok ? ['its manifest has no row counts to compare the restored tables with'] : verdict.problems;
      return this.finish('unchanged', name, `the backup ${name} was refused before maintenance was turned on: ${problems.join('; ')}. Nothing was changed.`, manifest?.created_at);
    }
    this.reporter.info(`▸ ${name} verified: sha256 matches its sidecar and manifest, pg_restore reads every block`);
    const writers = await this.planWriters();
    this.updates = writers;
    this.state = { phase: 'stopping', backup: name, database: pg.database, restored, aside, writers: writers.map((u) => u.service), startedAt: this.startedAt.toISOString(), actor: rs.ds.actor, ...(unfinished ? { takenOverFrom: unfinished.startedAt } : {}) };
    let safety: string | undefined;
    try {
      // 2. Maintenance on, then the writers stopped: the proxy answers 503 instead of errors.
      await this.writeState('stopping');
      this.maintenanceAt = Date.now();
      const was = await setMaintenance(this.runner, rs.bs.deployPath, true, { since: new Date().toISOString(), actor: rs.ds.actor, reason: `restore of ${name}`, by: 'restore' });
      // On before a restore: a person's switch stays on after it; one left by a killed restore is this one's to end.
      this.maintenanceSet = was === 'off' || parseMaintenance(this.facts.maintenance)?.by === 'restore';
      this.reporter.info('▸ maintenance on');
      if (writers.length > 0) {
        this.writersStopped = true;
        await this.exec(removeServicesCommand(this.target!, writers.map((u) => u.service)), `stopping ${writers.map((u) => u.service).join(', ')}`);
      }
      // 3. A safety backup of what is live now, with nothing writing: the way back from this restore.
      // Retention is held back for it: the dump being restored may be the oldest one kept.
      const done = await backupAndKeep(this.runner, this.connect, { ...rs.bs, keep: Number.MAX_SAFE_INTEGER, keepDays: 0, download: undefined, verify: undefined }, this.reporter, { sha: this.facts.current });
      safety = done.file;
      // 4. Into a new database on the same server.
      await this.writeState('restoring');
      this.restoredCreated = true;
      await this.exec(cmd.prepareCommand(pg, pg.database, restored), `creating database ${restored}`);
      await this.exec(cmd.pgRestoreCommand(pg, restored, file), `restoring ${name} into ${restored}`);
      // 5. Every table's rows against the manifest.
      await this.writeState('comparing');
      const counted = parseKeyValues((await this.exec(cmd.countsCommand(pg, restored), `counting the rows of ${restored}`)).stdout).get('counts')?.[0];
      const mismatches = countMismatches(manifest.tables, parseTableCounts(counted ?? '{}'));
      if (mismatches.length > 0) throw new RestoreFailed(`the restored rows do not match the manifest of ${name}: ${mismatches.slice(0, 10).join('; ')}${mismatches.length > 10 ? `; and ${mismatches.length - 10} more` : ''}`);
      this.reporter.info(`▸ ${Object.keys(manifest.tables).length} tables match the manifest's row counts`);
      // 6. The swap: both renames in one transaction.
      await this.writeState('swapping');
      await this.swap(pg.database, restored, aside);
      this.isSwapped = true;
      await this.writeState('starting');
      // 7. The writers of the live release, through the deploy's health gates.
      await this.startWriters(writers);
      return await this.succeed(name, manifest.created_at, aside, safety);
    } catch (err) {
      return await this.undo(err, name, manifest.created_at, restored, aside, safety);
    }
  }

  /** The live release's services that write, as the deploy rolls them (restore.services names others). */
  private async planWriters(): Promise<ServiceUpdate[]> {
    const { rs } = this;
    const live = this.facts.current!;
    const recorded = parseKeyValues((await this.exec(keptReleaseCommand(rs.bs.deployPath, live), `reading release ${live.slice(0, 12)}`)).stdout).get('compose-file');
    this.target = releaseCompose({ deployPath: rs.bs.deployPath, project: rs.bs.project, composeFiles: recorded?.length ? recorded : rs.ds.composeFiles }, this.facts.composeCommand!, live);
    const services = parseRenderedCompose((await this.exec(renderCommand(this.target), 'rendering the live release')).stdout);
    const names = services.map((s) => s.name);
    const asked = rs.services;
    for (const s of asked ?? []) if (!names.includes(s)) throw new InputError(`restore.services: "${s}" is not a service of the live release (services: ${names.join(', ')})`);
    if (asked?.includes(rs.bs.service)) throw new InputError(`restore.services: "${rs.bs.service}" is backup.service, the database itself; it keeps running through a restore`);
    // A service named in restore.services is rolled like the deploy's own: given a strategy, it is one of them.
    const perService = { ...rs.ds.services, ...Object.fromEntries((asked ?? []).filter((s) => !rs.ds.services[s]?.strategy).map((s) => [s, { ...rs.ds.services[s], strategy: 'recreate' as const }])) };
    const plan = planUpdates(services, live, { order: rs.ds.order, migrateService: rs.ds.migrate?.service, perService });
    return asked ? plan.updates.filter((u) => asked.includes(u.service)) : plan.updates.filter((u) => u.service !== rs.bs.service);
  }

  /** The rename, retried while a closing session still holds the database; a failed try changes nothing. */
  private async swap(live: string, incoming: string, aside: string): Promise<void> {
    let last: RunResult | undefined;
    for (let attempt = 1; attempt <= 10; attempt++) {
      last = await this.runner.run(cmd.swapCommand(this.pg, live, incoming, aside));
      if (last.code === 0) return void this.reporter.info(`▸ swapped: ${incoming} is now ${live}, the replaced one is kept as ${aside}`);
      await this.runner.run(cmd.allowConnectionsCommand(this.pg, live)).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new RestoreFailed(`renaming the databases failed: ${tail(last?.stderr ?? '', 3).trim()}`);
  }

  private async startWriters(writers: readonly ServiceUpdate[]): Promise<void> {
    for (const u of writers) {
      const started = Date.now();
      const res = await this.runner.run(rollCommand(this.target!, u, this.rs.ds, ''));
      const report = parseRollOutput(res.stdout, res.code === 0);
      if (!report.ok) throw new RestoreFailed(`service ${u.service} did not become healthy: ${report.reason ?? `exit ${res.code}`}`);
      this.reporter.info(`▸ started ${u.service} through its health gate (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    }
    this.writersStopped = false;
  }

  private async succeed(name: string, createdAt: string | undefined, aside: string, safety: string | undefined): Promise<CommandResult> {
    if (this.maintenanceSet) await setMaintenance(this.runner, this.rs.bs.deployPath, false);
    const downtime = this.maintenanceAt ? (Date.now() - this.maintenanceAt) / 1000 : 0;
    this.reporter.info(this.maintenanceSet ? `▸ maintenance off (${downtime.toFixed(1)}s after it went on)` : 'maintenance stays on: it was on before the restore');
    await this.exec(cmd.clearStateCommand(this.rs.bs.deployPath), 'clearing the restore state');
    const dropped = await this.applyRetention(aside);
    return this.finish('restored', name, undefined, createdAt, { previousDatabase: aside, safety, downtime, dropped });
  }

  /** A failure: before the swap, production is put back as it was; after it, the swap is undone. */
  private async undo(err: unknown, name: string, createdAt: string | undefined, restored: string, aside: string, safety: string | undefined): Promise<CommandResult> {
    const why = this.reporter.redact((err as Error).message);
    this.reporter.error(`restore of ${name} failed: ${why}`);
    const problems: string[] = [];
    const step = async (what: string, f: () => Promise<unknown>) => {
      try {
        await f();
      } catch (e) {
        problems.push(`${what}: ${this.reporter.redact((e as Error).message)}`);
      }
    };
    if (this.isSwapped) {
      await step(`swapping back (${aside} to ${this.pg.database})`, () => this.swap(this.pg.database, aside, restored));
      if (problems.length === 0) this.isSwapped = false;
    }
    if (!this.isSwapped && this.restoredCreated) await step(`dropping ${restored}`, () => this.exec(cmd.dropCommand(this.pg, restored), `dropping ${restored}`));
    if (!this.isSwapped && this.writersStopped && this.state) {
      const writers = this.updates.length > 0 ? this.updates : await this.planWriters().catch(() => []);
      await step('starting the services again', () => this.startWriters(writers));
    }
    const unchanged = !this.isSwapped && problems.length === 0;
    if (unchanged) {
      if (this.maintenanceSet) await step('switching maintenance off', () => setMaintenance(this.runner, this.rs.bs.deployPath, false));
      await step('clearing the restore state', () => this.exec(cmd.clearStateCommand(this.rs.bs.deployPath), 'clearing the restore state'));
    }
    const message = unchanged
      ? `restore of ${name} failed: ${why}. Production is as it was before: database ${this.pg.database} was not replaced${this.writersStopped ? '' : ', the services run again'}${this.maintenanceSet ? ', maintenance is off' : ''}.${safety ? ` A safety backup was taken: ${safety}.` : ''}`
      : `restore of ${name} failed: ${why}; and putting production back failed too: ${problems.join('; ')}. Maintenance stays on; restore/state.json on the host says where it stopped, and compose-deploy releases explains it.`;
    return this.finish(unchanged ? 'unchanged' : 'failed', name, message, createdAt, { safety });
  }

  /**
   * The next restore after a run killed at or after its swap: the live name holds the restored data
   * already, so it finishes that run (writers started through their gates, maintenance off).
   */
  private async finishInterrupted(state: RestoreState): Promise<CommandResult> {
    this.state = state;
    this.reporter.warning(`finishing the interrupted restore of ${state.backup}: ${state.database} holds its data; starting ${state.writers.join(', ') || 'nothing'}`);
    const writers = (await this.planWriters()).filter((u) => state.writers.includes(u.service));
    this.maintenanceAt = Date.now();
    this.maintenanceSet = true;
    try {
      await this.startWriters(writers);
    } catch (err) {
      const why = (err as Error).message;
      return this.finish('failed', state.backup, `finishing the interrupted restore of ${state.backup} failed: ${why}. Maintenance stays on; ${state.aside} holds the data from before that restore.`, undefined);
    }
    return this.succeed(state.backup, undefined, state.aside, undefined);
  }

  /** Drops the databases set aside by earlier restores once restore.keep-previous has passed. */
  private async applyRetention(keep: string): Promise<string[]> {
    const names = await this.databases().catch(() => []);
    const cutoff = Date.now() - this.rs.keepPreviousSeconds * 1000;
    const old = asideDatabases(names, this.pg.database).filter((d) => d.name !== keep && d.at.getTime() < cutoff);
    const dropped: string[] = [];
    for (const d of old) {
      const res = await this.runner.run(cmd.dropCommand(this.pg, d.name));
      if (res.code === 0) dropped.push(d.name);
      else this.reporter.warning(`could not drop ${d.name} (kept aside since ${d.at.toISOString()}): ${tail(res.stderr, 2).trim()}`);
    }
    if (dropped.length > 0) this.reporter.info(`dropped databases kept aside longer than ${this.rs.keepPrevious}: ${dropped.join(', ')}`);
    return dropped;
  }

  /** The audit record, the summary and the outputs, for every ending. */
  private finish(result: RestoreResult, name: string, message: string | undefined, createdAt: string | undefined, done: RestoreDone = {}): Promise<CommandResult> {
    const { rs, runner, reporter, startedAt, maintenanceAt, verified } = this;
    return finishRestore({ rs, runner, reporter, startedAt, maintenanceAt, verified, live: this.facts.current, pg: this.pg }, result, name, message, createdAt, done);
  }

  private async writeState(phase: RestorePhase): Promise<void> {
    this.state = { ...this.state!, phase };
    await this.exec(cmd.writeStateCommand(this.rs.bs.deployPath, this.state), `restore: ${phase}`);
  }

  private async exec(command: Command, what: string): Promise<RunResult> {
    this.reporter.debug(shellText({ ...command, stdin: undefined }));
    const started = Date.now();
    const res = await runChecked(this.runner, command, what);
    this.reporter.info(`▸ ${what} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return res;
  }
}

function safeManifest(text: string, file: string) {
  try {
    return parseManifest(text, file);
  } catch {
    return undefined;
  }
}
