import type { AuditRecord } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import { runChecked, type HostRunner } from '../runner/runner.js';
import { parseManifest } from '../restore/manifest.js';
import * as cmd from './commands.js';
import { preview, previewText } from './restore-plan.js';
import { backupsList } from './restore-report.js';
import type { DbRestoreSettings } from './db-restore-settings.js';
import { explainState, type RestoreState } from './state.js';

/** What the preview reads of the run: the host, the live database, the audit log and the verified dumps. */
export interface PreviewContext {
  runner: HostRunner;
  rs: DbRestoreSettings;
  reporter: Reporter;
  database: string;
  audit: readonly AuditRecord[];
  verified: readonly string[];
}

/** Without confirm: what would be restored, from when, and what would be lost (the summary too); exit 2 follows. */
export async function previewMessage(c: PreviewContext, name: string, leftover: RestoreState | undefined): Promise<string> {
  const { rs, runner } = c;
  const file = `${rs.bs.dir}/${name}`;
  const text = (await runChecked(runner, cmd.readManifestCommand(file), 'reading the manifest')).stdout.trim();
  let manifest = {};
  try {
    manifest = text ? parseManifest(text, `${file}.json`) : {};
  } catch {
    // The restore itself refuses a dump whose manifest does not read; the preview says what it can.
  }
  const p = preview(name, manifest, rs.bs.project, c.audit, new Date());
  const lines = [
    ...(leftover ? [`Found ${explainState(leftover)}.`, ''] : []),
    previewText(p, runner.where, c.database, rs.keepPrevious),
    '',
    `Nothing was changed. ${rs.confirmGiven ? 'confirm is not the project name. ' : ''}To restore, set confirm to the project name: confirm: ${rs.bs.project} (CLI: --confirm ${rs.bs.project}).`,
  ];
  c.reporter.summary(['### 🛑 Restore not confirmed', '', '```', ...lines, '```', '', backupsList(c.verified)].join('\n'));
  return lines.join('\n');
}
