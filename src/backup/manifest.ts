/** What is known about one dump; written beside it as <dump>.json and returned as the backup-manifest output. */
export interface BackupManifest {
  project: string;
  service: string;
  database: string;
  user: string;
  format: 'custom';
  server_version: string;
  pg_dump_version: string;
  /** Bytes. */
  size: number;
  sha256: string;
  /** UTC, ISO 8601; the same instant as the timestamp in the file name. */
  created_at: string;
  duration_seconds: number;
  /** The release whose data this is: the live release, else the run's commit. */
  sha: string;
  /** Row count of every table, counted in the very snapshot pg_dump dumped: "schema.table" -> rows. */
  tables: Record<string, number>;
  /** Set on a pre-deploy backup: the release about to be deployed. */
  deploying_sha?: string;
}

/** <project>-<UTC yyyymmddThhmmssZ>-<sha>.dump */
export function dumpFileName(project: string, at: Date, sha: string): string {
  return `${project}-${utcStamp(at)}-${sha}.dump`;
}

export function utcStamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

const NAME = /^(?<project>[a-z0-9][a-z0-9_-]*)-(?<stamp>\d{8}T\d{6}Z)-(?<sha>[0-9a-z]+)\.dump$/;

/** The instant a dump file name carries, or undefined for a name that is not one of ours. */
export function parseDumpName(name: string, project: string): Date | undefined {
  const m = NAME.exec(name);
  if (!m || m.groups!['project'] !== project) return undefined;
  const s = m.groups!['stamp']!;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** The counts line the host prints (`{"public.t" : 3}`), as a plain object of whole numbers. */
export function parseTableCounts(json: string): Record<string, number> {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const [table, n] of Object.entries(raw)) {
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`row count of ${table} is not a whole number: ${JSON.stringify(n)}`);
    out[table] = n;
  }
  return out;
}
