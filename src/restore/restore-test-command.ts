import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices, Interrupts } from '../engine/services.js';
import { InputError } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { LocalRunner } from '../runner/local-runner.js';
import { tail, type Runner } from '../runner/runner.js';
import { OBJECT_COUNTS_SQL, ROW_COUNTS_SQL, compareTables, parsePairs, splitStatements } from './checks.js';
import { headerVersions, readArchiveHeader } from './archive-header.js';
import { PsqlScriptScanner } from './psql-script.js';
import { needsFromSql, needsFromToc, newerMajorProblem, type DumpNeeds } from './dump-contents.js';
import { IntegrityError, verifyChecksums, verifyShape } from './integrity.js';
import { majorOf } from './manifest.js';
import { changeSincePrevious, drillOutputs, drillSummary, previousFigures, type DrillReport, type Phase } from './drill-report.js';
import type { LayerCacheStore } from '../engine/services.js';

const HISTORY_KEY = 'compose-deploy-restore-test-report-';
import { restoreTestSettings, type RestoreTestSettings } from './restore-test-settings.js';
import { startDockerPostgres, startNativePostgres, type DisposablePostgres } from './server.js';
import { describeBackup, findLocalBackup, type LocalBackup } from './source.js';
import { fetchNewestBackup } from './fetch.js';
import { backupDir, copyTarget } from '../backup/backup-settings.js';
import { remoteSettings } from '../ssh/remote-settings.js';
import { connectHost, type HostConnector } from '../ssh/connect.js';
import { projectName } from '../host/host-settings.js';
import { trackDrillIssue } from './drill-issue.js';

/** A step of the drill that failed: the drill stops there and reports it (exit 1). */
class DrillFailed extends Error {}

/**
 * `restore-test`: the newest backup restored into a disposable Postgres and checked against what the
 * backup says production held, with the backup's age (RPO) and the restore's duration (RTO).
 */
export async function restoreTestCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const rs = restoreTestSettings(settings);
  const source = backupSource(settings, rs, reporter, services.connectHost ?? connectHost);
  const result = await new RestoreDrill(rs, services.runner ?? new LocalRunner(), reporter, Date.now, services.layerCache, settings.run.runId).run(source, services.interrupts);
  const token = settings.option('github-token');
  if (token && settings.run.repository) {
    const title = `Restore test failed: ${result.outputs['backup']}`;
    await trackDrillIssue({ token, apiUrl: settings.run.apiUrl, repository: settings.run.repository, runUrl: settings.run.runUrl }, result.ok, title, reporter.redact(result.summary ?? ''), reporter);
  }
  return result;
}

/** Where the drill's backup comes from, and what to clean up after (a fetched copy). */
export interface BackupSource {
  /** Said when nothing is found there. */
  where: string;
  locate(): Promise<LocalBackup>;
  cleanup(): void;
}

/**
 * file: a local path or glob. ssh: the newest verified backup in the deploy host's backup dir.
 * copy: the same in backup.copy-to's directory on the second host. Both fetch read-only.
 */
function backupSource(settings: Settings, rs: RestoreTestSettings, reporter: Reporter, connect: HostConnector): BackupSource {
  if (rs.source === 'file') return { where: rs.backupFile!, locate: async () => findLocalBackup(rs.backupFile!, rs.cwd), cleanup: () => undefined };
  const remote = remoteSettings(settings);
  const project = projectName(settings, remote.deployPath);
  const b = settings.config.backup;
  const copy = rs.source === 'copy' ? copyTarget(settings) : undefined;
  if (rs.source === 'copy' && !copy) throw new InputError('restore-test.source is copy, but compose-deploy.yml has no backup.copy-to');
  const target = copy?.target ?? remote.target;
  const dir = copy?.path ?? backupDir(remote.deployPath, b?.dir, b?.allowOutside ?? false);
  let fetched: { path: string; cleanup: () => void } | undefined;
  return {
    where: `${dir} on ${target.user}@${target.host}:${target.port}`,
    locate: async () => {
      fetched = await fetchNewestBackup(connect, target, dir, project, reporter);
      return describeBackup(fetched.path);
    },
    cleanup: () => fetched?.cleanup(),
  };
}

