import type { CommandResult } from '../engine/result.js';
import { humanDuration } from '../config/duration.js';
import { auditCommand } from '../deploy/commands.js';
import type { AuditRecord } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import type { HostRunner } from '../runner/runner.js';
import type { DbRestoreSettings } from './db-restore-settings.js';

/** How a restore ended: the database holds the dump, production is as before, or a person must look. */
export type RestoreResult = 'restored' | 'unchanged' | 'failed';

/** What a restore did on the way, for its ending. */
export interface RestoreDone {
  previousDatabase?: string;
  safety?: string;
  downtime?: number;
  dropped?: string[];
}

/** What the ending of a restore reads of the run. */
export interface RestoreEnding {
  rs: DbRestoreSettings;
  runner: HostRunner;
  reporter: Reporter;
  startedAt: Date;
  /** When maintenance went on, if it did. */
  maintenanceAt?: number;
  /** The live release. */
  live?: string;
  /** The database restored (backup.service's). */
  pg: { database: string };
  /** The backup dir's verified dumps, newest first. */
  verified: readonly string[];
}

/** The audit record, the summary and the outputs, for every ending of a restore. */
export async function finishRestore(run: RestoreEnding, result: RestoreResult, name: string, message: string | undefined, createdAt: string | undefined, done: RestoreDone = {}): Promise<CommandResult> {
  const { rs, runner, reporter, startedAt, maintenanceAt } = run;
  const rpo = createdAt ? Math.max(0, Math.round((startedAt.getTime() - new Date(createdAt).getTime()) / 1000)) : undefined;
  const downtime = done.downtime ?? (maintenanceAt ? (Date.now() - maintenanceAt) / 1000 : 0);
  const record: AuditRecord = {
    action: 'restore',
    kind: 'restore',
    sha: run.live ?? '',
    actor: rs.ds.actor,
    runUrl: rs.ds.runUrl,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    result: result === 'restored' ? 'success' : 'failed',
    outcome: result,
    reason: rs.reason ?? null,
    backup: name,
    rpoSeconds: rpo ?? null,
    downtimeSeconds: Math.round(downtime * 10) / 10,
    ...(done.previousDatabase ? { previousDatabase: done.previousDatabase } : {}),
    ...(done.safety ? { safetyBackup: done.safety } : {}),
    ...(done.dropped?.length ? { dropped: done.dropped } : {}),
    ...(message ? { error: message.slice(0, 500) } : {}),
  };
  await runner.run(auditCommand(rs.bs.deployPath, record)).catch(() => undefined);
  const outputs = {
    result,
    backup: name,
    'rpo-seconds': rpo === undefined ? '' : String(rpo),
    'downtime-seconds': downtime.toFixed(1),
    'previous-database': done.previousDatabase ?? '',
    'backup-file': done.safety ?? '',
  };
  if (result === 'restored') {
    const text = `Database \`${run.pg.database}\` on ${runner.where} holds \`${name}\` again (taken ${createdAt ?? '?'}${rpo !== undefined ? `, ${humanDuration(rpo)} before the restore` : ''}). Maintenance lasted ${downtime.toFixed(1)}s. The replaced database is kept as \`${done.previousDatabase}\` for ${rs.keepPrevious}${done.safety ? `; safety backup \`${done.safety}\`` : ''}.${rs.reason ? ` Reason: ${rs.reason}` : ''}`;
    reporter.info(text.replace(/`/g, ''));
    reporter.summary(`### ✅ Restored\n\n${text}\n\n${backupsList(run.verified)}`);
    return { ok: true, outputs };
  }
  reporter.summary(`### ❌ Restore failed${result === 'unchanged' ? ': production unchanged' : ''}\n\n${message}\n\n${backupsList(run.verified)}`);
  return { ok: false, message, outputs };
}

export function backupsList(verified: readonly string[]): string {
  return `#### Verified backups on the host, newest first\n\n${listOf(verified)}\n`;
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? '_none_' : names.slice(0, 20).map((n) => `- \`${n}\``).join('\n') + (names.length > 20 ? `\n- … ${names.length - 20} more` : '');
}
