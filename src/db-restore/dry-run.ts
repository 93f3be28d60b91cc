import type { CommandResult } from '../engine/result.js';
import type { Reporter } from '../report/reporter.js';
import type { DbRestoreSettings } from './db-restore-settings.js';

/** dry-run: the restore's steps, in order; nothing connects. */
export function printRestorePlan(rs: DbRestoreSettings, reporter: Reporter): CommandResult {
  const steps = [
    'read the host (probe) and the database service (inspect); pick the dump: ' + (rs.backup ?? 'the newest verified one in ' + rs.bs.dir),
    'without confirm: print what would be restored and lost, exit 2',
    'take the deploy lock; check the dump (sha256 against sidecar and manifest, PGDMP, pg_restore --list, every block read)',
    `maintenance on (${rs.bs.deployPath}/maintenance/on); stop the services that write (${rs.services?.join(', ') ?? 'those the deploy rolls'})`,
    'safety backup of the live database (the backup command\'s checked dump)',
    'restore into a new database <db>_restoring_<stamp> on the same server (one transaction)',
    'compare every table\'s rows with the manifest',
    'swap the names in one transaction: <db> -> <db>_pre_restore_<stamp>, the new one -> <db>',
    'start the services through the deploy\'s health gates; maintenance off; audit record',
    `drop databases kept aside longer than ${rs.keepPrevious}`,
  ];
  const text = steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
  reporter.info(`dry-run: restore on ${rs.bs.target.user}@${rs.bs.target.host}:${rs.bs.target.port}. Nothing is changed.\n${text}`);
  return { ok: true, outputs: { 'dry-run': 'true', plan: text } };
}
