import type { CommandResult } from '../engine/result.js';
import { OperationError } from '../errors.js';
import { cancelMarker } from '../host/lock.js';
import type { AuditRecord } from '../host/probe.js';
import { CommandFailed, shellText, tail } from '../runner/runner.js';
import { ConnectionLost } from '../ssh/ssh-runner.js';
import * as cmd from './commands.js';
import { registryLogin } from './deploy-settings.js';
import { lastLine, RolloutSteps } from './rollout-steps.js';
import { auditRecord, runOutputs, runSummary } from './run-report.js';
import {
  keptStack,
  parseSince,
  parseStackImages,
  parseWaitOutput,
  serviceWaitCommand,
  stackDeployCommand,
  stackOverride,
  stackRemoveCommand,
  watchOrder,
  type SwarmService,
} from './swarm-commands.js';

/** A service that did not converge: Swarm's task list says why. */
class NotConverged extends Error {
  constructor(
    readonly service: string,
    reason: string,
    readonly tasks: string,
  ) {
    super(`service ${service} did not converge: ${reason}`);
  }
}

/**
 * The rolling procedure of the swarm target, for every kind of run: the release's files in place on
 * the manager (the kind's stage), one `docker stack deploy` of them with the update_config the deploy
 * sets (a kept release: with its recorded digests), every image checked pinned by digest, then each
 * service watched until it converged, in the config's order. A failure from the stack deploy on is
 * answered by the tool itself: the previous release's files deployed again with its digests, and
 * watched the same way (Swarm's own rollback only covers the service whose task failed).
 */
export class SwarmRollout extends RolloutSteps {
  async run(): Promise<CommandResult> {
    const { hostRun, sha, facts } = this;
    const { kind, rs } = hostRun;
    try {
      this.readReleaseRecords(await kind.stage(hostRun, sha, hostRun.startedAt));
      const kept = kind.swarmServices ? undefined : keptStack(facts.audit, sha);
      const services = kind.swarmServices ?? kept?.services;
      if (!services) throw new OperationError(`release ${sha.slice(0, 12)} has no digests recorded for a swarm (it was not deployed to one by this tool): deploy its commit instead`);
      const ordered = watchOrder(services, rs.order);
      this.outcomes = ordered.map((s) => ({ service: s.name, strategy: s.rolled ? 'start-first' : 'converge', oldImage: facts.running[s.name], result: 'not-started' }));
      hostRun.checkCancelled();
      this.touched = true;
      const { pinned, since } = await this.deployStack(sha, ordered, !!kept, true);
      this.swarmServices = pinned;
      if (facts.current !== sha) await this.exec(cmd.switchCurrentCommand(rs.deployPath, sha), 'pointing current at the release');
      await this.watch(pinned, since, cancelMarker(rs.deployPath), 'updated');
      return await this.succeed(pinned);
    } catch (err) {
      return await this.fail(err);
    }
  }

  /** The services as the manager runs them now, with the digests it pinned. */
  private swarmServices: SwarmService[] = [];

  private async deployStack(sha: string, services: readonly SwarmService[], pin: boolean, forward: boolean): Promise<{ pinned: SwarmService[]; since: number }> {
    const { rs, runner, reporter } = this.hostRun;
    const target = this.compose(sha);
    const command = stackDeployCommand({ dir: cmd.releaseDir(rs.deployPath, sha), files: target.files }, rs.project, stackOverride(services, rs.healthTimeout, pin), registryLogin(rs));
    reporter.debug(shellText({ ...command, stdin: undefined }));
    const started = Date.now();
    const res = await runner.run(command);
    if (res.code === 3) throw new OperationError(`registry login to ${rs.registry} as ${rs.registryUsername} was refused on the manager: ${lastLine(res.stderr)}. Check registry-username and registry-password.`);
    if (res.code !== 0) throw new OperationError(`docker stack deploy of release ${sha.slice(0, 12)} failed on ${runner.where}${tail(res.stderr)}`);
    const retries = res.stdout.match(/^retried=/gm)?.length ?? 0;
    const retried = retries > 0 ? `, tried ${retries + 1} times: Swarm was changing a service itself` : '';
    reporter.info(`▸ docker stack deploy of release ${sha.slice(0, 12)} (${((Date.now() - started) / 1000).toFixed(1)}s${retried})`);
    const images = parseStackImages(res.stdout, rs.project);
    const pinned = services.map((s) => ({ ...s, image: images.get(s.name) }));
    // The manager could not read a tag's digest (the registry unreachable, a missing tag): the nodes
    // would each resolve the tag on their own, and the release would not be the same everywhere.
    const loose = pinned.filter((s) => !s.image?.includes('@sha256:'));
    if (loose.length > 0) throw new OperationError(`the manager did not pin ${loose.map((s) => `${s.name} (${s.image ?? 'not in the stack'})`).join(', ')} to a digest: is the image in the registry, and the login right?`);
    if (forward) for (const o of this.outcomes) o.newImage = images.get(o.service);
    return { pinned, since: parseSince(res.stdout) };
  }