export class RestoreDrill {
  private server?: DisposablePostgres;
  private readonly label = `${process.pid}-${Date.now()}`;
  private report!: DrillReport;

  constructor(
    private readonly rs: RestoreTestSettings,
    private readonly runner: Runner,
    private readonly reporter: Reporter,
    private readonly now: () => number,
    /** The Actions cache (the same directory store build uses): carries the last report to the next scheduled run. */
    private readonly history?: LayerCacheStore,
    private readonly runId = String(process.pid),
  ) {}

  async run(source: BackupSource, interrupts?: Interrupts): Promise<CommandResult> {
    // A cancelled run must not leave the disposable server (or a fetched copy) behind: cleaned up, then the process ends.
    const cleanUp = () => this.stopServer().finally(() => source.cleanup());
    const stopListening = interrupts?.listen(cleanUp, cleanUp) ?? (() => undefined);
    try {
      let backup: LocalBackup;
      try {
        backup = await this.phase('fetch', () => source.locate());
      } catch (err) {
        // No backup where backups should be is the failure this drill exists to find: a report, exit 1, an issue.
        if (err instanceof InputError) throw err;
        this.report = this.emptyReport(undefined, source.where);
        this.report.problems.push(this.reporter.redact((err as Error).message));
        return await this.finish();
      }
      this.report = this.emptyReport(backup);
      this.reporter.info(`restore-test: ${backup.path} (${backup.format}, ${(backup.size / 1e6).toFixed(1)} MB)`);
      try {
        await this.drill(backup);
      } catch (err) {
        // Bad configuration stays exit 2; anything else that stopped the drill is its result, with a report.
        if (err instanceof InputError) throw err;
        this.report.problems.push(this.reporter.redact((err as Error).message));
      }
    } finally {
      await this.stopServer();
      source.cleanup();
      stopListening();
    }
    return await this.finish();
  }

  /** The last drill's report: from the Actions cache, else the one an earlier run left at the report path. */
  private async previousReport(): Promise<DrillReport['previous']> {
    await this.history?.restore(this.rs.reportFile, `${HISTORY_KEY}${this.runId}`, [HISTORY_KEY]).catch(() => false);
    if (!existsSync(this.rs.reportFile)) return undefined;
    try {
      return previousFigures(JSON.parse(readFileSync(this.rs.reportFile, 'utf8')));
    } catch {
      return undefined;
    }
  }

  private async drill(b: LocalBackup): Promise<void> {
    const r = this.report;
    const integrity = this.phase('verify', async () => {
      const sha = await verifyChecksums(b);
      if (sha) r.backup.sha256 = sha;
      else r.warnings.push(`no ${b.path}.sha256 beside the backup: its checksum was not verified`);
      if (sha && b.manifest?.sha256 && b.manifest.sha256 !== sha) throw new IntegrityError(`${b.path}: its sha256 ${sha} differs from the manifest's ${b.manifest.sha256}`);
      await verifyShape(b);
    });
    this.checkFreshness(b);
    const plain = b.format === 'plain' || b.format === 'plain-gz';
    // What wrote the dump, known before any server: a custom or directory dump's header, a plain dump's comments.
    const reading = plain ? this.phase('verify', () => scanPlainDump(b)) : Promise.resolve().then(() => headerVersions(readArchiveHeader(b.path, b.format)));
    // The server starts while the checksum is read (a restore-test's wall time is mostly these two);
    // whichever fails, the check's own error wins, and the started server is removed by run().
    const starting = reading.then((versions) => this.phase('server-start', () => this.startServer(b, versions)));
    const [checked, read, started] = await Promise.allSettled([integrity, reading, starting]);
    for (const step of [checked, read, started]) if (step.status === 'rejected') throw step.reason;
    const versions = (read as PromiseFulfilledResult<Pick<DumpNeeds, 'serverVersion' | 'pgDumpVersion'>>).value;
    const needsFromFile = plain ? (versions as DumpNeeds) : undefined;
    const server = (started as PromiseFulfilledResult<DisposablePostgres>).value;
    // Before pg_restore --list: an older pg_restore cannot read a newer archive and would not say why.
    const serverMajor = await this.checkMajor(server, versions, b);
    const needs = needsFromFile ?? (await this.phase('verify', () => this.readToc(server, b)));
    await this.prepare(server, needs, b);
    this.reporter.info(`restore-test: disposable ${server.describe}, PostgreSQL ${r.server!.version} (major ${serverMajor})`);
    const database = /^[A-Za-z0-9_]+$/.test(b.manifest?.database ?? '') ? b.manifest!.database! : 'restored';
    await this.phase('restore', () => this.restore(server, b, database));
    await this.phase('checks', () => this.check(server, b, database));
  }

