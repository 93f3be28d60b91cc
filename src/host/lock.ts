import { OperationError } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { CommandFailed, type Runner } from '../runner/runner.js';
import { parseKeyValues } from './key-values.js';
import { CANCEL_SCRIPT, LOCK_SCRIPT, RENEW_LEASE_SCRIPT, UNLOCK_SCRIPT } from './shell-scripts.js';
import { hostScript } from './script.js';

/** How the lock is waited for, held and broken: the same options for every command that takes it (lockOptions). */
export interface LockOptions {
  lockTimeout: number;
  staleLockAfter: number;
  forceUnlock: boolean;
  /** Seconds without a renewal after which a held lock's run counts as gone and the lock is taken over. */
  lockLease: number;
}

/** What taking the lock needs: where, how long to wait, and who asks (recorded in the owner record). */
export interface LockSettings extends LockOptions {
  deployPath: string;
  /** The commit the run makes live, when it is known before the host is read. */
  sha?: string;
  actor?: string;
  runUrl?: string;
}

export const lockCommand = (root: string, token: string, staleAfter: number, force: boolean, owner: string, leaseSeconds = 180) =>
  hostScript('lock', LOCK_SCRIPT, [root, token, String(staleAfter), String(force), String(leaseSeconds)], owner);

export const renewLeaseCommand = (root: string, token: string) => hostScript('renew-lease', RENEW_LEASE_SCRIPT, [root, token]);

export const unlockCommand = (root: string, token: string) => hostScript('unlock', UNLOCK_SCRIPT, [root, token]);

/** Where a cancelled run leaves its marker: inside its own lock, so it goes away with the lock. */
export const cancelMarker = (root: string) => `${root}/.deploy-lock/cancel`;

export const cancelCommand = (root: string, token: string) => hostScript('cancel', CANCEL_SCRIPT, [root, token]);

export interface LockHandle {
  /** Idempotent: releases the lock if this run still holds it. */
  release(): Promise<void>;
  /** Set when the lock was taken over from a run whose lease expired (it was killed outright): its owner record. */
  tookOverFrom?: LockOwner;
}

/** The owner record a lock holds: who, which run, which commit, since when. */
export interface LockOwner {
  token?: string;
  sha?: string;
  actor?: string | null;
  runUrl?: string | null;
  startedAt?: string;
}

const LOCK_HELD = 75;
const POLL_MS = 2000;

/**
 * The deploy lock is a directory (mkdir is atomic) holding an owner record: who, which run,
 * which commit, since when. It is a lease: the holder renews it every few seconds while it works, so
 * a run killed outright (no signal, no clean-up) stops renewing it, and once lock-lease seconds have
 * passed the next deploy takes it over without a person. A second deploy waits up to lock-timeout and
 * then fails naming the holder; a lock without a lease (an older version's) is broken only with
 * force-unlock after stale-lock-after.
 */
export async function acquireLock(
  runner: Runner,
  ds: LockSettings,
  token: string,
  reporter: Reporter,
  checkCancelled: () => void,
): Promise<LockHandle> {
  const owner = JSON.stringify({ token, sha: ds.sha ?? '', actor: ds.actor ?? null, runUrl: ds.runUrl ?? null, startedAt: new Date().toISOString(), pid: process.pid });
  const deadline = Date.now() + ds.lockTimeout * 1000;
  let announced = false;
  for (;;) {
    const res = await runner.run(lockCommand(ds.deployPath, token, ds.staleLockAfter, ds.forceUnlock, owner, ds.lockLease));
    const kv = parseKeyValues(res.stdout);
    if (res.code === 0) {
      // The script says lock=held before it says how it took the lock anyway.
      const how = kv.get('lock')?.at(-1);
      if (how === 'broken') reporter.warning(`force-unlock: broke a stale deploy lock held by ${describeHolder(kv)}`);
      if (how === 'taken-over') reporter.warning(`took over the deploy lock of ${describeHolder(kv)}: its lease was not renewed for ${kv.get('lease-age')?.[0] ?? '?'}s (lock-lease ${ds.lockLease}s), so that run is gone`);
      return handle(runner, ds.deployPath, token, reporter, ds.lockLease, how === 'taken-over' ? ownerRecord(kv) : undefined);
    }
    if (res.code !== LOCK_HELD) throw new CommandFailed('taking the deploy lock', runner.where, res);
    const holder = describeHolder(kv);
    const age = Number(kv.get('age')?.[0] ?? 0);
    if (Date.now() >= deadline) {
      const staleHint =
        age >= ds.staleLockAfter
          ? ` The lock is older than stale-lock-after (${ds.staleLockAfter}s): if that run is gone, re-run with force-unlock: true.`
          : ` If that run is gone, wait until the lock is older than stale-lock-after (${ds.staleLockAfter}s) and re-run with force-unlock: true.`;
      throw new OperationError(`another deploy holds the lock on ${ds.deployPath}: ${holder}, for ${age}s. Waited ${ds.lockTimeout}s (lock-timeout).${staleHint} Nothing was changed.`);
    }
    if (!announced) reporter.info(`waiting up to ${ds.lockTimeout}s for the deploy lock held by ${holder}`);
    announced = true;
    checkCancelled();
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}

/** Renews the lease a few times per lock-lease, so a slow SSH round trip never lets it lapse. */
function handle(runner: Runner, root: string, token: string, reporter: Reporter, leaseSeconds: number, tookOverFrom?: LockOwner): LockHandle {
  let released = false;
  const heartbeat = setInterval(() => void runner.run(renewLeaseCommand(root, token)).catch(() => undefined), Math.max(1, Math.floor(leaseSeconds / 4)) * 1000);
  heartbeat.unref();
  return {
    tookOverFrom,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      const res = await runner.run(unlockCommand(root, token)).catch((err: Error) => ({ code: 1, stdout: '', stderr: err.message }));
      if (res.code !== 0) reporter.warning(`could not release the deploy lock on ${root}: ${res.stderr.trim()}. Remove ${root}/.deploy-lock by hand once no deploy runs.`);
    },
  };
}

function ownerRecord(kv: Map<string, string[]>): LockOwner {
  try {
    return JSON.parse(kv.get('owner')?.[0] ?? '') as LockOwner;
  } catch {
    return {};
  }
}

function describeHolder(kv: Map<string, string[]>): string {
  try {
    const o = JSON.parse(kv.get('owner')?.[0] ?? '') as { actor?: string; runUrl?: string; sha?: string; startedAt?: string };
    return [o.actor ? `${o.actor}` : 'an unknown actor', o.sha ? `deploying ${o.sha.slice(0, 12)}` : '', o.runUrl ? `(${o.runUrl})` : '', o.startedAt ? `since ${o.startedAt}` : ''].filter(Boolean).join(' ');
  } catch {
    return 'an unreadable owner record';
  }
}
