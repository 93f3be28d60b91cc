import type { Field } from '../schema.js';
import { SERVICE_NAME, SERVICE_NAME_HINT } from '../names.js';
import { DURATION } from './restore-test.js';

/** Settings of `restore` (the production database put back to a verified backup) and `rollback` with-data. */
export const restoreSection: Field = {
  kind: 'object',
  describe: 'Settings of restore: the production database of backup.service put back to a verified backup',
  fields: {
    'keep-previous': { kind: 'string', describe: 'How long the database a restore replaced is kept aside (renamed) before a later restore drops it, e.g. 7d (default 7d)', pattern: DURATION, patternHint: 'a whole number followed by s, m, h or d (e.g. 7d)' },
    jobs: {
      kind: 'int',
      describe: 'pg_restore jobs filling the new database (default: the database container\'s CPUs, at most 4; 1 for a dump pg_restore cannot restore in parallel)',
      min: 1,
      max: 64,
    },
    services: {
      kind: 'list',
      describe: 'The services stopped while the database is replaced and started again through their health gates (default: the services the deploy rolls, i.e. the release\'s own images)',
      of: { kind: 'string', describe: '', pattern: SERVICE_NAME, patternHint: SERVICE_NAME_HINT },
    },
  },
};

export interface RestoreConfig {
  keepPrevious?: string;
  jobs?: number;
  services?: string[];
}
