import type { Reporter } from '../report/reporter.js';
import { tail, type HostRunner } from '../runner/runner.js';
import * as cmd from './commands.js';
import { asideDatabases } from './restore-plan.js';
import type { DbRestoreSettings } from './db-restore-settings.js';

/** Drops the databases earlier restores set aside once restore.keep-previous has passed (never `keep`): the names dropped. */
export async function dropExpiredAside(runner: HostRunner, pg: { container: string; user: string; database: string }, rs: DbRestoreSettings, reporter: Reporter, names: readonly string[], keep: string): Promise<string[]> {
  const cutoff = Date.now() - rs.keepPreviousSeconds * 1000;
  const old = asideDatabases(names, pg.database).filter((d) => d.name !== keep && d.at.getTime() < cutoff);
  const dropped: string[] = [];
  for (const d of old) {
    const res = await runner.run(cmd.dropCommand(pg, d.name));
    if (res.code === 0) dropped.push(d.name);
    else reporter.warning(`could not drop ${d.name} (kept aside since ${d.at.toISOString()}): ${tail(res.stderr, 2).trim()}`);
  }
  if (dropped.length > 0) reporter.info(`dropped databases kept aside longer than ${rs.keepPrevious}: ${dropped.join(', ')}`);
  return dropped;
}
