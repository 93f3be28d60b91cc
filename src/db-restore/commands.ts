import type { Command } from '../runner/runner.js';
import { hostScript } from '../host/script.js';
import { COUNTS_SQL } from '../backup/sql.js';
import { MANIFESTS_SCRIPT, READ_MANIFEST_SCRIPT, RESTORE_SCRIPT, STAGE_SCRIPT, STATE_SCRIPT } from './shell-scripts.js';

/*
 * Each remote step of a restore as data. Postgres work runs in the database service's own container
 * (docker exec, never -t: a TTY would rewrite the dump's bytes), through psql with ON_ERROR_STOP and
 * the names as psql variables (:'x' a literal, :"x" an identifier, quoted by psql itself): the SQL
 * is fixed text on stdin. The admin connection goes to the "postgres" database: the one being
 * replaced cannot be renamed while a session is in it.
 */

interface Pg {
  container: string;
  user: string;
}

function psql(pg: Pg, database: string, vars: Record<string, string>, sql: string): Command {
  const v = Object.entries(vars).flatMap(([k, value]) => ['-v', `${k}=${value}`]);
  return { argv: ['docker', 'exec', '-i', pg.container, 'psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-U', pg.user, '-d', database, ...v], stdin: sql };
}

/**
 * A new, empty database beside the live one, with the live one's owner, encoding and locale; a
 * leftover of that name (a killed restore's) is dropped first. Its sessions (a pg_restore still
 * running from a killed run) are ended so the drop can go through.
 */
const PREPARE_SQL = `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :'restored';
DROP DATABASE IF EXISTS :"restored";
SELECT pg_get_userbyid(datdba) AS owner, pg_encoding_to_char(encoding) AS enc, datcollate AS coll, datctype AS ctype FROM pg_database WHERE datname = :'db' \\gset
CREATE DATABASE :"restored" WITH TEMPLATE template0 OWNER :"owner" ENCODING :'enc' LC_COLLATE :'coll' LC_CTYPE :'ctype';
`;

export const prepareCommand = (pg: Pg, db: string, restored: string) => psql(pg, 'postgres', { db, restored }, PREPARE_SQL);

/** Drops a database (a restore's leftover, or one kept aside whose time is up), ending its sessions first. */
const DROP_SQL = `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :'name';
DROP DATABASE IF EXISTS :"name";
`;

export const dropCommand = (pg: Pg, name: string) => psql(pg, 'postgres', { name }, DROP_SQL);

/**
 * A cancelled restore's pg_restore cut off: the new database refuses connections (so a pg_restore
 * not yet connected never starts) and its sessions are ended. Only the restore uses that database.
 */
const INTERRUPT_SQL = `ALTER DATABASE :"name" ALLOW_CONNECTIONS false;
SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :'name';
`;

export const interruptCommand = (pg: Pg, name: string) => psql(pg, 'postgres', { name }, INTERRUPT_SQL);

/** The server's databases, one name a line. */
export const listDatabasesCommand = (pg: Pg) => psql(pg, 'postgres', {}, 'SELECT datname FROM pg_database ORDER BY 1;\n');

export const pgRestoreCommand = (pg: Pg, restored: string, file: string): Command => hostScript('restore', RESTORE_SCRIPT, [pg.container, pg.user, restored, file]);

/** The database container's CPUs, as its processes see them (nproc: its CPU set). */
export const cpusCommand = (pg: Pg): Command => ({ argv: ['docker', 'exec', pg.container, 'nproc'] });

/** Where a dump is copied in the database container for a parallel restore; the prefix finds a killed run's copy. */
export const STAGED_PREFIX = '/tmp/compose-deploy-restore-';

export const stageCommand = (pg: Pg, file: string, staged: string): Command => hostScript('restore-stage', STAGE_SCRIPT, [pg.container, file, staged]);

export const unstageCommand = (pg: Pg, staged: string): Command => ({ argv: ['docker', 'exec', pg.container, 'rm', '-f', staged] });

/**
 * pg_restore with several jobs from the copy in the container. Not one transaction (pg_restore
 * refuses --single-transaction with --jobs): a failure leaves the new database half filled, and the
 * restore drops it; it never became the live one.
 */
export const parallelRestoreCommand = (pg: Pg, restored: string, staged: string, jobs: number): Command => ({
  argv: ['docker', 'exec', pg.container, 'pg_restore', '--exit-on-error', `--jobs=${jobs}`, '-U', pg.user, '-d', restored, staged],
});

/** Every table's rows in a database, counted as the backup's manifest counted them (counts=JSON). */
export const countsCommand = (pg: Pg, database: string) => psql(pg, database, {}, `${COUNTS_SQL}\n`);

/**
 * The swap, in one transaction: `live` renamed to `aside`, `incoming` renamed to `live`. Either both
 * renames happen or neither: no moment leaves the app without its database. New sessions to `live`
 * are refused first and the open ones ended (a rename needs none); then both accept connections (the
 * one set aside, so a person can read rows from it). The caller retries while a session is still closing.
 */
const SWAP_SQL = `ALTER DATABASE :"live" ALLOW_CONNECTIONS false;
SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname IN (:'live', :'incoming') AND pid <> pg_backend_pid();
SELECT pg_sleep(0.2);
BEGIN;
ALTER DATABASE :"live" RENAME TO :"aside";
ALTER DATABASE :"incoming" RENAME TO :"live";
ALTER DATABASE :"live" ALLOW_CONNECTIONS true;
ALTER DATABASE :"aside" ALLOW_CONNECTIONS true;
COMMIT;
`;

export const swapCommand = (pg: Pg, live: string, incoming: string, aside: string) => psql(pg, 'postgres', { live, incoming, aside }, SWAP_SQL);

/** After a swap that failed: the live database accepts connections again (the swap refused them first). */
export const allowConnectionsCommand = (pg: Pg, name: string) => psql(pg, 'postgres', { name }, 'ALTER DATABASE :"name" ALLOW_CONNECTIONS true;\n');

export const writeStateCommand = (deployPath: string, state: object): Command => hostScript('restore-state', STATE_SCRIPT, [deployPath, 'write'], `${JSON.stringify(state)}\n`);

export const clearStateCommand = (deployPath: string): Command => hostScript('restore-state', STATE_SCRIPT, [deployPath, 'clear']);

/** $1 a dump path: its manifest (the preview reads it without reading the dump). */
export const readManifestCommand = (file: string): Command => hostScript('restore-manifest', READ_MANIFEST_SCRIPT, [file]);

export const manifestsCommand = (dir: string): Command => hostScript('restore-manifests', MANIFESTS_SCRIPT, [dir]);
