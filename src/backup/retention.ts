import { parseDumpName } from './manifest.js';

/** A file in the backup dir, as the host listed it. */
export interface StoredFile {
  name: string;
  size: number;
}

export interface RetentionPlan {
  /** Verified dumps kept, newest first. */
  kept: string[];
  /** Names to remove (each with its .sha256 and .json): old verified dumps, dumps without a sidecar, orphaned sidecars and manifests, partial files. */
  remove: string[];
}

const DAY_MS = 86_400_000;

/**
 * Keeps the newest `keep` verified dumps and every one younger than `keepDays`; the newest verified
 * dump is never removed. A dump counts as verified only with its .sha256 sidecar beside it (the
 * backup writes the sidecar before it renames the dump): anything else of ours is a leftover of a
 * failed run, removed and never counted. Files that are not ours are left alone.
 */
export function planRetention(files: readonly StoredFile[], project: string, now: Date, keep: number, keepDays: number): RetentionPlan {
  const names = new Set(files.map((f) => f.name));
  const dumps = files
    .map((f) => ({ ...f, at: parseDumpName(f.name, project) }))
    .filter((f): f is StoredFile & { at: Date } => f.at !== undefined);
  const verified = dumps.filter((d) => names.has(`${d.name}.sha256`) && d.size > 0).sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  const kept = verified.filter((d, i) => i < Math.max(1, keep) || now.getTime() - d.at.getTime() < keepDays * DAY_MS).map((d) => d.name);
  const remove = new Set<string>();
  for (const d of dumps) if (!kept.includes(d.name)) remove.add(d.name);
  for (const f of files) {
    const sidecarOf = /^(.*\.dump)\.(sha256|json)$/.exec(f.name)?.[1];
    if (sidecarOf && parseDumpName(sidecarOf, project) && !names.has(sidecarOf)) remove.add(sidecarOf);
    if (/^\..*\.dump\.partial$/.test(f.name) && parseDumpName(f.name.slice(1, -'.partial'.length), project)) remove.add(f.name);
  }
  return { kept, remove: [...remove].sort() };
}
