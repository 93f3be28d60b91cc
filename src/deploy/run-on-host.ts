import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { InputError } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { connectHost } from '../ssh/connect.js';
import type { RolloutSettings } from './deploy-settings.js';
import { GitHubDeployment } from './github-deployment.js';
import { HostRun } from './host-run.js';
import type { RunKind } from './run-kind.js';
import { notStarted } from './run-report.js';

/**
 * Every kind of run shares everything from here: the connection, the lock, the rolling procedure,
 * the recovery, the interrupts and the GitHub Deployment. The Deployment's ref is the release made
 * live: known at once for a deploy, once the host has been read for a rollback.
 */
export async function runOnHost(rs: RolloutSettings, kind: RunKind, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  let tracker: GitHubDeployment | undefined;
  const track = async (sha: string) => {
    if (!rs.github || tracker) return;
    tracker = new GitHubDeployment(rs.github, sha, reporter);
    await tracker.start();
  };
  if (kind.knownSha !== undefined) await track(kind.knownSha);
  let result: CommandResult | undefined;
  const startedAt = Date.now();
  try {
    const connect = services.connectHost ?? connectHost;
    const runner = await connect(rs.target, reporter);
    const run = new HostRun(runner, rs, reporter, kind, track);
    // First request: stop and roll back. Second (the kill is near): record it and free the lock before the process ends.
    const stopListening = services.interrupts?.listen(
      () => run.cancel(),
      () => Promise.all([run.abandon(), tracker?.finish('failure', 'the run was cancelled')]).then(() => undefined),
    );
    try {
      result = await run.run();
      return result;
    } finally {
      stopListening?.();
      await runner.close();
    }
  } catch (err) {
    // Bad input stays an exception (exit 2); a run that could not start still reports its outputs.
    if (err instanceof InputError) throw err;
    result = notStarted(rs, kind, (err as Error).message, startedAt, reporter);
    return result;
  } finally {
    await tracker?.finish(result ? (result.ok ? 'success' : 'failure') : 'error', result?.message);
  }
}
