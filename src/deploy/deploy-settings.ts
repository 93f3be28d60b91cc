import type { Settings } from '../config/settings.js';
import { toInt } from '../config/settings.js';
import type { OptionName } from '../config/options.js';
import type { DeployServiceConfig } from '../config/sections/deploy.js';
import { parseComposeText } from '../compose/model.js';
import { checkComposeServiceNames } from '../compose/service-name.js';
import { checkEnvFileShape } from './env-file-input.js';
import { prodSet } from '../compose/sets.js';
import { InputError, shownValue } from '../errors.js';
import { projectHostSettings, type ProjectHostSettings } from '../host/host-settings.js';
import type { DeploymentTarget } from './github-deployment.js';
import { parseDuration } from '../config/duration.js';
import { readReleaseFile, releasePath, type ReleaseFile } from './release-files.js';
import { configFolder } from '../config/config-paths.js';
import { deployTarget, type DeployTarget } from '../config/deploy-target.js';

/**
 * What the rolling procedure needs whichever kind of run it makes (deploy or rollback), parsed and
 * checked before anything runs. The release it makes live is not among them: a deploy's is its
 * commit, a rollback's is resolved on the host.
 */
export interface RolloutSettings extends ProjectHostSettings {
  /** Where the prod set runs: Compose on the host, or the swarm the host manages (config `target`). */
  deployTarget: DeployTarget;
  composeFiles: string[];
  registry: string;
  registryUsername?: string;
  registryPassword?: string;
  order: string[];
  migrate?: { service: string; command?: string[] };
  healthTimeout: number;
  minReadySeconds: number;
  keepReleases: number;
  drainSeconds: number;
  minFreeDiskMb: number;
  services: Record<string, DeployServiceConfig>;
  smokeUrl?: string;
  actor?: string;
  runUrl?: string;
  dryRun: boolean;
  /** Set when a GitHub Deployment should track this deploy (github-token given, repository known). */
  github?: DeploymentTarget;
  /** With github-token and a restore-test section: how stale the last successful drill may be before the summary warns. */
  drillCheck?: { workflow: string; warnAfterSeconds: number };
}

/** A deploy: the rolling procedure's settings, and the new release (its commit, its files, its .env). */
export interface DeploySettings extends RolloutSettings {
  sha: string;
  files: ReleaseFile[];
  /** The prod .env (app secrets), written 0600 into the release. */
  envFileContent?: string;
}

/** The prod Compose set: the same one validate checks and build builds. */
export function prodComposeFiles(settings: Settings): string[] {
  return prodSet(settings).files;
}

/** The prod set's files as a release names them (relative to the config file's folder). */
export function releaseComposeFiles(settings: Settings): string[] {
  const folder = configFolder(settings.cwd, settings.configPath);
  return prodComposeFiles(settings).map((p) => releasePath(folder, p, 'the prod Compose set'));
}

export function deploySettings(settings: Settings): DeploySettings {
  if (!settings.sha) throw new InputError('input "sha" is required for deploy (it defaults to GITHUB_SHA on a runner)');
  const composeFiles = prodComposeFiles(settings);
  const d = settings.config.deploy ?? {};
  const folder = configFolder(settings.cwd, settings.configPath);
  const files: ReleaseFile[] = [
    ...composeFiles.map((path) => readReleaseFile(settings.cwd, path, 'the prod Compose set', folder)),
    ...(d.files ?? []).map((path, i) => readReleaseFile(settings.cwd, path, `deploy.files[${i}]`, folder)),
  ];
  // Service names reach Compose command lines on the host: checked here, before anything runs.
  checkComposeServiceNames(files.slice(0, composeFiles.length).map((f) => parseComposeText(f.content.toString('utf8'), f.path)));
  const envFileContent = settings.option('env-file');
  if (envFileContent !== undefined) checkEnvFileShape(envFileContent, 'input env-file');
  return { ...rolloutSettings(settings, files.slice(0, composeFiles.length).map((f) => f.path)), sha: settings.sha, files, envFileContent };
}

/** The rolling procedure's settings; `composeFiles`: the prod set as the release names its files. */
export function rolloutSettings(settings: Settings, composeFiles: string[]): RolloutSettings {
  const host = projectHostSettings(settings);
  const d = settings.config.deploy ?? {};
  const int = (name: OptionName, fromConfig: number | undefined, min: number, max: number) => toInt(name, settings.option(name, fromConfig)!, min, max);
  const smokeUrl = httpUrl(settings, 'smoke-url');
  const environmentUrl = httpUrl(settings, 'environment-url');
  if (settings.registryPassword && !settings.registryUsername) {
    throw new InputError('input "registry-password" is set but "registry-username" is not (it defaults to GITHUB_ACTOR on a runner): set registry-username');
  }
  const token = settings.option('github-token');
  if (token && !settings.run.repository) throw new InputError(`input "github-token" needs the repository (GITHUB_REPOSITORY, set on every runner) to create a GitHub Deployment`);
  return {
    ...host,
    deployTarget: deployTarget(settings.config),
    composeFiles,
    registry: settings.registry,
    registryUsername: settings.registryUsername,
    registryPassword: settings.registryPassword,
    order: d.order ?? [],
    migrate: d.migrate,
    healthTimeout: int('health-timeout', d.healthTimeout, 1, 3600),
    minReadySeconds: d.minReadySeconds ?? 5,
    keepReleases: int('keep-releases', d.keepReleases, 1, 100),
    drainSeconds: d.drainSeconds ?? 2,
    minFreeDiskMb: d.minFreeDiskMb ?? 500,
    services: d.services ?? {},
    smokeUrl,
    actor: settings.run.actor,
    runUrl: settings.run.runUrl,
    dryRun: settings.dryRun,
    github: token
      ? { token, apiUrl: settings.run.apiUrl, repository: settings.run.repository!, environment: settings.environment, environmentUrl, logUrl: settings.run.runUrl }
      : undefined,
    drillCheck:
      token && settings.config.restoreTest
        ? { workflow: settings.config.restoreTest.workflow ?? 'restore-test.yml', warnAfterSeconds: parseDuration('restore-test.warn-after', settings.config.restoreTest.warnAfter ?? '100d') }
        : undefined,
  };
}

/** The registry login the host needs, when credentials were given. */
export function registryLogin(ds: Pick<RolloutSettings, 'registry' | 'registryUsername' | 'registryPassword'>) {
  return ds.registryPassword && ds.registryUsername ? { registry: ds.registry, user: ds.registryUsername, password: ds.registryPassword } : undefined;
}

function httpUrl(settings: Settings, name: OptionName): string | undefined {
  const v = settings.option(name);
  if (v !== undefined && !/^https?:\/\/\S+$/.test(v)) throw new InputError(`input "${name}" must be an http(s) URL, got ${shownValue(v)}`);
  return v;
}
