import type { Settings } from '../config/settings.js';
import { parseDuration } from '../config/duration.js';
import { InputError } from '../errors.js';
import { backupSettings, type BackupSettings } from '../backup/backup-settings.js';
import { rollbackSettings, type RollbackSettings } from '../rollback/rollback-settings.js';

/** Everything a restore needs, checked before anything connects (bad input: exit 2). */
export interface DbRestoreSettings {
  /** The database (backup.service), the backup dir, the host. */
  bs: BackupSettings;
  /** The deploy's lock, health gates and rolling settings, for stopping and starting the writers. */
  ds: RollbackSettings;
  /** A dump's file name in the backup dir; undefined: the newest verified one. */
  backup?: string;
  /** confirm equals the project name. */
  confirmed: boolean;
  /** confirm was given (and, when not confirmed, is wrong). */
  confirmGiven: boolean;
  reason?: string;
  keepPrevious: string;
  keepPreviousSeconds: number;
  /** restore.services: the writers, when not the deploy's rolled services. */
  services?: string[];
  dryRun: boolean;
}

export function dbRestoreSettings(settings: Settings): DbRestoreSettings {
  const bs = backupSettings(settings);
  if (bs.external) throw new InputError('restore puts back a database of the stack (backup.service); an external database (backup.image) is restored with its provider\'s tools');
  const ds = rollbackSettings(settings);
  const r = settings.config.restore ?? {};
  const keepPrevious = r.keepPrevious ?? '7d';
  const confirm = settings.option('confirm')?.trim();
  const backup = settings.option('backup')?.trim() || undefined;
  return {
    bs,
    ds: { ...ds, project: bs.project },
    backup,
    confirmed: confirm === bs.project,
    confirmGiven: !!confirm,
    reason: ds.request.reason,
    keepPrevious,
    keepPreviousSeconds: parseDuration('restore.keep-previous', keepPrevious),
    services: r.services,
    dryRun: settings.dryRun,
  };
}
