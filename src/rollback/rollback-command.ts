import type { Settings } from '../config/settings.js';
import { toBool } from '../config/settings.js';
import { deployTarget } from '../config/deploy-target.js';
import { InputError } from '../errors.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { runOnHost } from '../deploy/run-on-host.js';
import { printPlan } from '../deploy/dry-run.js';
import type { Reporter } from '../report/reporter.js';
import { rollbackKind } from './rollback-kind.js';
import { rollbackSettings } from './rollback-settings.js';

/**
 * `rollback`: a kept release made live again with the deploy's own lock, rolling procedure, health
 * gates and recovery, without an upload or a migration. A target that fails its health gates leaves
 * the host on the release the rollback started from.
 */
export async function rollbackCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  if (toBool('with-data', settings.option('with-data') ?? 'false')) {
    // A restore of the database: like restore, it reaches it through the host's Compose project.
    if (deployTarget(settings.config) === 'swarm') throw new InputError('rollback: with-data is not available for target: swarm in this version (it restores the database through the host\'s Compose project); roll back without it, and restore by hand');
    return (await import('../db-restore/with-data.js')).rollbackWithData(settings, reporter, services);
  }
  const rs = rollbackSettings(settings);
  const kind = rollbackKind(rs);
  if (rs.dryRun) return printPlan(rs, kind.plan, reporter);
  return runOnHost(rs, kind, reporter, services);
}
