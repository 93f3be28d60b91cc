import type { Field } from '../schema.js';
import { REMOTE_PATH, REMOTE_PATH_HINT, SERVICE_NAME, SERVICE_NAME_HINT, USERNAME } from '../names.js';
import { sshAddressFields } from './host.js';

/** Postgres identifiers we accept for a database or role: they end up in remote argv and file names. */
export const PG_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const PG_NAME_HINT = 'letters, digits, "_", "." and "-", starting with a letter or "_"';
/** A backup dir: absolute, or relative to the deploy path; ".." is refused where the path is resolved. */
const BACKUP_DIR = /^[A-Za-z0-9._/-]+$/;

/** Settings of `backup` and of the pre-deploy backup (deploy.backup). */
export const backupSection: Field = {
  kind: 'object',
  describe: 'Postgres backups of a database in the stack (command backup, and deploy.backup before every deploy)',
  fields: {
    service: { kind: 'string', describe: 'The Compose service running Postgres (e.g. db). Without it, backup.image backs up an external database', pattern: SERVICE_NAME, patternHint: SERVICE_NAME_HINT },
    image: {
      kind: 'string',
      describe: 'External Postgres (a managed database): the Postgres image whose pg_dump runs in a throwaway container on the host, connecting to the URL in the live release\'s .env (backup.url-variable); its major version must be at least the server\'s',
      pattern: /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/,
      patternHint: 'an image reference',
    },
    'url-variable': { kind: 'string', describe: 'External Postgres: the variable in the release\'s .env holding the postgres:// URL (default DATABASE_URL)', pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, patternHint: 'a variable name' },
    database: { kind: 'string', describe: 'Database to dump (default: the service\'s POSTGRES_DB, else its POSTGRES_USER, else postgres)', pattern: PG_NAME, patternHint: PG_NAME_HINT },
    user: { kind: 'string', describe: 'Role pg_dump connects as, over the container\'s local socket (default: the service\'s POSTGRES_USER, else postgres)', pattern: PG_NAME, patternHint: PG_NAME_HINT },
    dir: { kind: 'string', describe: 'Where dumps are kept on the host: absolute, or relative to the deploy path (default <deploy-path>/backups)', pattern: BACKUP_DIR, patternHint: 'a path of letters, digits, ".", "_", "-" and "/"' },
    'allow-outside': { kind: 'bool', describe: 'Allow a backup dir outside the deploy path (default false)' },
    keep: { kind: 'int', describe: 'Newest verified dumps always kept (default 7)', min: 1, max: 1000 },
    'keep-days': { kind: 'int', describe: 'Dumps younger than this many days are kept too (default 0: only keep counts)', min: 0, max: 3650 },
    'copy-to': {
      kind: 'object',
      describe: 'A second SSH host that receives every verified dump with its manifest and sidecar (inputs copy-to-ssh-private-key and copy-to-known-hosts); the checksum is verified there',
      fields: {
        ...sshAddressFields,
        user: { kind: 'string', describe: 'SSH user on that host', pattern: USERNAME, patternHint: 'a POSIX user name' },
        path: { kind: 'string', describe: 'Directory on that host for the copies', pattern: REMOTE_PATH, patternHint: REMOTE_PATH_HINT },
      },
      required: ['address', 'user', 'path'],
    },
  },
};

export interface BackupCopyToConfig {
  address: string;
  port?: number;
  user: string;
  path: string;
}

export interface BackupConfig {
  service?: string;
  image?: string;
  urlVariable?: string;
  database?: string;
  user?: string;
  dir?: string;
  allowOutside?: boolean;
  keep?: number;
  keepDays?: number;
  copyTo?: BackupCopyToConfig;
}
