import type { AuditRecord } from '../host/probe.js';

/**
 * Where a restore is, written to <deploy-path>/restore/state.json before each step that changes
 * something and removed when it is done. A run killed outright leaves it: the next `restore` reads
 * it to finish or undo, and `releases` says what it means.
 */
export type RestorePhase = 'stopping' | 'restoring' | 'comparing' | 'swapping' | 'swapped' | 'starting';

export interface RestoreState {
  phase: RestorePhase;
  /** The dump being restored (its file name in the backup dir). */
  backup: string;
  /** The live database's name. */
  database: string;
  /** The new database the dump is restored into. */
  restored: string;
  /** The name the live database is renamed to at the swap. */
  aside: string;
  /** The services stopped for the restore, restarted at its end. */
  writers: string[];
  startedAt: string;
  actor?: string;
  /** Set by a restore taken over: the run it finished. */
  takenOverFrom?: string;
}

export function parseRestoreState(text: string | undefined): RestoreState | undefined {
  if (!text) return undefined;
  try {
    const o = JSON.parse(text) as RestoreState;
    if (o && typeof o.phase === 'string' && typeof o.database === 'string' && typeof o.restored === 'string' && typeof o.aside === 'string') return { ...o, writers: Array.isArray(o.writers) ? o.writers : [] };
  } catch {
    // A torn write (killed while writing it): nothing can be said of it but that it is there.
  }
  return undefined;
}

/** Whether the live name holds the restored data: from the swap on. */
export function swapped(state: RestoreState): boolean {
  return state.phase === 'swapped' || state.phase === 'starting';
}

/** One sentence a person can act on: what an unfinished restore left, and what the next `restore` does about it. */
export function explainState(state: RestoreState): string {
  const when = `${state.startedAt}${state.actor ? ` by ${state.actor}` : ''}`;
  if (swapped(state)) {
    return `a restore of ${state.backup} (started ${when}) swapped the database and did not finish: ${state.database} holds the restored data, the replaced one is kept as ${state.aside}, and ${state.writers.join(', ') || 'no service'} may still be stopped with maintenance on. Run restore again (with confirm) to finish it: it starts the services through their health gates and switches maintenance off`;
  }
  return `a restore of ${state.backup} (started ${when}) stopped at "${state.phase}", before the swap: ${state.database} was not changed; ${state.writers.join(', ') || 'no service'} may be stopped with maintenance on, and ${state.restored} may be left half restored. Run restore again (with confirm): it drops ${state.restored} first; or switch maintenance off and start the services with a rollback to the live release`;
}

export interface KeptDatabase {
  name: string;
  /** When it was set aside. */
  since: string;
  /** The dump restored in its place. */
  backup?: string;
}

/** Databases set aside by restores and not dropped since, as the audit log tells (newest first). */
export function keptAside(events: readonly AuditRecord[]): KeptDatabase[] {
  const dropped = new Set(events.flatMap((r) => (Array.isArray(r['dropped']) ? (r['dropped'] as unknown[]).filter((d): d is string => typeof d === 'string') : [])));
  const kept: KeptDatabase[] = [];
  for (const r of events) {
    const name = r['previousDatabase'];
    if (r.action !== 'restore' || r.result !== 'success' || typeof name !== 'string' || dropped.has(name)) continue;
    kept.push({ name, since: r.finishedAt ?? r.startedAt, backup: typeof r['backup'] === 'string' ? r['backup'] : undefined });
  }
  return kept.reverse();
}
