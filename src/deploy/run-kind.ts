import type { ComposeTarget } from '../compose/cli.js';
import type { AuditRecord, HostFacts } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import type { Command, HostRunner, RunResult } from '../runner/runner.js';
import type { KindPlan } from './dry-run.js';
import type { ServiceInfo } from './compose-services.js';
import type { SwarmService } from './swarm-commands.js';

/**
 * The kinds of run the rolling procedure makes (a deploy, a rollback; a second target later) differ
 * at a few points only. Each kind is one object of this shape; the procedure asks it, never which
 * kind it is.
 */
export interface RunKind {
  /** The audit log's action and kind. */
  readonly name: 'deploy' | 'rollback';
  /** The words users see for this kind of run. */
  readonly words: RunWords;
  /** What a dry-run shows of this kind. */
  readonly plan: KindPlan;
  /** The release known before anything connects (a deploy's commit); a rollback's is resolved on the host. */
  readonly knownSha?: string;
  /**
   * The swarm target: the release's services as the runner read them from its files (a deploy). A
   * kind without them makes a kept release live with the services and digests its audit record keeps.
   */
  readonly swarmServices?: SwarmService[];
  /** Checks only this kind makes once the host is read, before anything changes. */
  preflight(facts: HostFacts, where: string): void;
  /** The release this run makes live, from the host as read under the lock: known before the procedure starts. */
  resolveTarget(facts: HostFacts): string;
  /** The target is already live and nothing is to be done: what the summary says; undefined: go on. */
  nothingToDo(sha: string, facts: HostFacts, where: string): { title: string; text: string } | undefined;
  /** Puts the release's files in place on the host (an upload, or the kept release); returns the host's release records (stdout). */
  stage(steps: HostSteps, sha: string, startedAt: Date): Promise<string>;
  /** After the pull, before anything running changes (a deploy's backup and migration); what they add goes into `adds` as they go. */
  beforeSwitch(steps: HostSteps, at: ReleaseMoment, adds: KindAdditions): Promise<void>;
  /** Fields of the audit record only this kind writes. */
  auditFields(sha: string, facts: HostFacts | undefined): Record<string, unknown>;
  /** Appends the success record to the audit log (a deploy also prunes old releases). */
  recordSuccess(steps: HostSteps, record: AuditRecord, sha: string, facts: HostFacts): Promise<void>;
  /** Notes for the success summary (each also said as a warning). */
  successNotes(sha: string, facts: HostFacts, reporter: Reporter): string[];
}

export interface RunWords {
  /** Names a run that did not start: "Deploy of <sha> to", "Rollback on" (then the host). */
  notStarted: string;
  /** The summary title of a run that did not start. */
  notStartedTitle: string;
  /** The error line of a failed run: "deploy of <sha>", "rollback to <sha>" (then "failed"). */
  failedLine(sha: string): string;
  /** Names a failed run in its message: "Deploy of <sha> to", "Rollback to <sha> on" (then the host). */
  failedMessage(sha: string): string;
  succeededTitle: string;
  failedTitle(rolledBack: boolean): string;
  /** Said after the success summary's first sentence (a rollback's reason). */
  successSuffix: string;
}

/** How a kind runs steps on the host: through the run's own runner, timed and logged. */
export interface HostSteps {
  readonly runner: HostRunner;
  readonly reporter: Reporter;
  /** One step on the host; a non-zero exit throws CommandFailed naming `what`. */
  exec(command: Command, what: string): Promise<RunResult>;
}

/** Where the run stands when the release is about to change what runs. */
export interface ReleaseMoment {
  readonly sha: string;
  readonly facts: HostFacts;
  /** The release that was serving, when it is another one. */
  readonly previous?: string;
  readonly target: ComposeTarget;
  readonly services: readonly ServiceInfo[];
}

/** What a kind's own steps add to the run's outputs and to its audit record. */
export interface KindAdditions {
  outputs?: Record<string, string>;
  audit?: Record<string, unknown>;
}
