import type { Settings } from '../config/settings.js';
import { toBool } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { runOnHost } from '../deploy/deploy.js';
import { rollbackSettings } from '../deploy/deploy-settings.js';
import { printPlan } from '../deploy/plan.js';
import type { Reporter } from '../report/reporter.js';

/**
 * `rollback`: a kept release made live again with the deploy's own lock, rolling procedure, health
 * gates and recovery, without an upload or a migration. A target that fails its health gates leaves
 * the host on the release the rollback started from.
 */
export async function rollbackCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  if (toBool('with-data', settings.option('with-data') ?? 'false')) return (await import('../db-restore/with-data.js')).rollbackWithData(settings, reporter, services);
  const rs = rollbackSettings(settings);
  if (rs.dryRun) return printPlan(rs, reporter, rs.request);
  return runOnHost(rs, reporter, { request: rs.request }, services);
}
