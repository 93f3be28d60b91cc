import { randomBytes } from 'node:crypto';
import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import { InputError } from '../errors.js';
import { acquireLock } from '../host/lock.js';
import { parseProbe, probeCommand } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import type { EngineServices } from '../engine/services.js';
import { runChecked, type HostRunner } from '../runner/runner.js';
import { connectHost } from '../ssh/connect.js';
import { backupSettings, type BackupSettings } from './backup-settings.js';
import { printBackupPlan } from './dry-run.js';
import { backupAndKeep, backupOutputs, backupSummary } from './backup-flow.js';
import { inspectDatabase, requireRunning } from './take-backup.js';
import { verifyDump } from './verify.js';

/** `backup`: a snapshot-consistent, checked Postgres dump of backup.service, kept on the host (and copied off it). */
export async function backupCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const bs = backupSettings(settings);
  if (bs.dryRun) return printBackupPlan(bs, reporter);
  const connect = services.connectHost ?? connectHost;
  const runner = await connect(bs.target, reporter);
  try {
    if (bs.verify) return await verifyCommandResult(runner, bs, bs.verify, reporter);
    // The deploy lock: a backup must not run beside a deploy's migration, nor beside another backup's retention.
    const lock = await acquireLock(runner, { ...bs, sha: bs.sha ?? '' }, randomBytes(8).toString('hex'), reporter, () => undefined);
    try {
      const facts = parseProbe((await runChecked(runner, probeCommand(bs.deployPath), 'reading the host state')).stdout);
      const done = await backupAndKeep(runner, connect, bs, reporter, { sha: facts.current });
      return { ok: true, outputs: backupOutputs(done), summary: backupSummary(done, runner.where) };
    } finally {
      await lock.release();
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const message = reporter.redact((err as Error).message);
    return { ok: false, message, outputs: { 'backup-file': '', 'backup-manifest': '' }, summary: `### ❌ Backup failed\n\n${message}\n` };
  } finally {
    await runner.close();
  }
}

/** `backup --verify FILE`: the checks a fresh dump passes, run again on one already stored. */
async function verifyCommandResult(runner: HostRunner, bs: BackupSettings, file: string, reporter: Reporter): Promise<CommandResult> {
  let verdict;
  if (bs.external) verdict = await verifyDump(runner, '', file, bs.external.image);
  else {
    const found = await inspectDatabase(runner, bs);
    requireRunning(bs, found);
    verdict = await verifyDump(runner, found.container, file);
  }
  const outputs = { 'backup-file': file, 'backup-manifest': verdict.manifest ?? '' };
  if (verdict.ok) {
    reporter.info(`▸ ${file} verified: sha256 ${verdict.sha256} matches its sidecar and manifest, pg_restore reads every block`);
    return { ok: true, outputs, summary: `### ✅ Backup verified\n\n\`${file}\`: checksum, header and every data block check out.\n` };
  }
  const message = `backup ${file} does not verify: ${verdict.problems.join('; ')}`;
  return { ok: false, message, outputs, summary: `### ❌ Backup does not verify\n\n\`${file}\`\n\n${verdict.problems.map((p) => `- ${p}`).join('\n')}\n` };
}

