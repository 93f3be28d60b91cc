/*
 * The SQL the backup sends. Fixed text, handed to the host scripts as positional arguments; only
 * identifiers read from the catalog are spliced in, on the server, with format('%I').
 */

/** One line: database, role, server version and database size (the disk estimate). */
export const FACTS_SQL = `SELECT 'facts=' || json_build_object('database', current_database(), 'user', current_user, 'server_version', current_setting('server_version'), 'database_size', pg_database_size(current_database()))::text;`;

/**
 * One line: every ordinary table's row count, as JSON. query_to_xml runs each count inside the
 * calling transaction, so all of them see the exported snapshot. Temporary tables of other sessions
 * and the system schemas are not dumped, so they are not counted.
 */
export const COUNTS_SQL = `SELECT 'counts=' || coalesce(json_object_agg(n.nspname || '.' || c.relname, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint ORDER BY n.nspname, c.relname), '{}')::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND c.relpersistence <> 't' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%';`;
