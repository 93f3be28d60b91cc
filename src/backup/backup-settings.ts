import { isAbsolute, posix, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import { REMOTE_PATH } from '../config/names.js';
import { InputError, shownValue } from '../errors.js';
import { lockOptions, projectName, type ProjectHostSettings } from '../host/host-settings.js';
import { remoteSettings } from '../ssh/remote-settings.js';
import { sshTarget, type SshTarget } from '../ssh/ssh-target.js';

/** The second host that receives a copy of every verified dump. */
export interface CopyTarget {
  target: SshTarget;
  path: string;
}

/** Everything a backup needs, parsed and checked before anything runs (bad input: exit 2). */
export interface BackupSettings extends ProjectHostSettings {
  /** The Compose service running Postgres; for an external database, the label used in messages and the manifest. */
  service: string;
  /** Set for an external database: the client image and the .env variable holding its URL. */
  external?: { image: string; urlVariable: string };
  /** Undefined: the container's POSTGRES_DB (else its user). */
  database?: string;
  /** Undefined: the container's POSTGRES_USER (else postgres). */
  user?: string;
  /** Absolute directory on the host. */
  dir: string;
  keep: number;
  keepDays: number;
  /** The release the data belongs to when the host has none live (GITHUB_SHA or --sha). */
  sha?: string;
  copyTo?: CopyTarget;
  /** Local directory that receives the dump (CLI --download, the workflow's artifact). */
  download?: string;
  /** Check this existing dump instead of taking one. */
  verify?: string;
  actor?: string;
  runUrl?: string;
  dryRun: boolean;
}

/**
 * `host`: what the run already parsed of the host, the project and the lock (a deploy's pre-deploy
 * backup hands its own, so nothing is read twice); the backup command reads them here.
 */
export function backupSettings(settings: Settings, host?: ProjectHostSettings): BackupSettings {
  const remote = host ? { target: host.target, deployPath: host.deployPath } : remoteSettings(settings);
  const b = settings.config.backup ?? {};
  if (!b.service && !b.image) {
    throw new InputError('backup needs backup.service in compose-deploy.yml (the Compose service running Postgres, e.g. db), or backup.image for an external database');
  }
  if (b.service && b.image) throw new InputError('backup.service and backup.image exclude each other: a service of the stack, or an external database reached with that image');
  const project = host?.project ?? projectName(settings, remote.deployPath);
  const lock = host ? { lockTimeout: host.lockTimeout, staleLockAfter: host.staleLockAfter, lockLease: host.lockLease, forceUnlock: host.forceUnlock } : lockOptions(settings);
  const download = settings.option('download');
  const verify = settings.option('verify');
  // A name in backup.dir, or an absolute path: never an option to the host's tools, never "..".
  const verifyShape = verify !== undefined && (verify.includes('/') ? REMOTE_PATH.test(verify) && !verify.split('/').includes('..') : /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(verify));
  if (verify !== undefined && (!verifyShape || verify.length > 1024)) throw new InputError(`input "verify" must be a backup's name in backup.dir or an absolute path of letters, digits, ".", "_", "-" and "/" with no ".." part, got ${shownValue(verify)}`);
  return {
    ...remote,
    project,
    service: b.service ?? 'external',
    external: b.image ? { image: b.image, urlVariable: b.urlVariable ?? 'DATABASE_URL' } : undefined,
    database: b.database,
    user: b.user,
    dir: backupDir(remote.deployPath, b.dir, b.allowOutside ?? false),
    keep: b.keep ?? 7,
    keepDays: b.keepDays ?? 0,
    sha: settings.sha,
    copyTo: copyTarget(settings),
    download: download === undefined ? undefined : resolve(settings.cwd, download),
    verify: verify === undefined ? undefined : verify.includes('/') ? verify : `${backupDir(remote.deployPath, b.dir, b.allowOutside ?? false)}/${verify}`,
    ...lock,
    actor: settings.run.actor,
    runUrl: settings.run.runUrl,
    dryRun: settings.dryRun,
  };
}

/** backup.dir resolved against the deploy path; outside it only with allow-outside (a typo must not write into /etc). */
export function backupDir(deployPath: string, dir: string | undefined, allowOutside: boolean): string {
  const raw = dir ?? 'backups';
  if (raw.split('/').includes('..')) throw new InputError(`backup.dir ${shownValue(raw)} must not contain ".."`);
  const abs = posix.normalize(isAbsolute(raw) ? raw : `${deployPath}/${raw}`).replace(/\/+$/, '');
  if (!REMOTE_PATH.test(abs) || abs === '') throw new InputError(`backup.dir ${shownValue(raw)} is not a usable path`);
  const root = deployPath.replace(/\/+$/, '');
  const inside = abs.startsWith(`${root}/`);
  if (!inside && !allowOutside) {
    throw new InputError(`backup.dir ${abs} is outside the deploy path ${root}; set backup.allow-outside: true if that is intended`);
  }
  return abs;
}

/** backup.copy-to as a pinned SSH target, with its key and known_hosts inputs (also the restore-test source "copy"). */
export function copyTarget(settings: Settings): CopyTarget | undefined {
  const c = settings.config.backup?.copyTo;
  if (!c) return undefined;
  const privateKey = settings.option('copy-to-ssh-private-key');
  const knownHosts = settings.option('copy-to-known-hosts');
  if (!privateKey) throw new InputError('backup.copy-to needs input "copy-to-ssh-private-key" (CLI: --copy-to-ssh-private-key-file)');
  if (!knownHosts) throw new InputError('backup.copy-to needs input "copy-to-known-hosts": the second host\'s key is pinned like the deploy host\'s');
  const target = sshTarget({ host: c.address, port: c.port ?? 22, user: c.user, privateKey, knownHosts });
  return { target, path: c.path.replace(/\/+$/, '') };
}
