import * as cmd from '../deploy/commands.js';
import type { RunKind } from '../deploy/run-kind.js';
import type { HostFacts } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import type { RollbackSettings } from './rollback-settings.js';
import { migrationsSince, resolveRollbackTarget } from './rollback-target.js';

/**
 * A rollback as a kind of run: its target, a kept release, is resolved from the host under the lock
 * before the rolling procedure starts; nothing is uploaded and nothing migrates; every kept release
 * stays (the one it leaves may be the next one to go back to).
 */
export function rollbackKind(rs: RollbackSettings): RunKind {
  const { request } = rs;
  return {
    name: 'rollback',
    plan: {
      what: `rollback to ${request.to ?? 'the release live before the current one'} on`,
      title: 'Rollback',
      sha: '<target>',
      stage: [`read the kept release ${request.to ? `matching ${request.to}` : 'live before the current one'}`, cmd.keptReleaseCommand(rs.deployPath, '<target>')],
      beforeSwitch: () => [],
      record: ['append to the audit log (record on stdin)', cmd.auditCommand(rs.deployPath, {})],
    },
    words: {
      notStarted: 'Rollback on',
      notStartedTitle: '❌ Rollback failed',
      failedLine: (sha) => `rollback to ${sha}`,
      failedMessage: (sha) => `Rollback to ${sha} on`,
      succeededTitle: '↩️ Rolled back',
      failedTitle: () => '❌ Rollback failed',
      successSuffix: request.reason ? ` Reason: ${request.reason}` : '',
    },
    preflight: () => undefined,
    resolveTarget: (facts) => resolveRollbackTarget(facts, request.to),
    nothingToDo: (sha, facts, where) =>
      sha === facts.current ? { title: '↩️ Nothing to roll back', text: `\`${sha}\` is already the live release on ${where}: nothing was changed.` } : undefined,
    // Nothing to upload: the target's files are kept on the host.
    stage: async (steps, sha) => (await steps.exec(cmd.keptReleaseCommand(rs.deployPath, sha), `reading kept release ${sha.slice(0, 12)}`)).stdout,
    beforeSwitch: async () => undefined,
    auditFields: (sha, facts) => ({ reason: request.reason ?? null, from: facts?.current ?? null, to: sha }),
    async recordSuccess(steps, record) {
      await steps.exec(cmd.auditCommand(rs.deployPath, record), 'appending to the audit log');
    },
    successNotes: schemaWarning,
  };
}

/** A rollback past a migration: the code goes back, the database schema does not. */
function schemaWarning(sha: string, facts: HostFacts, reporter: Reporter): string[] {
  const later = migrationsSince(facts.audit, sha);
  if (later.length === 0) return [];
  const list = later.map((m) => `\`${m.sha.slice(0, 12)}\` (${m.service}${m.at ? `, ${m.at}` : ''})`).join(', ');
  const text = `Migrations ran after \`${sha.slice(0, 12)}\` was live: ${list}. The database keeps their schema; check that this release works with it, or restore a backup taken before them.`;
  reporter.warning(text.replace(/`/g, ''));
  return [`> ⚠️ ${text}`];
}
