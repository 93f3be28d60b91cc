import type { BackupManifest } from '../backup/manifest.js';

/**
 * A manifest as restore-test reads it: what `backup` writes (backup/manifest.ts), every field
 * optional, since a dump made by hand or by another tool may carry less, or none at all.
 */
export type ManifestAsRead = Partial<Pick<BackupManifest, 'database' | 'server_version' | 'pg_dump_version' | 'size' | 'sha256' | 'created_at' | 'sha' | 'tables'>>;

/** Parses a manifest; a broken one is a finding of its own, not a crash. */
export function parseManifest(text: string, file: string): ManifestAsRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message})`, { cause: err });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${file} is not a JSON object`);
  const o = raw as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  let tables: Record<string, number> | undefined;
  if (o['tables'] !== undefined) {
    if (o['tables'] === null || typeof o['tables'] !== 'object' || Array.isArray(o['tables'])) throw new Error(`${file}: "tables" is not an object of "schema.table": row count`);
    tables = {};
    for (const [k, v] of Object.entries(o['tables'] as Record<string, unknown>)) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`${file}: tables["${k}"] is not a row count`);
      tables[k] = v;
    }
  }
  return {
    database: str('database'),
    server_version: str('server_version'),
    pg_dump_version: str('pg_dump_version'),
    size: typeof o['size'] === 'number' ? o['size'] : undefined,
    sha256: str('sha256'),
    created_at: str('created_at'),
    sha: str('sha'),
    tables,
  };
}

/** "15.18 (Debian 15.18-0+deb12u1)" or "PostgreSQL 17.2" -> 15 / 17. */
export function majorOf(version: string | undefined): number | undefined {
  const m = /(\d+)(?:\.(\d+))?/.exec(version ?? '');
  if (!m) return undefined;
  const major = Number(m[1]);
  // Before 10, the major was two numbers (9.6); every server this drill can start is 10 or later.
  return major >= 10 ? major : undefined;
}
