import { majorOf } from './manifest.js';

/** What a dump needs from the server it is restored into, read before restoring anything. */
export interface DumpNeeds {
  /** "Dumped from database version" / "Dumped by pg_dump version", as the dump states them. */
  serverVersion?: string;
  pgDumpVersion?: string;
  extensions: string[];
  /** Roles named as owners or grantees (only a plain dump, restored by psql, needs them to exist). */
  roles: string[];
}

/** From `pg_restore --list` output: the header's versions and the TOC's EXTENSION entries and owners. */
export function needsFromToc(list: string): DumpNeeds {
  const extensions = new Set<string>();
  const roles = new Set<string>();
  for (const raw of list.split('\n')) {
    // "215; 1259 16390 TABLE public orders shop": the owner is the last word; an entry without one
    // (a COMMENT, an EXTENSION) ends with a space.
    const line = raw.replace(/\r$/, '');
    const m = /^\d+;\s+\d+\s+\d+\s+(.+)$/.exec(line);
    if (!m) continue;
    const words = m[1]!.trim().split(/\s+/);
    if (words[0] === 'EXTENSION' && words[2]) extensions.add(words[2]);
    if (!line.endsWith(' ') && words.length >= 4) roles.add(words.at(-1)!);
  }
  return { ...versionsIn(list, /;\s+Dumped from database version: (\S+)/, /;\s+Dumped by pg_dump version: (\S+)/), extensions: [...extensions].sort(), roles: [...roles].sort() };
}

/** From a plain SQL dump's text: the header's versions, CREATE EXTENSION, OWNER TO and GRANT ... TO. */
export function needsFromSql(sql: string): DumpNeeds {
  const extensions = new Set<string>();
  const roles = new Set<string>();
  for (const m of sql.matchAll(/^CREATE EXTENSION (?:IF NOT EXISTS )?("?)([A-Za-z0-9_-]+)\1/gm)) extensions.add(m[2]!);
  for (const m of sql.matchAll(/ OWNER TO ("?)([^";\s]+)\1;/g)) roles.add(m[2]!);
  for (const m of sql.matchAll(/^GRANT .* TO (.+);$/gm)) {
    for (const r of m[1]!.split(',')) {
      const name = r.trim().replace(/^"|"$/g, '');
      if (name && name.toUpperCase() !== 'PUBLIC') roles.add(name);
    }
  }
  return { ...versionsIn(sql, /^-- Dumped from database version (\S+)/m, /^-- Dumped by pg_dump version (\S+)/m), extensions: [...extensions].sort(), roles: [...roles].sort() };
}

function versionsIn(text: string, from: RegExp, by: RegExp): Pick<DumpNeeds, 'serverVersion' | 'pgDumpVersion'> {
  return { serverVersion: from.exec(text)?.[1], pgDumpVersion: by.exec(text)?.[1] };
}

/**
 * A dump from (or by) a newer major than the server: refused before trying, in plain words. pg_dump
 * writes SQL for its own major (SET transaction_timeout from 17 on), which an older server rejects.
 */
export function newerMajorProblem(needs: Pick<DumpNeeds, 'serverVersion' | 'pgDumpVersion'>, serverMajor: number): string | undefined {
  const dumpMajor = Math.max(majorOf(needs.serverVersion) ?? 0, majorOf(needs.pgDumpVersion) ?? 0);
  if (dumpMajor <= serverMajor) return undefined;
  return `the dump comes from PostgreSQL ${dumpMajor} (dumped from database version ${needs.serverVersion ?? 'unknown'} by pg_dump ${needs.pgDumpVersion ?? 'unknown'}), newer than the disposable server's ${serverMajor}: a PostgreSQL ${serverMajor} server cannot restore it, so nothing was restored; use PostgreSQL ${dumpMajor} or later (restore-test.image, or newer binaries for postgres: native)`;
}