  private async watch(services: readonly SwarmService[], since: number, marker: string, success: 'updated' | 'rolled-back'): Promise<void> {
    const { rs, runner, reporter } = this.hostRun;
    reporter.info(`▸ watching ${services.map((s) => s.name).join(', ')} converge`);
    const res = await runner.run(serviceWaitCommand(rs.project, services, rs.healthTimeout, since, marker, success === 'rolled-back' ? 'return' : 'update'));
    const report = parseWaitOutput(res.stdout);
    for (const c of report.converged) {
      const o = this.outcomes.find((x) => x.service === c.service);
      if (o && success === 'updated') Object.assign(o, { result: o.strategy === 'converge' ? 'converged' : 'updated', secondsToHealthy: c.seconds });
      if (o && success === 'rolled-back' && o.result === 'updated') o.result = 'rolled-back';
      reporter.info(`${c.service}: converged in ${c.seconds}s`);
    }
    if (res.code === 0) return;
    const service = report.failed ?? '?';
    const o = this.outcomes.find((x) => x.service === service);
    if (o && success === 'updated') Object.assign(o, { result: 'failed', diagnostics: report.tasks });
    throw new NotConverged(service, report.reason ?? `exit ${res.code}: ${lastLine(res.stderr)}`, report.tasks);
  }

  private async succeed(services: readonly SwarmService[]): Promise<CommandResult> {
    const { hostRun, sha, facts } = this;
    const { kind, reporter, runner } = hostRun;
    this.additions.audit = { ...this.additions.audit, target: 'swarm', swarm: { services } };
    await kind.recordSuccess(hostRun, this.record('success'), sha, facts);
    const notes = kind.successNotes(sha, facts, reporter);
    const live = `\`${sha}\` is live on the swarm of ${runner.where}${this.previous ? `, replacing \`${this.previous.slice(0, 12)}\`` : ''}.${kind.words.successSuffix}`;
    reporter.summary(runSummary(hostRun.state, kind.words.succeededTitle, live, notes));
    return { ok: true, outputs: runOutputs(hostRun.state, 'success', false) };
  }

  /** The audit record, with each service's pinned image (what a rollback to this release deploys). */
  private record(result: AuditRecord['result'], error?: string): AuditRecord {
    return { ...auditRecord(this.hostRun.state, result, error), images: this.swarmServices.map((s) => s.image).filter((i): i is string => !!i) };
  }

  /** Back to the previous release's digests (or, on a first release, the stack removed); then the audit log and the summary. */
  private async fail(err: unknown): Promise<CommandResult> {
    const { hostRun, sha, touched, facts } = this;
    const { rs, kind, reporter, runner } = hostRun;
    const why = hostRun.cancelled ? 'the run was cancelled' : reporter.redact((err as Error).message);
    reporter.error(`${kind.words.failedLine(sha.slice(0, 12))} failed: ${why}`);
    const lost = err instanceof ConnectionLost || (err instanceof CommandFailed && /Not connected/.test(err.message));
    let result: AuditRecord['result'] = 'failed';
    let problem: string | undefined;
    if (lost) problem = 'the connection is gone';
    else if (touched) {
      try {
        if (this.previous) {
          await this.returnTo(this.previous);
          result = 'rolled-back';
        } else if (!facts.current) {
          await this.exec(stackRemoveCommand(rs.project), 'removing the stack the failed first release started');
          await this.exec(cmd.removeCurrentCommand(rs.deployPath), 'removing current');
        }
      } catch (backErr) {
        problem = (backErr as Error).message;
        reporter.error(`rollback failed too: ${problem}`);
      }
    }
    if (!lost) await runner.run(cmd.auditCommand(rs.deployPath, this.record(result, [why, problem].filter(Boolean).join('; ')))).catch(() => undefined);
    const diagnostics = err instanceof NotConverged && err.tasks ? [`#### ${err.service}: its tasks\n\n\`\`\`\n${err.tasks.replace(/^task\| /gm, '')}\n\`\`\``] : [];
    const serving = lost
      ? `The SSH connection was lost, so nothing could be undone from here: the next deploy takes the lock over after lock-lease (${rs.lockLease}s) and deploys its release over the stack.`
      : problem
        ? `Rolling back failed as well (${problem}); check the swarm (docker stack ps ${rs.project}).`
        : this.previous
          ? `The stack was deployed again with release \`${this.previous.slice(0, 12)}\`'s digests and converged: it is serving, as before.`
          : facts.current === sha
            ? 'This was a redeploy of the live release.'
            : 'This was the first deploy: the stack was removed.';
    const message = `${kind.words.failedMessage(sha)} ${runner.where} failed: ${why}. ${serving}`;
    reporter.summary(runSummary(hostRun.state, kind.words.failedTitle(result === 'rolled-back'), message, diagnostics));
    return { ok: false, message, outputs: runOutputs(hostRun.state, result, result === 'rolled-back') };
  }

  /** The previous release's files deployed again with the digests its audit record keeps, and watched to convergence. */
  private async returnTo(previous: string): Promise<void> {
    const { rs, reporter } = this.hostRun;
    const kept = keptStack(this.facts.audit, previous);
    if (!kept) throw new Error(`release ${previous.slice(0, 12)} has no digests recorded for a swarm, so the tool cannot put it back`);
    reporter.warning(`rolling the stack back to release ${previous.slice(0, 12)} (its recorded digests)`);
    await this.exec(cmd.switchCurrentCommand(rs.deployPath, previous), 'pointing current back at the previous release');
    const services = watchOrder(kept.services, rs.order);
    const { since } = await this.deployStack(previous, services, true, false);
    await this.watch(services, since, '', 'rolled-back');
  }
}
