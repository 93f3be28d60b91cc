/**
 * The checks after a restore, as SQL run by psql -At (one row a line, fields split by "|") and pure
 * comparisons of what came back with what the backup's manifest promised.
 */

/** Every table's exact row count, in one statement (query_to_xml runs a count per table). */
export const ROW_COUNTS_SQL = `SELECT table_schema || '.' || table_name,
  (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_toast%'
ORDER BY 1;`;

/** Counts of schema objects outside the system schemas. */
export const OBJECT_COUNTS_SQL = `SELECT 'tables', count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'indexes', count(*) FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'sequences', count(*) FROM pg_sequences WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'views', count(*) FROM pg_views WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'functions', count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL SELECT 'extensions', count(*) FROM pg_extension WHERE extname <> 'plpgsql';`;

export function parsePairs(out: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of out.split('\n')) {
    const i = line.lastIndexOf('|');
    if (i <= 0) continue;
    m.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return m;
}

export interface TableCheck {
  table: string;
  /** From the manifest; undefined when the backup has none (counts are then reported, not compared). */
  expected?: number;
  restored?: number;
  ok: boolean;
}

/** Each table the manifest names must come back with exactly its row count; tables it does not name are reported. */
export function compareTables(expected: Record<string, number> | undefined, restored: ReadonlyMap<string, number>): TableCheck[] {
  const names = new Set([...Object.keys(expected ?? {}), ...restored.keys()]);
  return [...names].sort().map((table) => {
    const e = expected?.[table];
    const r = restored.get(table);
    return { table, expected: e, restored: r, ok: expected === undefined || e === undefined ? r !== undefined : r === e };
  });
}

/** `orders` means public.orders, as in SQL. */
export function qualified(table: string): string {
  return table.includes('.') ? table : `public.${table}`;
}

/**
 * An assertions file: statements ended by ";" at the end of a line (a ";" inside a line, as in a
 * string literal, does not end one). Comment-only and empty statements are dropped.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of sql.replace(/\r\n/g, '\n').split('\n')) {
    current.push(line);
    if (/;\s*(--.*)?$/.test(line)) {
      out.push(current.join('\n'));
      current = [];
    }
  }
  out.push(current.join('\n'));
  // Leading comment lines describe a statement; the report names the statement itself.
  const isNote = (l: string) => l.trim() === '' || l.trim().startsWith('--');
  return out
    .map((s) => {
      const lines = s.split('\n');
      while (lines.length > 0 && isNote(lines[0]!)) lines.shift();
      return lines.join('\n').trim();
    })
    .filter(Boolean);
}