  private checkFreshness(b: LocalBackup): void {
    const r = this.report;
    const created = b.manifest?.created_at ? Date.parse(b.manifest.created_at) : NaN;
    const at = Number.isNaN(created) ? b.mtime.getTime() : created;
    if (Number.isNaN(created)) r.warnings.push('no manifest created_at: the backup\'s age is its file time');
    r.backup.createdAt = new Date(at).toISOString();
    r.backup.ageSeconds = Math.max(0, (this.now() - at) / 1000);
    // A stale backup is a failed drill, but the restore still runs: how long it takes and whether it holds is worth knowing.
    if (r.backup.ageSeconds > this.rs.maxAgeSeconds) {
      r.problems.push(`${b.path} is ${Math.round(r.backup.ageSeconds / 3600)} hours old (made ${r.backup.createdAt}), older than restore-test.max-age ${this.rs.maxAge}: backups are not being made, or not where this drill looks`);
    }
  }

  private async startServer(b: LocalBackup, needs: Pick<DumpNeeds, 'serverVersion' | 'pgDumpVersion'>): Promise<DisposablePostgres> {
    if (this.rs.postgres === 'native') this.server = await startNativePostgres(this.runner);
    else {
      const major = Math.max(majorOf(b.manifest?.server_version) ?? 0, majorOf(b.manifest?.pg_dump_version) ?? 0, majorOf(needs.serverVersion) ?? 0, majorOf(needs.pgDumpVersion) ?? 0);
      const image = this.rs.image ?? `postgres:${major || 17}`;
      this.server = await startDockerPostgres(this.runner, image, b.path, this.label);
    }
    return this.server;
  }

  private async stopServer(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    await s?.stop().catch((err: Error) => this.reporter.warning(`removing the disposable Postgres failed: ${err.message}`));
  }

  private async readToc(server: DisposablePostgres, b: LocalBackup): Promise<DumpNeeds> {
    const res = await this.runner.run(server.client(['pg_restore', '--list', server.dumpPath(b.path)]));
    if (res.code !== 0) throw new IntegrityError(`${b.path}: pg_restore --list cannot read its table of contents${tail(res.stderr, 3)}`);
    return needsFromToc(res.stdout);
  }

  /** The server's major, refused plainly when the dump (its own header first, else the manifest) is newer. */
  private async checkMajor(server: DisposablePostgres, versions: Pick<DumpNeeds, 'serverVersion' | 'pgDumpVersion'>, b: LocalBackup): Promise<number> {
    const version = (await this.sql(server, 'postgres', 'SHOW server_version')).trim();
    const major = majorOf(version) ?? 0;
    this.report.server = { kind: server.describe, version };
    const newer = newerMajorProblem({ serverVersion: versions.serverVersion ?? b.manifest?.server_version, pgDumpVersion: versions.pgDumpVersion ?? b.manifest?.pg_dump_version }, major);
    if (newer) throw new DrillFailed(`${b.path}: ${newer}`);
    return major;
  }

