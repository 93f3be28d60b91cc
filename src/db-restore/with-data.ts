import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { InputError } from '../errors.js';
import { parseProbe, probeCommand } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import { runChecked } from '../runner/runner.js';
import { connectHost } from '../ssh/connect.js';
import { parseKeyValues } from '../host/key-values.js';
import { runOnHost } from '../deploy/run-on-host.js';
import { inspectDatabase, requireRunning } from '../backup/take-backup.js';
import { rollbackKind } from '../rollback/rollback-kind.js';
import { resolveRollbackTarget } from '../rollback/rollback-target.js';
import { manifestsCommand } from './commands.js';
import { verifiedDumps } from './restore-plan.js';
import { restoreCommandWith } from './db-restore-command.js';
import { dbRestoreSettings } from './db-restore-settings.js';

/** A dump's manifest as far as with-data reads it: whose data, taken before which deploy. */
export interface PreDeployDump {
  name: string;
  sha?: string;
  deployingSha?: string;
}

export function parseManifestLines(stdout: string): PreDeployDump[] {
  const out: PreDeployDump[] = [];
  for (const line of parseKeyValues(stdout).get('manifest') ?? []) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    try {
      const m = JSON.parse(line.slice(space + 1)) as { sha?: unknown; deploying_sha?: unknown };
      out.push({ name: line.slice(0, space), sha: typeof m.sha === 'string' ? m.sha : undefined, deployingSha: typeof m.deploying_sha === 'string' ? m.deploying_sha : undefined });
    } catch {
      // A manifest that does not read is no match; restore itself refuses such a dump.
    }
  }
  return out;
}

/**
 * The pre-deploy backup that holds the target's data: taken while the target was live, just before
 * the next release was deployed (manifest sha = target, deploying_sha set). The newest such, among
 * the verified dumps (newest first). Without one: bad input naming the releases that have one.
 */
export function matchingDump(dumps: readonly PreDeployDump[], verified: readonly string[], target: string): string {
  const byName = new Map(dumps.map((d) => [d.name, d]));
  const preDeploy = verified.map((n) => byName.get(n)).filter((d): d is PreDeployDump => !!d?.sha && !!d.deployingSha && d.deployingSha !== d.sha);
  const match = preDeploy.find((d) => d.sha === target);
  if (match) return match.name;
  const having = [...new Set(preDeploy.map((d) => d.sha!))];
  throw new InputError(
    `rollback with-data: no pre-deploy backup holds the data of ${target.slice(0, 12)} (one taken while it was live, before the next deploy; deploy.backup: true takes them). ${
      having.length > 0 ? `Releases that have one: ${having.map((s) => s.slice(0, 12)).join(', ')}.` : 'No release has one in the backup dir.'
    } Nothing was changed.`,
  );
}

/**
 * `rollback` with `with-data: true`: the release goes back, then the database goes back to the
 * pre-deploy backup that holds that release's data. Both are checked before anything changes (the
 * target, the matching dump, confirm); then the rollback (the deploy's gates), then the restore
 * (its own checks, maintenance, swap and gates) with the rolled-back release live.
 */
export async function rollbackWithData(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const rs = dbRestoreSettings(settings);
  const connect = services.connectHost ?? connectHost;
  const runner = await connect(rs.bs.target, reporter);
  let dump: string;
  try {
    const facts = parseProbe((await runChecked(runner, probeCommand(rs.bs.deployPath, rs.bs.project), 'reading the host state')).stdout);
    const target = resolveRollbackTarget(facts, rs.ds.request.to);
    const found = await inspectDatabase(runner, rs.bs);
    requireRunning(rs.bs, found);
    const dumps = parseManifestLines((await runChecked(runner, manifestsCommand(rs.bs.dir), 'reading the backups\' manifests')).stdout);
    dump = matchingDump(dumps, verifiedDumps(found.files, rs.bs.project), target);
    if (!rs.confirmed) {
      throw new InputError(
        `rollback with-data would make ${target.slice(0, 12)} live again and put database ${found.database} back to ${dump}, the backup taken before the release after it was deployed: everything written since is lost. Nothing was changed. ${rs.confirmGiven ? 'confirm is not the project name. ' : ''}To go ahead, set confirm: ${rs.bs.project}.`,
      );
    }
  } finally {
    await runner.close();
  }
  reporter.info(`rollback with-data: the release first, then the database back to ${dump}`);
  const code = await runOnHost(rs.ds, rollbackKind(rs.ds), reporter, services);
  if (!code.ok) return { ...code, message: `${code.message ?? 'the rollback failed'} The database was not touched.` };
  const data = await restoreCommandWith({ ...rs, backup: dump }, reporter, services);
  return { ok: data.ok, outputs: { ...code.outputs, ...data.outputs, result: data.ok ? code.outputs['result']! : 'failed' }, message: data.ok ? undefined : `the release was rolled back, but the database was not: ${data.message ?? ''}` };
}
