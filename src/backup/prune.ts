import type { Reporter } from '../report/reporter.js';
import { runChecked, type Runner } from '../runner/runner.js';
import type { BackupSettings } from './backup-settings.js';
import { removeCommand } from './commands.js';
import { planRetention, type StoredFile } from './retention.js';
import type { TakenBackup } from './take-backup.js';

/** Applies backup.keep / backup.keep-days to the dir as listed before this backup, plus the dump just made. */
export async function pruneBackups(runner: Runner, bs: BackupSettings, reporter: Reporter, before: readonly StoredFile[], made: TakenBackup): Promise<string[]> {
  const files = [...before, { name: made.name, size: made.manifest.size }, { name: `${made.name}.sha256`, size: 1 }, { name: `${made.name}.json`, size: 1 }];
  const plan = planRetention(files, bs.project, new Date(), bs.keep, bs.keepDays);
  if (plan.remove.length === 0) return [];
  // The dump just made is the newest verified one: the plan can never remove it.
  if (plan.remove.includes(made.name)) throw new Error(`retention would remove ${made.name}, the newest backup`);
  const res = await runChecked(runner, removeCommand(bs.dir, plan.remove), 'removing old backups');
  const removed = res.stdout.split('\n').filter((l) => l.startsWith('removed=')).map((l) => l.slice(8));
  reporter.info(`backups kept: ${plan.kept.length} (keep ${bs.keep}${bs.keepDays ? `, and all younger than ${bs.keepDays} days` : ''}); removed: ${removed.join(', ')}`);
  return removed;
}