  /** Extensions and roles: what would make the restore fail halfway, found before it starts. */
  private async prepare(server: DisposablePostgres, needs: DumpNeeds, b: LocalBackup): Promise<void> {
    const available = new Set((await this.sql(server, 'postgres', 'SELECT name FROM pg_available_extensions')).split('\n').map((l) => l.trim()));
    const missing = needs.extensions.filter((e) => !available.has(e));
    if (missing.length > 0) throw new DrillFailed(`the dump needs extension${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which the disposable server does not have: use an image (or native binaries) with ${missing.length > 1 ? 'them' : 'it'} installed`);
    if (b.format === 'plain' || b.format === 'plain-gz') {
      const roles = new Set((await this.sql(server, 'postgres', 'SELECT rolname FROM pg_roles')).split('\n').map((l) => l.trim()));
      const lacking = needs.roles.filter((x) => !roles.has(x));
      if (lacking.length > 0 && !this.rs.createRoles) throw new DrillFailed(`the dump references roles the server lacks: ${lacking.join(', ')}; set restore-test.create-roles: true to create them (NOLOGIN), or create them in the image`);
      for (const role of lacking) await this.sql(server, 'postgres', `CREATE ROLE "${role.replace(/"/g, '""')}" NOLOGIN`);
      if (lacking.length > 0) this.report.warnings.push(`created roles the dump references: ${lacking.join(', ')} (NOLOGIN)`);
    }
  }

  private async restore(server: DisposablePostgres, b: LocalBackup, database: string): Promise<void> {
    await this.sql(server, 'postgres', `CREATE DATABASE "${database}"`);
    if (this.rs.postgres === 'native' && (b.format === 'plain' || b.format === 'plain-gz')) {
      throw new DrillFailed(`${b.path} is a plain dump, which postgres: native does not restore: psql would run its script on this machine, with the server as this machine's user, where SQL such as COPY … PROGRAM or pg_read_file reaches the runner; nothing was restored. Use postgres: docker (the script then runs in a container with no network, no capabilities and nothing of the runner's), or a custom-format dump (pg_dump -Fc)`);
    }
    const path = server.dumpPath(b.path);
    // psql stops at the first error and keeps nothing of a half restore; pg_restore -j cannot be one transaction.
    const psql = ['psql', '--no-psqlrc', '--quiet', '--set', 'ON_ERROR_STOP=1', '--single-transaction', '--dbname', database];
    const command =
      b.format === 'plain'
        ? server.client([...psql, '--file', path])
        : b.format === 'plain-gz'
          ? server.gunzipInto(path, psql)
          : server.client(['pg_restore', '--exit-on-error', '--no-owner', '--no-privileges', '--jobs', String(this.rs.jobs), '--dbname', database, path]);
    const res = await this.runner.run(command);
    if (res.code !== 0) throw new DrillFailed(`restoring ${b.path} failed (exit ${res.code})${tail(this.reporter.redact(res.stderr || res.stdout), 8)}`);
  }

  private async check(server: DisposablePostgres, b: LocalBackup, database: string): Promise<void> {
    const r = this.report;
    r.tables = compareTables(b.manifest?.tables, parsePairs(await this.sql(server, database, ROW_COUNTS_SQL)));
    r.objects = Object.fromEntries(parsePairs(await this.sql(server, database, OBJECT_COUNTS_SQL)));
    if (!b.manifest?.tables) r.warnings.push('no manifest with row counts beside the backup: rows were counted, not compared');
    const wrong = r.tables.filter((t) => !t.ok);
    for (const t of wrong) r.problems.push(t.restored === undefined ? `table ${t.table} is missing after the restore (the manifest counted ${t.expected} rows)` : `table ${t.table}: ${t.restored} rows restored, the manifest counted ${t.expected}`);
    const present = new Set(r.tables.filter((t) => t.restored !== undefined).map((t) => t.table));
    r.requiredTables = this.rs.requiredTables.map((table) => ({ table, ok: present.has(table) }));
    for (const t of r.requiredTables) if (!t.ok) r.problems.push(`required table ${t.table} is not in the restored database`);
    for (const query of splitStatements(this.rs.assertions?.sql ?? '')) {
      const res = await this.runner.run(server.client(['psql', '--no-psqlrc', '--tuples-only', '--no-align', '--set', 'ON_ERROR_STOP=1', '--dbname', database, '--file', '-'], query));
      const got = res.code === 0 ? res.stdout.trim() : `error: ${lastLine(res.stderr)}`;
      const ok = got === 't';
      r.assertions.push({ query, ok, got });
      if (!ok) r.problems.push(`assertion failed (${this.rs.assertions!.file}): ${oneLine(query)} returned ${JSON.stringify(got.slice(0, 200))}, expected a single true`);
    }
  }

