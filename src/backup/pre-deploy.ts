import type { Settings } from '../config/settings.js';
import { OperationError } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import type { HostRunner } from '../runner/runner.js';
import type { HostConnector } from '../ssh/connect.js';
import type { ProjectHostSettings } from '../host/host-settings.js';
import { backupSettings, type BackupSettings } from './backup-settings.js';
import { backupAndKeep, backupOutputs } from './backup-flow.js';

/** What the deploy knows when the backup is due: after the pull, before the migration. */
export interface DeployMoment {
  /** The live release, if any. */
  live?: string;
  /** The release about to be deployed. */
  deploying: string;
  /** service -> image of what the project runs now. */
  running: Readonly<Record<string, string>>;
  /** The services of the release about to be deployed. */
  services: readonly string[];
}

/**
 * deploy.backup: a backup before every deploy, inside the deploy's lock, before migrations. A failed
 * backup throws before anything running was touched, so the deploy stops there. A first deploy (no
 * database running yet) has nothing to back up: skipped, and said in the summary.
 */
export class PreDeployBackup {
  private constructor(private readonly bs: BackupSettings) {}

  /**
   * Undefined unless deploy.backup is true; bad backup settings are bad input before the deploy starts.
   * `host`: the deploy's own reading of the host, project and lock, not parsed a second time.
   */
  static forDeploy(settings: Settings, host: ProjectHostSettings): PreDeployBackup | undefined {
    if (!settings.config.deploy?.backup) return undefined;
    return new PreDeployBackup({ ...backupSettings(settings, host), download: undefined, verify: undefined });
  }

  /** Returns the backup-file and backup-manifest outputs (empty when skipped). */
  async run(runner: HostRunner, connect: HostConnector, at: DeployMoment, reporter: Reporter): Promise<Record<string, string>> {
    const { service } = this.bs;
    if (this.bs.external && !at.live) {
      const why = 'Pre-deploy backup skipped: no release is live yet (first deploy), so there is no release .env with the database URL.';
      reporter.info(why);
      reporter.summary(`${why}\n`);
      return backupOutputs(undefined);
    }
    if (!this.bs.external && !at.running[service]) {
      if (!at.services.includes(service)) throw new OperationError(`deploy.backup: backup.service "${service}" is not a service of this release (services: ${at.services.join(', ')})`);
      const why = `Pre-deploy backup skipped: ${service} is not running yet (first deploy of the database), so there is nothing to back up.`;
      reporter.info(why);
      reporter.summary(`${why}\n`);
      return backupOutputs(undefined);
    }
    try {
      const done = await backupAndKeep(runner, connect, this.bs, reporter, { sha: at.live, deployingSha: at.deploying });
      reporter.summary(`Pre-deploy backup: \`${done.file}\` (${Object.keys(done.manifest.tables).length} tables, sha256 \`${done.manifest.sha256.slice(0, 16)}…\`).\n`);
      return backupOutputs(done);
    } catch (err) {
      throw new Error(`pre-deploy backup failed, so the deploy stopped before migrations: ${(err as Error).message}`, { cause: err });
    }
  }
}
