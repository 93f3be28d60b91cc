import type { Command } from '../runner/runner.js';
import { CLIENT_START_SCRIPT, CLIENT_STOP_SCRIPT, DUMP_SCRIPT, FINISH_SCRIPT, IN_CONTAINER_DUMP_SCRIPT, INSPECT_SCRIPT, READ_SCRIPT, RECEIVE_META_SCRIPT, RECEIVE_SCRIPT, REMOVE_SCRIPT, VERIFY_SCRIPT } from './shell-scripts.js';
import { COUNTS_SQL, FACTS_SQL } from './sql.js';
import { PG_URL_TO_ENV_AWK } from './url-parser.js';

/**
 * Each remote step of a backup as a Command: pure, unit-tested, printed by dry-run. The scripts
 * (src/backup/sh/) run Postgres work in the database's own container through `docker exec` without
 * -t (a TTY would rewrite the binary dump's bytes); the container is found by its Compose labels, never by name.
 */
const script = (name: string, body: string, args: readonly string[], stdin?: string): Command => ({
  argv: ['sh', '-c', body, `compose-deploy-backup-${name}`, ...args],
  stdin,
});

/** `container`: a client container already started (external Postgres); else the service's is found by its labels. */
export const inspectCommand = (project: string, service: string, database: string | undefined, user: string | undefined, dir: string, container = '') =>
  script('inspect', INSPECT_SCRIPT, [project, service, database ?? '', user ?? '', dir, FACTS_SQL, container]);

export const dumpCommand = (container: string, database: string, user: string, tmp: string) => script('dump', DUMP_SCRIPT, [container, database, user, tmp, COUNTS_SQL, IN_CONTAINER_DUMP_SCRIPT]);

export const finishCommand = (tmp: string, final: string, sha256: string, manifestJson: string) => script('finish', FINISH_SCRIPT, [tmp, final, sha256], `${manifestJson}\n`);

export const removeCommand = (dir: string, names: readonly string[]) => script('remove', REMOVE_SCRIPT, [dir, ...names]);

/** `container` "" runs pg_restore in a throwaway container of `image` instead. */
export const verifyCommand = (container: string, image: string, file: string) => script('verify', VERIFY_SCRIPT, [container, image, file]);

export const readCommand = (file: string) => script('read', READ_SCRIPT, [file]);

export const receiveCommand = (dir: string, name: string, sha256: string) => script('receive', RECEIVE_SCRIPT, [dir, name, sha256]);

export const receiveMetaCommand = (dir: string, name: string, sha256: string, manifestJson: string) =>
  script('receive-meta', RECEIVE_META_SCRIPT, [dir, name, sha256], `${manifestJson}\n`);

/** The temporary name a dump is written under: hidden, so no listing or glob of *.dump sees it. */
export const partialPath = (dir: string, name: string) => `${dir}/.${name}.partial`;

/** External Postgres: a throwaway client container holding the URL's connection settings. */
export const clientStartCommand = (deployPath: string, urlVariable: string, image: string) =>
  script('client-start', CLIENT_START_SCRIPT, [deployPath, urlVariable, image, PG_URL_TO_ENV_AWK]);

export const clientStopCommand = (container: string) => script('client-stop', CLIENT_STOP_SCRIPT, [container]);
