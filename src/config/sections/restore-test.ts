import type { Field } from '../schema.js';
import { RELATIVE_FILE, RELATIVE_FILE_HINT } from '../names.js';

/** `12h`, `26h`, `7d`, `90m`: how old a backup may be (RPO) or how long since the last drill. */
export const DURATION = /^[0-9]+[smhd]$/;
const duration = (describe: string): Field => ({ kind: 'string', describe, pattern: DURATION, patternHint: 'a whole number followed by s, m, h or d (e.g. 26h, 7d)' });

/** Settings of `restore-test` (issue: restore-test). */
export const restoreTestSection: Field = {
  kind: 'object',
  describe: 'Settings of the restore-test drill',
  fields: {
    source: {
      kind: 'string',
      describe: 'Where the backup comes from: ssh (the newest verified one in the host\'s backup dir, read-only), file (a local path or glob: input backup-file), copy (the off-host copy target of backup.copy-to). Default: file when backup-file is given, else ssh',
      values: ['ssh', 'file', 'copy'],
    },
    'max-age': duration('Oldest acceptable backup (RPO), e.g. 26h or 7d (default 26h)'),
    postgres: { kind: 'string', describe: 'The disposable server: docker (a container of image, no network) or native (an initdb cluster in a temp dir from this machine\'s PostgreSQL binaries). Default docker', values: ['docker', 'native'] },
    image: { kind: 'string', describe: 'Postgres image for postgres: docker (default postgres:<major of the dump>)', pattern: /^[A-Za-z0-9._/:@-]+$/, patternHint: 'an image reference' },
    'required-tables': { kind: 'list', describe: 'Tables that must exist after the restore, as schema.table (or table, meaning public.table)', of: { kind: 'string', describe: '', pattern: /^[A-Za-z0-9_$.]+$/, patternHint: 'schema.table' } },
    assertions: { kind: 'string', describe: 'A SQL file in the repository; each statement (ended by ";" at the end of a line) must return a single true value', pattern: RELATIVE_FILE, patternHint: RELATIVE_FILE_HINT },
    'create-roles': { kind: 'bool', describe: 'Create the roles the dump references but the server lacks (NOLOGIN) before restoring; else they are named in the error (default false)' },
    'warn-after': duration('The deploy warns when the last successful restore-test run is older than this (default 100d); read through the GitHub API when the deploy has github-token'),
    workflow: { kind: 'string', describe: 'File name of the workflow that runs the drill, for that warning (default restore-test.yml)', pattern: /^[A-Za-z0-9._-]+\.ya?ml$/, patternHint: 'a workflow file name such as restore-test.yml' },
  },
};

export interface RestoreTestConfig {
  source?: 'ssh' | 'file' | 'copy';
  maxAge?: string;
  postgres?: 'docker' | 'native';
  image?: string;
  requiredTables?: string[];
  assertions?: string;
  createRoles?: boolean;
  warnAfter?: string;
  workflow?: string;
}
