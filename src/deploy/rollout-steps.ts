import type { ComposeFlavor, ComposeTarget } from '../compose/cli.js';
import { OperationError } from '../errors.js';
import { cancelMarker } from '../host/lock.js';
import { parseKeyValues } from '../host/key-values.js';
import type { HostFacts } from '../host/probe.js';
import { shellText, tail, type Command, type RunResult } from '../runner/runner.js';
import * as cmd from './commands.js';
import { registryLogin, type RolloutSettings } from './deploy-settings.js';
import { settleStranded, strandedIds } from './docker-return.js';
import { servicesSeeingChangedFiles } from './mounts.js';
import { parseRollOutput, type ServiceOutcome } from './outcome.js';
import type { HostSteps, KindAdditions, RunKind } from './run-kind.js';
import type { RunState } from './run-report.js';
import { parseRenderedCompose, planUpdates, type ServiceInfo, type ServiceUpdate, type UpdatePlan } from './compose-services.js';

/** What the rolling procedure takes from the run it belongs to (the lock, the host read, the signals are the run's). */
export interface RunContext extends HostSteps {
  readonly rs: RolloutSettings;
  readonly kind: RunKind;
  readonly flavor: ComposeFlavor;
  readonly startedAt: Date;
  readonly cancelled: boolean;
  /** Throws once a cancel was requested. */
  checkCancelled(): void;
  /** What the outputs, the summary and the audit record are made of so far. */
  readonly state: RunState;
}

/**
 * The steps of the rolling procedure, shared by its forward path (Rollout) and its recovery
 * (rollout-recovery.ts): the release's Compose, its render, the pull, one service's roll.
 */
export class RolloutSteps {
  /** The release that was serving, when it is another one: where a failure returns to. */
  readonly previous?: string;
  /** Set once running services may have changed: from here a failure is answered by a rollback. */
  touched = false;
  outcomes: ServiceOutcome[] = [];
  /** The new release's services, as rendered on the host. */
  services: ServiceInfo[] = [];
  /** What the kind's own steps added to the outputs and the audit record. */
  readonly additions: KindAdditions = {};
  /** Release files that differ from the live release's. */
  protected changedFiles: string[] = [];
  /** What the host was left with that a person must know (containers Docker could not remove). */
  readonly hostProblems: string[] = [];
  private readonly composeFilesOf = new Map<string, string[]>();

  constructor(
    readonly hostRun: RunContext,
    readonly sha: string,
    readonly facts: HostFacts,
  ) {
    this.previous = facts.current && facts.current !== sha ? facts.current : undefined;
  }

  /** Third-party services to the release's state; those mounting a changed release file are recreated. */
  async converge(target: ComposeTarget, services: readonly ServiceInfo[], names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const seeing = new Set(servicesSeeingChangedFiles(services, target.projectDirectory!, this.changedFiles));
    const recreate = names.filter((n) => seeing.has(n));
    const plain = names.filter((n) => !seeing.has(n));
    if (plain.length > 0) await this.exec(cmd.convergeCommand(target, plain), `starting ${plain.join(', ')}`);
    if (recreate.length > 0) {
      this.hostRun.reporter.warning(`recreating ${recreate.join(', ')}: a file it mounts changed (${this.changedFiles.join(', ')}); a short restart`);
      await this.exec(cmd.convergeCommand(target, recreate, true), `recreating ${recreate.join(', ')}`);
    }
  }

  /**
   * The Compose files each release was made with, as it recorded them: a release made with other
   * file names than the repository has now still starts (and is returned to) with its own. Keeps
   * the release files that differ from the live release's.
   */
  protected readReleaseRecords(stdout: string): void {
    const kv = parseKeyValues(stdout);
    const own = kv.get('compose-file');
    if (own?.length) this.composeFilesOf.set(this.sha, own);
    const live = kv.get('live-compose-file');
    if (live?.length && this.facts.current) this.composeFilesOf.set(this.facts.current, live);
    this.changedFiles = kv.get('changed') ?? [];
  }

  /** Compose pointed at one release, with the Compose files that release recorded (else the repository's prod set). */
  compose(sha: string): ComposeTarget {
    const { rs, flavor } = this.hostRun;
    return cmd.releaseCompose({ ...rs, composeFiles: this.composeFilesOf.get(sha) ?? rs.composeFiles }, flavor, sha);
  }

