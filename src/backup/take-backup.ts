import { formatBytes } from '../report/format.js';
import { InputError, OperationError } from '../errors.js';
import { parseKeyValues } from '../host/key-values.js';
import type { Reporter } from '../report/reporter.js';
import { CommandFailed, shellText, tail, type Runner } from '../runner/runner.js';
import type { BackupSettings } from './backup-settings.js';
import * as cmd from './commands.js';
import { dumpFileName, parseTableCounts, type BackupManifest } from './manifest.js';
import type { StoredFile } from './retention.js';

/** What the host said about the database service before anything was written. */
export interface Inspection {
  state: 'running' | 'stopped' | 'absent';
  container?: string;
  database?: string;
  user?: string;
  serverVersion?: string;
  pgDumpVersion?: string;
  databaseSize?: number;
  freeKb?: number;
  files: StoredFile[];
  /** External Postgres: why no client could be started. */
  why?: string;
}

/** Reads the service's container, database, role, versions and the backup dir; bad input throws InputError. */
export async function inspectDatabase(runner: Runner, bs: BackupSettings, container = ''): Promise<Inspection> {
  const res = await runner.run(cmd.inspectCommand(bs.project, bs.service, bs.database, bs.user, bs.dir, container));
  const kv = parseKeyValues(res.stdout);
  const one = (k: string) => kv.get(k)?.[0];
  const state = one('state') as Inspection['state'] | undefined;
  if (!state) throw new CommandFailed('inspecting the database service', runner.where, res);
  const files = (kv.get('file') ?? []).map((l) => ({ size: Number(l.slice(0, l.indexOf(' '))), name: l.slice(l.indexOf(' ') + 1) }));
  const found: Inspection = { state, container: one('container'), database: one('database'), user: one('user'), pgDumpVersion: one('pg-dump-version'), files };
  if (state !== 'running') return found;
  if (one('bad-name') !== undefined) {
    throw new InputError(`the database or user read from the ${bs.service} container's POSTGRES_DB/POSTGRES_USER (${one('bad-name')}) holds characters a backup does not accept; set backup.database and backup.user`);
  }
  if (res.code === 3) {
    const why = (kv.get('connect-error') ?? []).join(' ').trim();
    if (/does not exist/.test(why)) throw new InputError(`backup: ${why.replace(/^.*?FATAL:\s*/, '')} in service ${bs.service} (check backup.database and backup.user)`);
    throw new OperationError(`backup: could not connect to database ${found.database} as ${found.user} in service ${bs.service}: ${why}`);
  }
  if (res.code !== 0) throw new CommandFailed('inspecting the database service', runner.where, res);
  const facts = JSON.parse(one('facts') ?? '{}') as { server_version?: string; database_size?: number };
  const freeKb = one('free-kb');
  return { ...found, serverVersion: facts.server_version, databaseSize: facts.database_size, freeKb: freeKb && /^\d+$/.test(freeKb) ? Number(freeKb) : undefined };
}

/** The inspection's verdict for a backup that must run now: the container, or a clear error. */
export function requireRunning(bs: BackupSettings, found: Inspection): asserts found is Inspection & { container: string; database: string; user: string } {
  if (found.state === 'absent' && bs.external) throw new InputError(`backup of the external database: ${found.why ?? 'no client could be started'}`);
  if (found.state === 'absent') {
    throw new InputError(`backup.service "${bs.service}": no container of that service in Compose project ${bs.project} on the host (is the name right, and has the stack been deployed?)`);
  }
  if (found.state === 'stopped') throw new OperationError(`backup.service "${bs.service}" of project ${bs.project} is not running: start it, then back up`);
  // The dump is compressed and usually much smaller, but an estimate that can be wrong must err on the safe side.
  if (found.databaseSize !== undefined && found.freeKb !== undefined && found.freeKb * 1024 < found.databaseSize) {
    throw new InputError(
      `not enough disk for the dump in ${bs.dir}: ${Math.floor(found.freeKb / 1024)} MB free, the database is ${Math.ceil(found.databaseSize / 1048576)} MB (pg_database_size, the estimate); free space or point backup.dir elsewhere`,
    );
  }
}

export interface TakenBackup {
  file: string;
  name: string;
  manifest: BackupManifest;
}

/**
 * Dumps the database in one snapshot with its row counts, checks the dump, and gives it its final
 * name with manifest and sidecar beside it. Any failure leaves no file under a final name.
 */
export async function takeBackup(runner: Runner, bs: BackupSettings, reporter: Reporter, found: Inspection, release: { sha?: string; deployingSha?: string }): Promise<TakenBackup> {
  requireRunning(bs, found);
  const sha = release.sha ?? bs.sha ?? 'unknown';
  let at = new Date();
  // Two backups within one second would share a name: wait for the next second instead.
  while (found.files.some((f) => f.name === dumpFileName(bs.project, at, sha))) {
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
    at = new Date();
  }
  const name = dumpFileName(bs.project, at, sha);
  const tmp = cmd.partialPath(bs.dir, name);
  const final = `${bs.dir}/${name}`;
  const started = Date.now();
  const dump = cmd.dumpCommand(found.container, found.database, found.user, tmp);
  reporter.debug(shellText(dump));
  const res = await runner.run(dump);
  const kv = parseKeyValues(res.stdout);
  if (res.code !== 0) {
    const detail = res.stdout.split('\n').filter((l) => /^[a-z_]+\.err\| /.test(l)).slice(-10).join('\n');
    throw new OperationError(reporter.redact(`backup of ${found.database} failed on ${runner.where}: ${kv.get('failed')?.[0] ?? `exit ${res.code}`}${tail(detail || res.stderr, 10)}. No file was kept under a final name.`));
  }
  const duration = (Date.now() - started) / 1000;
  const manifest: BackupManifest = {
    project: bs.project,
    service: bs.service,
    database: found.database,
    user: found.user,
    format: 'custom',
    server_version: found.serverVersion ?? '',
    pg_dump_version: found.pgDumpVersion ?? '',
    size: Number(kv.get('size')?.[0]),
    sha256: kv.get('checksum')?.[0] ?? '',
    created_at: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    duration_seconds: Math.round(duration * 10) / 10,
    sha,
    tables: parseTableCounts(kv.get('counts')?.[0] ?? '{}'),
    ...(release.deployingSha ? { deploying_sha: release.deployingSha } : {}),
  };
  if (!/^[0-9a-f]{64}$/.test(manifest.sha256) || !(manifest.size > 0)) throw new OperationError(`backup of ${found.database}: the host did not report a size and checksum for the dump`);
  const finish = await runner.run(cmd.finishCommand(tmp, final, manifest.sha256, JSON.stringify(manifest, null, 2)));
  if (finish.code !== 0) throw new OperationError(`backup of ${found.database}: could not store the checked dump as ${final}: ${parseKeyValues(finish.stdout).get('failed')?.[0] ?? finish.stderr.trim()}`);
  reporter.info(`▸ backed up ${found.database}: ${final} (${formatBytes(manifest.size)}, ${Object.keys(manifest.tables).length} tables, ${duration.toFixed(1)}s)`);
  return { file: final, name, manifest };
}