  private async sql(server: DisposablePostgres, database: string, sql: string): Promise<string> {
    const res = await this.runner.run(server.client(['psql', '--no-psqlrc', '--tuples-only', '--no-align', '--field-separator', '|', '--set', 'ON_ERROR_STOP=1', '--dbname', database, '--file', '-'], sql));
    if (res.code !== 0) throw new DrillFailed(`${oneLine(sql).slice(0, 80)} failed in the disposable server${tail(res.stderr, 3)}`);
    return res.stdout;
  }

  private async phase<T>(name: Phase, fn: () => Promise<T>): Promise<T> {
    const started = this.now();
    try {
      return await fn();
    } finally {
      const seconds = (this.now() - started) / 1000;
      if (this.report) this.report.phases[name] = (this.report.phases[name] ?? 0) + seconds;
      else this.pending[name] = (this.pending[name] ?? 0) + seconds;
    }
  }

  private readonly pending: Partial<Record<Phase, number>> = {};

  /** Without a backup (none found), the report names where the drill looked. */
  private emptyReport(b: LocalBackup | undefined, where = ''): DrillReport {
    return {
      result: 'failed',
      problems: [],
      warnings: [],
      at: new Date(this.now()).toISOString(),
      backup: b ? { file: b.path, format: b.format, size: b.size, releaseSha: b.manifest?.sha, maxAge: this.rs.maxAge } : { file: `none found in ${where}`, size: 0, maxAge: this.rs.maxAge },
      phases: { ...this.pending },
      tables: [],
      objects: {},
      requiredTables: [],
      assertions: [],
    };
  }

  private async finish(): Promise<CommandResult> {
    const r = this.report;
    r.result = r.problems.length === 0 ? 'success' : 'failed';
    r.previous = await this.previousReport();
    const change = changeSincePrevious(r);
    if (change) this.reporter.info(`restore-test: ${change}`);
    mkdirSync(dirname(this.rs.reportFile), { recursive: true });
    writeFileSync(this.rs.reportFile, `${JSON.stringify(r, null, 2)}\n`);
    await this.history?.save(this.rs.reportFile, `${HISTORY_KEY}${this.runId}`).catch((err: Error) => this.reporter.warning(`saving the report for the next drill failed: ${err.message}`));
    for (const w of r.warnings) this.reporter.warning(w);
    for (const p of r.problems) this.reporter.error(p);
    const outputs = drillOutputs(r, this.rs.reportFile);
    this.reporter.info(`restore-test: ${r.result}; backup age ${outputs['rpo-seconds']} s, restore ${outputs['rto-seconds'] || '-'} s, ${outputs['tables']} tables, ${outputs['rows']} rows; report: ${this.rs.reportFile}`);
    const message = r.result === 'success' ? undefined : `restore-test of ${r.backup.file} failed: ${r.problems.join('; ')}`;
    return { ok: r.result === 'success', outputs, summary: drillSummary(r), ...(message ? { message } : {}) };
  }
}

/** A plain dump's header versions, extensions and roles, read line by line (it may be gigabytes). */
async function scanPlainDump(b: LocalBackup): Promise<DumpNeeds> {
  const input = createReadStream(b.path);
  const lines = createInterface({ input: b.format === 'plain-gz' ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  const keep: string[] = [];
  // psql would run the script's own commands as the runner's user: only pg_dump's are let through.
  const script = new PsqlScriptScanner();
  for await (const line of lines) {
    script.line(line);
    if (/^-- Dumped (from|by) |^CREATE EXTENSION |^GRANT | OWNER TO /.test(line)) keep.push(line);
  }
  const [problem] = script.finish();
  if (problem) throw new IntegrityError(`${b.path}:${problem.line}: ${problem.what}, which pg_dump never writes: the dump was refused before anything ran (psql would have run it on this machine)`);
  return needsFromSql(keep.join('\n'));
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
