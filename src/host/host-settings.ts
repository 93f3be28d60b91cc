import { basename } from 'node:path';
import { PROJECT_NAME, PROJECT_NAME_HINT } from '../config/names.js';
import { toBool, toInt, type Settings } from '../config/settings.js';
import { InputError, shownValue } from '../errors.js';
import { remoteSettings, type RemoteSettings } from '../ssh/remote-settings.js';
import type { LockOptions } from './lock.js';

/**
 * What every command that works in the deploy path shares: the host, the path, the Compose project
 * and the lock's options. Parsed once per run (deploy hands its own to the pre-deploy backup).
 */
export interface ProjectHostSettings extends RemoteSettings, LockOptions {
  project: string;
}

export function projectHostSettings(settings: Settings): ProjectHostSettings {
  const remote = remoteSettings(settings);
  return { ...remote, project: projectName(settings, remote.deployPath), ...lockOptions(settings) };
}

/** The Compose project on the host: input or config `project`, else the deploy path's last part made a valid name. */
export function projectName(settings: Settings, deployPath: string): string {
  const project = settings.option('project', settings.config.project) ?? basename(deployPath).toLowerCase().replace(/[^a-z0-9_-]/g, '-');
  if (!PROJECT_NAME.test(project) || project.length > 255) throw new InputError(`project name ${shownValue(project)} is not valid for Compose: set "project" in compose-deploy.yml (${PROJECT_NAME_HINT})`);
  return project;
}

/** The lock's options (config deploy.*, inputs lock-timeout, lock-lease, force-unlock), one reading for every command. */
export function lockOptions(settings: Settings): LockOptions {
  const d = settings.config.deploy ?? {};
  return {
    lockTimeout: toInt('lock-timeout', settings.option('lock-timeout', d.lockTimeout)!, 0, 86400),
    staleLockAfter: d.staleLockAfter ?? 3600,
    lockLease: toInt('lock-lease', settings.option('lock-lease', d.lockLease)!, 10, 86400),
    forceUnlock: toBool('force-unlock', settings.option('force-unlock')!),
  };
}
