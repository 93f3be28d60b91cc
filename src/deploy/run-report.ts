import type { ComposeFlavor } from '../compose/cli.js';
import type { CommandResult } from '../engine/result.js';
import { hostToolsLine } from '../host/describe.js';
import type { AuditRecord, HostFacts } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import type { HostRunner } from '../runner/runner.js';
import type { RolloutSettings } from './deploy-settings.js';
import { outcomeTable, type ServiceOutcome } from './outcome.js';
import type { KindAdditions, RunKind } from './run-kind.js';
import type { ServiceInfo } from './compose-services.js';

/** What a run on the host has seen and done so far: all its outputs, summary and audit record are made of. */
export interface RunState {
  readonly kind: RunKind;
  readonly rs: RolloutSettings;
  readonly runner: HostRunner;
  readonly startedAt: Date;
  readonly flavor: ComposeFlavor;
  /** The release made live; empty while a rollback's target is not resolved yet. */
  readonly sha: string;
  /** The release that was serving, when it is another one. */
  readonly previous?: string;
  /** Undefined until the host is read. */
  readonly facts?: HostFacts;
  readonly outcomes: readonly ServiceOutcome[];
  /** The new release's services, as rendered on the host. */
  readonly services: readonly ServiceInfo[];
  readonly additions: KindAdditions;
}

export function auditRecord(s: RunState, result: AuditRecord['result'], error?: string): AuditRecord {
  return {
    action: s.kind.name,
    kind: s.kind.name,
    sha: s.sha,
    // facts may not be read yet: a second signal can come while the host is being read.
    previousSha: s.previous ?? s.facts?.current,
    actor: s.rs.actor,
    runUrl: s.rs.runUrl,
    startedAt: s.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    result,
    ...(error ? { error: error.slice(0, 500) } : {}),
    ...s.kind.auditFields(s.sha, s.facts),
    ...s.additions.audit,
    images: [...new Set(s.services.map((x) => x.image).filter((i): i is string => !!i))],
    services: s.outcomes.map(({ service, strategy, result: r, secondsToHealthy }) => ({ service, strategy, result: r, secondsToHealthy })),
  };
}

export function runOutputs(s: RunState, result: string, rolledBack: boolean): Record<string, string> {
  return {
    'deployed-sha': result === 'success' ? s.sha : '',
    'previous-sha': s.previous ?? '',
    result,
    'rolled-back': String(rolledBack),
    'duration-seconds': ((Date.now() - s.startedAt.getTime()) / 1000).toFixed(1),
    services: JSON.stringify(s.outcomes.map(({ diagnostics: _d, ...o }) => o)),
    'round-trips': String(s.runner.commandCount),
    'compose-command': s.flavor,
    'compose-version': s.facts?.composeVersion ?? '',
    'docker-version': s.facts?.dockerVersion ?? '',
    ...s.additions.outputs,
  };
}

export function runSummary(s: RunState, title: string, text: string, extra: readonly string[] = []): string {
  const host = s.facts ? [`Host: ${hostToolsLine(s.facts)}`, ''] : [];
  return [`### ${title}`, '', text, '', ...host, outcomeTable(s.outcomes), '', ...extra, ''].join('\n');
}

/** A run that failed before it touched anything (no connection, lock held, preflight): outputs and summary all the same. */
export function notStarted(rs: RolloutSettings, kind: RunKind, why: string, startedAt: number, reporter: Reporter): CommandResult {
  const message = `${kind.words.notStarted} ${rs.target.user}@${rs.target.host}:${rs.target.port} did not start: ${why}`;
  reporter.summary([`### ${kind.words.notStartedTitle}`, '', message, ''].join('\n'));
  return {
    ok: false,
    message,
    outputs: {
      'deployed-sha': '',
      'previous-sha': '',
      result: 'failed',
      'rolled-back': 'false',
      'duration-seconds': ((Date.now() - startedAt) / 1000).toFixed(1),
      services: '[]',
    },
  };
}
