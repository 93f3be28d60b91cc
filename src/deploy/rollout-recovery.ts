import type { CommandResult } from '../engine/result.js';
import type { AuditRecord } from '../host/probe.js';
import { CommandFailed } from '../runner/runner.js';
import { ConnectionLost } from '../ssh/ssh-runner.js';
import * as cmd from './commands.js';
import { settleTwoReleases, waitForDocker } from './docker-return.js';
import { ServiceFailed, type RolloutSteps } from './rollout-steps.js';
import { auditRecord, runOutputs, runSummary } from './run-report.js';
import type { ServiceUpdate, UpdatePlan } from './compose-services.js';

/**
 * A failed rollout: what moved goes back to the previous release (or a first release is cleaned
 * up), the host is checked for two releases of one service, and the audit log, the summary and the
 * outputs say what is serving now.
 */
export async function failRollout(r: RolloutSteps, err: unknown, moved: ServiceUpdate[], plan?: UpdatePlan): Promise<CommandResult> {
  const { hostRun, sha, touched } = r;
  const { rs, kind, reporter, runner } = hostRun;
  const why = hostRun.cancelled ? 'the run was cancelled' : reporter.redact((err as Error).message);
  reporter.error(`${kind.words.failedLine(sha.slice(0, 12))} failed: ${why}`);
  let result: AuditRecord['result'] = 'failed';
  let rollbackProblem: string | undefined;
  // Without a connection nothing more can be done from here: the lock's lease lapses, and the next
  // deploy takes it over and converges the host.
  const lost = err instanceof ConnectionLost || (err instanceof CommandFailed && /Not connected/.test(err.message));
  // A Docker daemon restarting under the deploy: the rollback waits for it rather than failing at once.
  const dockerGone = !lost && touched ? await waitForDocker(runner).catch((e: Error) => e.message) : undefined;
  if (lost) rollbackProblem = 'the connection is gone';
  else if (dockerGone) {
    rollbackProblem = dockerGone;
    reporter.error(`cannot roll back: ${dockerGone}`);
  } else if (touched || !r.previous) {
    try {
      if (touched) await rollBack(r, moved, err, plan);
      else await undoFirstRelease(r);
      result = touched && r.previous ? 'rolled-back' : 'failed';
    } catch (rollbackErr) {
      rollbackProblem = (rollbackErr as Error).message;
      reporter.error(`rollback failed too: ${rollbackProblem}`);
    }
  }
  if (touched && !lost) {
    // Whatever happened on the way (a daemon restart brings back containers a roll had removed), the
    // host must not run two releases of a service unannounced.
    const failedImages = new Map(r.outcomes.filter((o) => o.newImage && o.newImage !== o.oldImage).map((o) => [o.service, o.newImage!]));
    const mixed = await settleTwoReleases(runner, rs.project, failedImages, reporter).catch((e: Error) => `the containers could not be listed (${e.message}): check the host`);
    if (mixed) {
      r.hostProblems.push(mixed);
      reporter.error(mixed);
    }
  }
  const problems = [...new Set(r.hostProblems)];
  await runner.run(cmd.auditCommand(rs.deployPath, auditRecord(hostRun.state, result, [why, ...problems].join('; ')))).catch(() => undefined);
  const diagnostics = r.outcomes.filter((o) => o.diagnostics).map((o) => `#### ${o.service}: health output and last log lines\n\n\`\`\`\n${o.diagnostics}\n\`\`\``);
  const serving = lost
    ? `The SSH connection was lost, so nothing could be undone from here: check the host (compose-deploy releases). The next deploy takes the lock over after lock-lease (${rs.lockLease}s) and converges it.`
    : rollbackProblem
      ? `Rolling back failed as well (${rollbackProblem}); check the host.`
      : r.previous
        ? `Release \`${r.previous.slice(0, 12)}\` is serving, as before.`
        : r.facts.current === sha
          ? 'This was a redeploy of the live release: the containers that did not become ready were removed and the others keep serving.'
          : 'This was the first deploy: nothing was left running.';
  const changed = rollbackProblem ? '' : touched ? 'Services already updated were rolled back. ' : 'No running service was changed. ';
  const warned = problems.length > 0 ? ` Also: ${problems.join('; ')}.` : '';
  const message = `${kind.words.failedMessage(sha)} ${runner.where} failed: ${why}. ${changed}${serving}${warned}`;
  reporter.summary(runSummary(hostRun.state, kind.words.failedTitle(result === 'rolled-back'), message, diagnostics));
  return { ok: false, message, outputs: runOutputs(hostRun.state, result, result === 'rolled-back') };
}

/** Puts every moved service (and a failed recreate) back on the previous release, with the same rolling procedure. */
async function rollBack(r: RolloutSteps, moved: ServiceUpdate[], err: unknown, plan?: UpdatePlan): Promise<void> {
  const { rs } = r.hostRun;
  if (!r.previous) return undoFirstRelease(r);
  const failed = err instanceof ServiceFailed ? plan?.updates.find((u) => u.service === err.service) : undefined;
  const toRestore = new Set([...moved.map((u) => u.service), ...(failed?.strategy === 'recreate' ? [failed.service] : [])]);
  await r.exec(cmd.switchCurrentCommand(rs.deployPath, r.previous), 'pointing current back at the previous release');
  const target = r.compose(r.previous);
  const previousServices = await r.render(r.previous);
  const previousPlan = r.planFor(previousServices, r.previous);
  const added = r.services.map((s) => s.name).filter((n) => !previousServices.some((p) => p.name === n));
  if (added.length > 0) await r.exec(cmd.removeServicesCommand(r.compose(r.sha), added), `removing ${added.join(', ')} (not in the previous release)`);
  await r.converge(target, previousServices, previousPlan.converge);
  // One service that will not come back must not keep the others on the failed release.
  const problems: string[] = [];
  for (const u of previousPlan.updates) {
    if (!toRestore.has(u.service)) continue;
    try {
      await r.roll(target, u, 'rolled-back');
    } catch (rollErr) {
      problems.push((rollErr as Error).message);
      continue;
    }
    const o = r.outcomes.find((x) => x.service === u.service);
    if (o && o.result === 'updated') o.result = 'rolled-back';
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
}

async function undoFirstRelease(r: RolloutSteps): Promise<void> {
  if (r.facts.current) return;
  await r.exec(cmd.downCommand(r.compose(r.sha)), 'removing what the failed first release started');
  await r.exec(cmd.removeCurrentCommand(r.hostRun.rs.deployPath), 'removing current');
}
