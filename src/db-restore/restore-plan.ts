import { parseDumpName } from '../backup/manifest.js';
import { planRetention, type StoredFile } from '../backup/retention.js';
import { humanDuration } from '../config/duration.js';
import { InputError } from '../errors.js';
import type { AuditRecord } from '../host/probe.js';
import type { ManifestAsRead } from '../restore/manifest.js';

/** Postgres keeps 63 bytes of a name: the database's name is shortened so the suffix always fits. */
const MAX_NAME = 63;

/** yyyymmdd_hhmmss in UTC: lower-case and digits, so a person can type the name in psql without quotes. */
export function nameStamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, '').replace(/[-:]/g, '').replace('T', '_');
}

function withSuffix(db: string, suffix: string): string {
  return `${db.slice(0, MAX_NAME - suffix.length)}${suffix}`;
}

/** The new database a restore fills before the swap. */
export const restoringName = (db: string, at: Date) => withSuffix(db, `_restoring_${nameStamp(at)}`);

/** The name the replaced database is kept under. */
export const asideName = (db: string, at: Date) => withSuffix(db, `_pre_restore_${nameStamp(at)}`);

/** Databases this database's restores set aside, with when: those past keep-previous are dropped. */
export function asideDatabases(names: readonly string[], db: string): Array<{ name: string; at: Date }> {
  const prefix = withSuffix(db, '_pre_restore_00000000_000000').slice(0, -'00000000_000000'.length);
  const out: Array<{ name: string; at: Date }> = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(name.slice(prefix.length));
    if (m) out.push({ name, at: new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) });
  }
  return out;
}

/** Leftovers of restores that never swapped (killed, or failed without clean-up). */
export function restoringDatabases(names: readonly string[], db: string): string[] {
  const prefix = withSuffix(db, '_restoring_00000000_000000').slice(0, -'00000000_000000'.length);
  return names.filter((n) => n.startsWith(prefix) && /^\d{8}_\d{6}$/.test(n.slice(prefix.length)));
}

/** Verified dumps in the backup dir, newest first: what a restore can pick. */
export function verifiedDumps(files: readonly StoredFile[], project: string): string[] {
  return planRetention(files, project, new Date(), Number.MAX_SAFE_INTEGER, 0).kept;
}

/**
 * The dump to restore: the one named (a file name in the backup dir, verified: with its sidecar), or
 * the newest verified one. Anything else is bad input, answered with the dumps there are.
 */
export function pickDump(files: readonly StoredFile[], project: string, asked: string | undefined): string {
  const verified = verifiedDumps(files, project);
  const list = verified.length === 0 ? ' There is no verified backup in the backup dir.' : ` Verified backups, newest first:\n${verified.slice(0, 20).map((n) => `  ${n}`).join('\n')}`;
  if (asked === undefined) {
    if (verified.length === 0) throw new InputError(`restore: no verified backup of project ${project} in the backup dir (take one with the backup command first).`);
    return verified[0]!;
  }
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(asked)) throw new InputError(`input "backup" must be a dump's file name in the backup dir (no path), got ${JSON.stringify(asked.slice(0, 100))}.${list}`);
  if (verified.includes(asked)) return asked;
  const there = files.some((f) => f.name === asked);
  throw new InputError(`input "backup": ${asked} ${there ? 'has no .sha256 sidecar beside it (not a verified backup)' : 'is not in the backup dir'}.${list}`);
}

/** What a restore of this dump would cost: how old it is, and which releases went live after it. */
export interface Preview {
  backup: string;
  createdAt?: string;
  rpoSeconds?: number;
  tables: number;
  rows: number;
  deployedSince: AuditRecord[];
}

export function preview(name: string, manifest: ManifestAsRead, project: string, audit: readonly AuditRecord[], now: Date): Preview {
  const created = manifest.created_at ? new Date(manifest.created_at) : parseDumpName(name, project);
  const at = created && !Number.isNaN(created.getTime()) ? created : undefined;
  const tables = manifest.tables ?? {};
  return {
    backup: name,
    createdAt: at?.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    rpoSeconds: at ? Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000)) : undefined,
    tables: Object.keys(tables).length,
    rows: Object.values(tables).reduce((a, b) => a + b, 0),
    deployedSince: at ? audit.filter((r) => r.result === 'success' && new Date(r.finishedAt ?? r.startedAt).getTime() > at.getTime()) : [],
  };
}

export function previewText(p: Preview, where: string, database: string, keepPrevious: string): string {
  const since = p.deployedSince.length === 0 ? 'no release was deployed since' : `releases deployed since: ${p.deployedSince.map((r) => `${r.sha.slice(0, 12)} (${r.action}, ${r.finishedAt ?? r.startedAt})`).join(', ')}`;
  return [
    `restore would put database ${database} on ${where} back to ${p.backup}`,
    `  taken ${p.createdAt ?? 'at an unknown time'}${p.rpoSeconds !== undefined ? `, ${humanDuration(p.rpoSeconds)} ago: everything written since is lost` : ''}`,
    `  ${p.tables} tables, ${p.rows} rows; ${since}`,
    `  the current database is kept aside (renamed) for ${keepPrevious}, and a safety backup is taken first`,
  ].join('\n');
}

/** Each table of the manifest, compared with what the new database holds: the mismatches, in words. */
export function countMismatches(expected: Record<string, number>, restored: Record<string, number>): string[] {
  const out: string[] = [];
  for (const [t, n] of Object.entries(expected)) {
    if (restored[t] === undefined) out.push(`${t}: missing (the manifest says ${n} rows)`);
    else if (restored[t] !== n) out.push(`${t}: ${restored[t]} rows, the manifest says ${n}`);
  }
  for (const t of Object.keys(restored)) if (expected[t] === undefined) out.push(`${t}: ${restored[t]} rows, not in the manifest`);
  return out;
}