  planFor(services: readonly ServiceInfo[], sha: string): UpdatePlan {
    const { rs } = this.hostRun;
    return planUpdates(services, sha, { order: rs.order, migrateService: rs.migrate?.service, perService: rs.services });
  }

  async render(sha: string): Promise<ServiceInfo[]> {
    return parseRenderedCompose((await this.exec(cmd.renderCommand(this.compose(sha)), `rendering release ${sha.slice(0, 12)}`)).stdout);
  }

  protected async pull(services: readonly ServiceInfo[]): Promise<void> {
    const { rs, runner, reporter } = this.hostRun;
    const images = [...new Set(services.map((s) => s.image).filter((i): i is string => !!i))];
    const started = Date.now();
    const res = await runner.run(cmd.pullCommand(images, registryLogin(rs)));
    if (res.code === 3) {
      throw new OperationError(`registry login to ${rs.registry} as ${rs.registryUsername} was refused on the host: ${lastLine(res.stderr)}. Check registry-username and registry-password (for GHCR a token with read:packages).`);
    }
    // The host script names the image it gave up on (after its bounded retries); the error says which.
    const failed = parseKeyValues(res.stdout).get('failed')?.[0];
    if (res.code !== 0) throw new OperationError(`pulling ${failed ?? "the release's images"} failed on ${runner.where}${tail(res.stderr)}`);
    reporter.info(`▸ pulling ${images.length} images (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    const pulled = res.stdout.split('\n').filter((l) => l.startsWith('pulled=')).length;
    reporter.info(`images: ${pulled} pulled, ${images.length - pulled} already on the host`);
  }

  async roll(target: ComposeTarget, u: ServiceUpdate, success: 'updated' | 'rolled-back'): Promise<void> {
    const { rs, runner, reporter } = this.hostRun;
    const started = Date.now();
    // A rollback must finish, so only a forward roll watches the cancel marker.
    const marker = success === 'updated' ? cancelMarker(rs.deployPath) : '';
    const command = cmd.rollCommand(target, u, rs, marker);
    reporter.debug(shellText(command));
    reporter.info(`▸ ${success === 'updated' ? 'rolling' : 'rolling back'} ${u.service} (${u.strategy})`);
    const res = await runner.run(command);
    const report = parseRollOutput(res.stdout, res.code === 0);
    const stranded = strandedIds(res.stdout);
    const unsettled = stranded.length > 0 ? await settleStranded(runner, stranded, u.service, reporter) : undefined;
    if (unsettled) this.hostProblems.push(unsettled);
    if (unsettled && report.ok) throw new OperationError(unsettled);
    const outcome = this.outcomes.find((o) => o.service === u.service);
    if (!report.ok) {
      if (outcome && success === 'updated') {
        outcome.result = 'failed';
        outcome.diagnostics = report.diagnostics;
      }
      throw new ServiceFailed(u.service, report.reason ?? `exit ${res.code}: ${lastLine(res.stderr)}`, report.diagnostics, lastLine(report.diagnostics.replace(/^(health|log)\| /gm, '')));
    }
    if (outcome && success === 'updated') {
      outcome.result = 'updated';
      outcome.secondsToHealthy = report.secondsToHealthy;
    }
    reporter.info(`${u.service}: ${u.strategy}, ${success} in ${((Date.now() - started) / 1000).toFixed(1)}s (healthy after ${report.secondsToHealthy ?? '?'}s${report.phases ? `; ${report.phases}` : ''})`);
  }

  exec(command: Command, what: string): Promise<RunResult> {
    return this.hostRun.exec(command, what);
  }
}

/** A service that did not pass its health gate: its own diagnostics, for the summary. */
export class ServiceFailed extends Error {
  constructor(
    readonly service: string,
    reason: string,
    readonly diagnostics: string,
    lastOutput: string,
  ) {
    // The last line of output says why (port already allocated, image not found) when compose itself failed.
    super(`service ${service} did not become healthy: ${reason}${reason.startsWith('compose') && lastOutput ? `: ${lastOutput}` : ''}`);
  }
}

export function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
