import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readContainedText } from '../config/contained-file.js';
import { parseDuration } from '../config/duration.js';
import type { Settings } from '../config/settings.js';
import { InputError } from '../errors.js';
import { qualified } from './checks.js';

export interface RestoreTestSettings {
  source: 'ssh' | 'file' | 'copy';
  /** source file: the local path or glob. */
  backupFile?: string;
  maxAgeSeconds: number;
  maxAge: string;
  postgres: 'docker' | 'native';
  /** postgres: docker; undefined: postgres:<major of the dump>. */
  image?: string;
  requiredTables: string[];
  /** The assertions file's text, read once here (inside the repository only). */
  assertions?: { file: string; sql: string };
  createRoles: boolean;
  reportFile: string;
  /** pg_restore -j: one job per core. */
  jobs: number;
  cwd: string;
}

export function restoreTestSettings(settings: Settings): RestoreTestSettings {
  const c = settings.config.restoreTest ?? {};
  const backupFile = settings.option('backup-file');
  const source = backupFile ? 'file' : (c.source ?? (settings.host ? 'ssh' : 'file'));
  if (source === 'file' && !backupFile) throw new InputError('restore-test with source: file needs input "backup-file" (a local path or glob, e.g. backups/shop-*.dump)');
  const maxAge = c.maxAge ?? '26h';
  const tmp = settings.option('report-file') ?? join(process.env['RUNNER_TEMP'] || tmpdir(), 'compose-deploy-restore-test.json');
  return {
    source,
    backupFile,
    maxAge,
    maxAgeSeconds: parseDuration('restore-test.max-age', maxAge),
    postgres: c.postgres ?? 'docker',
    image: c.image,
    requiredTables: (c.requiredTables ?? []).map(qualified),
    assertions: c.assertions ? { file: c.assertions, sql: readInsideRepository(settings.cwd, c.assertions, 'restore-test.assertions') } : undefined,
    createRoles: c.createRoles ?? false,
    reportFile: resolve(settings.cwd, tmp),
    jobs: Math.max(1, availableParallelism()),
    cwd: settings.cwd,
  };
}

/** A file the config names, read only when it really is a regular file inside the repository (after symlinks). */
function readInsideRepository(cwd: string, path: string, key: string): string {
  return readContainedText(cwd, cwd, path, { key, what: `${key} file`, displayName: path });
}
