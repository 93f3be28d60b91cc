import type { Reporter } from '../report/reporter.js';
import type { HostRunner } from '../runner/runner.js';
import type { HostConnector } from '../ssh/connect.js';
import type { BackupSettings } from './backup-settings.js';
import { copyBackup } from './copy-to.js';
import { downloadBackup } from './download.js';
import { pruneBackups } from './prune.js';
import { formatBytes } from '../report/format.js';
import { inspectDatabase, takeBackup, type Inspection, type TakenBackup } from './take-backup.js';
import { clientStartCommand, clientStopCommand } from './commands.js';
import { parseKeyValues } from '../host/key-values.js';
import { OperationError } from '../errors.js';

export interface BackupDone extends TakenBackup {
  removed: string[];
  copiedTo?: string;
  downloadedTo?: string;
}

/**
 * The whole backup after the lock: inspect, dump and check, name it, apply retention, then take it
 * off the host (copy-to, download). `connect` reaches backup.copy-to's host. `found`: an inspection already made.
 */
export async function backupAndKeep(runner: HostRunner, connect: HostConnector, bs: BackupSettings, reporter: Reporter, release: { sha?: string; deployingSha?: string }, found?: Inspection): Promise<BackupDone> {
  let made: TakenBackup;
  let inspection: Inspection;
  if (bs.external) {
    const client = await startClient(runner, bs, reporter);
    try {
      inspection = client.container ? await inspectDatabase(runner, bs, client.container) : client;
      made = await takeBackup(runner, bs, reporter, inspection, release);
    } finally {
      if (client.container) await runner.run(clientStopCommand(client.container)).catch(() => undefined);
    }
  } else {
    inspection = found ?? (await inspectDatabase(runner, bs));
    made = await takeBackup(runner, bs, reporter, inspection, release);
  }
  const removed = await pruneBackups(runner, bs, reporter, inspection.files, made);
  const copiedTo = bs.copyTo ? await copyBackup(runner, connect, made, bs.copyTo, reporter) : undefined;
  const downloadedTo = bs.download ? await downloadBackup(runner, made, bs.download) : undefined;
  if (downloadedTo) reporter.info(`▸ downloaded ${made.name} to ${downloadedTo} (checksum verified)`);
  return { ...made, removed, copiedTo, downloadedTo };
}

export function backupOutputs(done: BackupDone | undefined): Record<string, string> {
  return { 'backup-file': done?.file ?? '', 'backup-manifest': done ? JSON.stringify(done.manifest) : '' };
}

export function backupSummary(done: BackupDone, where: string): string {
  const m = done.manifest;
  const tables = Object.entries(m.tables);
  return [
    `### ✅ Backup of \`${m.database}\``,
    '',
    `\`${done.file}\` on ${where}: ${formatBytes(m.size)}, ${tables.length} tables, ${m.duration_seconds}s, Postgres ${m.server_version.split(' ')[0]}, release \`${m.sha.slice(0, 12)}\`.`,
    `Checked: PGDMP header, pg_restore --list, every data block read; sha256 \`${m.sha256}\`.`,
    ...(done.copiedTo ? [`Copied to ${done.copiedTo} (checksum verified there).`] : []),
    ...(done.downloadedTo ? [`Downloaded to ${done.downloadedTo}.`] : []),
    ...(done.removed.length > 0 ? [`Retention removed: ${done.removed.map((r) => `\`${r}\``).join(', ')}.`] : []),
    '',
    '| table | rows |',
    '|---|---|',
    ...tables.slice(0, 50).map(([t, n]) => `| ${t} | ${n} |`),
    ...(tables.length > 50 ? [`| … ${tables.length - 50} more | |`] : []),
    '',
  ].join('\n');
}

/** External Postgres: starts the throwaway client container, or says why it could not. */
async function startClient(runner: HostRunner, bs: BackupSettings, reporter: Reporter): Promise<Inspection> {
  const { image, urlVariable } = bs.external!;
  const res = await runner.run(clientStartCommand(bs.deployPath, urlVariable, image));
  const kv = parseKeyValues(res.stdout);
  if (res.code !== 0) throw new OperationError(`backup of the external database: ${kv.get('failed')?.[0] ?? `exit ${res.code}`}: ${reporter.redact(res.stderr.trim())}`);
  const state = kv.get('state')?.[0] === 'running' ? 'running' : 'absent';
  if (state === 'running') reporter.info(`▸ started a ${image} client container for ${urlVariable}`);
  return { state, container: kv.get('container')?.[0], why: kv.get('why')?.[0], files: [] };
}
