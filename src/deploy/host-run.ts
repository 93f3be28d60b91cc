import { randomBytes } from 'node:crypto';
import type { ComposeFlavor } from '../compose/cli.js';
import type { DeployTarget } from '../config/deploy-target.js';
import type { CommandResult } from '../engine/result.js';
import { acquireLock, cancelCommand, type LockHandle, type LockOwner } from '../host/lock.js';
import { parseProbe, probeCommand, type HostFacts } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import { runChecked, shellText, type Command, type HostRunner, type RunResult } from '../runner/runner.js';
import * as cmd from './commands.js';
import type { RolloutSettings } from './deploy-settings.js';
import { preflight } from './preflight.js';
import { Rollout } from './rollout.js';
import type { RolloutSteps } from './rollout-steps.js';
import { SwarmRollout } from './swarm-rollout.js';
import type { HostSteps, RunKind } from './run-kind.js';
import { auditRecord, runOutputs, type RunState } from './run-report.js';

class Cancelled extends Error {}

/** The rolling procedure of each target: the kinds of run (deploy, rollback) are the same on both. */
const PROCEDURES: Record<DeployTarget, new (run: HostRun, sha: string, facts: HostFacts) => RolloutSteps & { run(): Promise<CommandResult> }> = {
  compose: Rollout,
  swarm: SwarmRollout,
};

/**
 * One run on the host, whatever its kind: the lock, the host read under it, the preflight, then the
 * target resolved and handed to the rolling procedure (`Rollout`), which never changes it. Also
 * what a signal does at any point of the run.
 */
export class HostRun implements HostSteps {
  readonly token = randomBytes(8).toString('hex');
  readonly startedAt = new Date();
  cancelled = false;
  flavor: ComposeFlavor = 'docker compose';
  private lock?: LockHandle;
  private facts?: HostFacts;
  /** The release this run makes live, once resolved. */
  private target?: string;
  private rollout?: RolloutSteps;

  constructor(
    readonly runner: HostRunner,
    readonly rs: RolloutSettings,
    readonly reporter: Reporter,
    readonly kind: RunKind,
    /** Told the target as soon as it is resolved (a rollback's GitHub Deployment starts then). */
    private readonly onTarget: (sha: string) => Promise<void> = async () => undefined,
  ) {}

  /** First signal: a health wait on the host stops at once (the marker), then the run rolls back. */
  cancel(): void {
    if (this.cancelled) return;
    this.reporter.warning('cancel requested: stopping the current step, then rolling back and releasing the lock');
    this.cancelled = true;
    if (this.lock) void this.runner.run(cancelCommand(this.rs.deployPath, this.token)).catch(() => undefined);
  }

  /**
   * Second signal: the runner kills us in moments. Say so in the audit log, point `current` back at
   * the release that was serving (the health wait in flight gave up on the first signal, keeping
   * its old containers), and free the lock.
   */
  async abandon(): Promise<void> {
    if (!this.lock) return;
    const { deployPath } = this.rs;
    const record = auditRecord(this.state, 'failed', 'cancelled: the runner stopped the deploy before it finished rolling back; check the host (compose-deploy releases)');
    const quietly = (c: Command) => this.runner.run(c).catch(() => undefined);
    const back = this.rollout?.touched ? this.rollout.previous : undefined;
    await Promise.all([quietly(cmd.auditCommand(deployPath, record)), back ? quietly(cmd.switchCurrentCommand(deployPath, back)) : undefined]);
    await this.lock.release();
  }

  async run(): Promise<CommandResult> {
    const { rs, kind } = this;
    // The lock comes first: a run that waited for another must read the host as that one left it.
    this.lock = await acquireLock(this.runner, { ...rs, sha: kind.knownSha }, this.token, this.reporter, () => this.checkCancelled());
    try {
      let facts = parseProbe((await this.exec(probeCommand(rs.deployPath, rs.project, rs.deployTarget), 'reading the host state')).stdout);
      this.facts = facts;
      this.checkCancelled();
      this.flavor = preflight(facts, rs, this.runner.where, this.reporter, () => kind.preflight(facts, this.runner.where));
      if (this.lock.tookOverFrom) facts = this.facts = await this.recordAbandoned(this.lock.tookOverFrom, facts);
      const sha = kind.resolveTarget(facts);
      this.target = sha;
      await this.onTarget(sha);
      const idle = kind.nothingToDo(sha, facts, this.runner.where);
      if (idle) {
        this.reporter.info(idle.text.replace(/`/g, ''));
        this.reporter.summary([`### ${idle.title}`, '', idle.text, ''].join('\n'));
        return { ok: true, outputs: runOutputs(this.state, 'success', false) };
      }
      const rollout = new PROCEDURES[rs.deployTarget](this, sha, facts);
      this.rollout = rollout;
      return await rollout.run();
    } finally {
      await this.lock.release();
    }
  }

  /** Everything the outputs, the summary and the audit record are made of, as far as the run got. */
  get state(): RunState {
    const r = this.rollout;
    return {
      kind: this.kind,
      rs: this.rs,
      runner: this.runner,
      startedAt: this.startedAt,
      flavor: this.flavor,
      sha: this.target ?? this.kind.knownSha ?? '',
      previous: r?.previous,
      facts: this.facts,
      outcomes: r?.outcomes ?? [],
      services: r?.services ?? [],
      additions: r?.additions ?? {},
    };
  }

  /**
   * A run killed outright left the lock (taken over once its lease lapsed) and maybe a half-moved
   * host: the audit log says so, and if it had already pointed current at its own, never-verified
   * release, a failure of this run returns to the last release that succeeded instead (the facts
   * returned say so).
   */
  private async recordAbandoned(gone: LockOwner, facts: HostFacts): Promise<HostFacts> {
    const { rs } = this;
    const who = [gone.actor, gone.runUrl].filter(Boolean).join(' ') || 'an unknown run';
    await this.exec(
      cmd.auditCommand(rs.deployPath, {
        action: 'deploy',
        kind: 'abandoned',
        sha: gone.sha ?? 'unknown',
        actor: gone.actor ?? undefined,
        runUrl: gone.runUrl ?? undefined,
        startedAt: gone.startedAt,
        finishedAt: new Date().toISOString(),
        result: 'failed',
        error: `abandoned: the run stopped renewing its lock lease (it was killed outright); taken over by ${[rs.actor, rs.runUrl].filter(Boolean).join(' ') || 'the next deploy'}`,
      }),
      'recording the run whose lock was taken over',
    );
    const unverified = gone.sha && facts.current === gone.sha && !facts.audit.some((r) => r.sha === gone.sha && r.result === 'success');
    if (!unverified) return facts;
    const good = [...facts.audit].reverse().find((r) => r.result === 'success' && facts.releases.includes(r.sha));
    this.reporter.warning(`the run taken over (${who}) had pointed current at its own release ${gone.sha!.slice(0, 12)}, which never passed its gates; ${good ? `a failure of this deploy returns to ${good.sha.slice(0, 12)}, the last release that succeeded` : 'no earlier successful release is kept'}`);
    return { ...facts, current: good?.sha };
  }

  checkCancelled(): void {
    if (this.cancelled) throw new Cancelled('the run was cancelled');
  }

  async exec(command: Command, what: string): Promise<RunResult> {
    this.reporter.debug(shellText(command));
    const started = Date.now();
    const res = await runChecked(this.runner, command, what);
    this.reporter.info(`▸ ${what} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return res;
  }
}
