import type { Settings } from '../config/settings.js';
import { releaseComposeFiles, rolloutSettings, type RolloutSettings } from '../deploy/deploy-settings.js';
import { InputError } from '../errors.js';
import { parseRollbackTo } from './rollback-target.js';

/** What a rollback was asked for: the target (resolved on the host) and why. */
export interface RollbackRequest {
  /** A sha or prefix; undefined: the release live before the current one. */
  to?: string;
  reason?: string;
}

/** A rollback: the rolling procedure's settings, and what was asked for. */
export interface RollbackSettings extends RolloutSettings {
  request: RollbackRequest;
}

/**
 * rollback: the deploy's settings without what only a new release has (its files, its .env; its
 * commit is resolved on the host). The repository's prod set names the Compose files of releases
 * made before each release recorded its own.
 */
export function rollbackSettings(settings: Settings): RollbackSettings {
  const reason = settings.option('reason')?.trim();
  if (reason !== undefined && reason.length > 500) throw new InputError('input "reason" is longer than 500 characters; say it in a sentence');
  return {
    ...rolloutSettings(settings, releaseComposeFiles(settings)),
    request: { to: parseRollbackTo(settings.option('to')), reason: reason || undefined },
  };
}
