import type { CommandResult } from '../engine/result.js';
import type { Reporter } from '../report/reporter.js';
import { shellText, type Command } from '../runner/runner.js';
import type { BackupSettings } from './backup-settings.js';
import * as cmd from './commands.js';

/** dry-run: the backup's remote commands, quoted as they would run; values only the host knows are <placeholders>. */
export function printBackupPlan(bs: BackupSettings, reporter: Reporter): CommandResult {
  const name = '<project>-<UTC stamp>-<sha>.dump';
  const steps: Array<[string, Command]> = [
    ['inspect the database service', cmd.inspectCommand(bs.project, bs.service, bs.database, bs.user, bs.dir)],
    ['dump one snapshot with its row counts, and check it', cmd.dumpCommand('<container>', bs.database ?? '<POSTGRES_DB>', bs.user ?? '<POSTGRES_USER>', cmd.partialPath(bs.dir, name))],
    ['write manifest and sidecar, then name the dump (manifest on stdin)', cmd.finishCommand(cmd.partialPath(bs.dir, name), `${bs.dir}/${name}`, '<sha256>', '')],
    [`retention: keep ${bs.keep}${bs.keepDays ? ` and all younger than ${bs.keepDays} days` : ''}`, cmd.removeCommand(bs.dir, ['<old dumps>'])],
  ];
  const text = steps.map(([what, c], i) => `${i + 1}. ${what}\n   ${shellText({ ...c, stdin: undefined }).replace(/\n/g, '\n   ')}`).join('\n');
  reporter.info(`dry-run: backup of service ${bs.service} in ${bs.target.user}@${bs.target.host}:${bs.target.port}. Nothing is changed.\n${text}`);
  return { ok: true, outputs: { 'dry-run': 'true', plan: text } };
}
