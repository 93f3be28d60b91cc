import { InputError, shownValue } from '../errors.js';
import { listReleases, type AuditRecord, type HostFacts, type ReleaseInfo } from '../host/probe.js';

/** What `to` may be: a sha or a prefix long enough to mean something (git's shortest is 4). */
const SHA_PREFIX = /^[0-9a-f]{4,40}$/;

/** `to` as the user gave it, checked before anything connects: a bad one is exit 2 with nothing done. */
export function parseRollbackTo(to: string | undefined): string | undefined {
  if (to === undefined || to.trim() === '') return undefined;
  const v = to.trim().toLowerCase();
  if (!SHA_PREFIX.test(v)) throw new InputError(`input "to" must be a commit sha or a prefix of one (4 to 40 hex digits), got ${shownValue(to)}`);
  return v;
}

/**
 * The kept release a rollback goes to: `to` matched against the release directories on the host,
 * or without it the newest kept release (other than the live one) whose last deploy succeeded.
 * Anything else is bad input, answered with the list a person can pick from.
 */
export function resolveRollbackTarget(facts: HostFacts, to: string | undefined): string {
  const releases = listReleases(facts);
  if (!facts.current) throw new InputError(`nothing is deployed on the host yet, so there is nothing to roll back${keptList(releases)}`);
  if (to === undefined) {
    const previous = releases.find((r) => !r.current && r.result === 'success');
    if (!previous) throw new InputError(`no kept release to roll back to: only the live release ${facts.current.slice(0, 12)} succeeded on this host${keptList(releases)}`);
    return previous.sha;
  }
  const matches = releases.filter((r) => r.sha.startsWith(to));
  if (matches.length === 1) return matches[0]!.sha;
  if (matches.length === 0) throw new InputError(`"to": no kept release matches ${to}${keptList(releases)}`);
  throw new InputError(`"to": ${to} is ambiguous, ${matches.length} kept releases start with it; give more digits${keptList(matches)}`);
}

function keptList(releases: readonly ReleaseInfo[]): string {
  if (releases.length === 0) return '. No releases are kept on the host.';
  const rows = releases.map((r) => `  ${r.sha}${r.current ? ' (live)' : ''}  ${r.deployedAt ?? 'unknown time'}  ${r.result ?? 'no audit record'}`);
  return `. Kept releases, newest first:\n${rows.join('\n')}`;
}

/** A deploy that ran a migration after the target was last live: its schema may be newer than the target's code expects. */
export interface LaterMigration {
  sha: string;
  service: string;
  at?: string;
}

export function migrationsSince(audit: readonly AuditRecord[], target: string): LaterMigration[] {
  let since = -1;
  audit.forEach((r, i) => {
    if (r.sha === target && r.result === 'success') since = i;
  });
  const out: LaterMigration[] = [];
  for (let i = since + 1; i < audit.length; i++) {
    const r = audit[i]!;
    if (typeof r['migration'] === 'string' && r.sha !== target) out.push({ sha: r.sha, service: r['migration'], at: r.finishedAt ?? r.startedAt });
  }
  return out;
}
