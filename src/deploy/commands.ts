import { composeCommand, withServices, type ComposeFlavor, type ComposeTarget } from '../compose/cli.js';
import { checkServiceName } from '../compose/service-name.js';
import type { Command } from '../runner/runner.js';
import { quoteArgv } from '../runner/quote.js';
import { hostScript } from '../host/script.js';
import type { DeploySettings } from './deploy-settings.js';
import type { ServiceUpdate } from './compose-services.js';
import {
  AUDIT_SCRIPT,
  PRUNE_SCRIPT,
  PULL_SCRIPT,
  ROLL_SCRIPT,
  SWITCH_CURRENT_SCRIPT,
  SETTLE_SCRIPT,
  CONTAINERS_SCRIPT,
  UNPACK_RELEASE_SCRIPT,
  KEPT_RELEASE_SCRIPT,
} from './shell-scripts.js';

/** Each remote step of a deploy as a Command (a host script, or Compose): pure functions, unit-tested, printed by dry-run. */

export const releaseDir = (root: string, sha: string) => `${root}/releases/${sha}`;

/** Compose pointed at one release: its files and .env, with the stable project directory `current`. */
export function releaseCompose(ds: Pick<DeploySettings, 'deployPath' | 'project' | 'composeFiles'>, flavor: ComposeFlavor, sha: string): ComposeTarget {
  const dir = releaseDir(ds.deployPath, sha);
  return {
    flavor,
    project: ds.project,
    files: ds.composeFiles.map((f) => `${dir}/${f}`),
    envFile: `${dir}/.env`,
    // Relative bind mounts (./Caddyfile) resolve under `current`, a path that does not change
    // between releases, so a proxy whose definition did not change is not recreated by a deploy.
    projectDirectory: `${ds.deployPath}/current`,
  };
}

export const unpackCommand = (root: string, sha: string, tarBase64: string) => hostScript('unpack', UNPACK_RELEASE_SCRIPT, [root, sha], tarBase64);

/** Each release records the Compose files it was made with, so a rollback starts it with its own. */
export const COMPOSE_FILES_RECORD = '.compose-files';

/** rollback: what the kept release recorded, and which of its files differ from the live release's. */
export const keptReleaseCommand = (root: string, sha: string) => hostScript('kept-release', KEPT_RELEASE_SCRIPT, [root, sha]);

/** The rendered release with every service, profile-gated ones included, under v1 and v2 alike. */
export const renderCommand = (target: ComposeTarget) => composeCommand({ ...target, allProfiles: true }, ['config']);

/** Pulls what the host lacks; with credentials, logs in first (the password on stdin) into a throwaway DOCKER_CONFIG. */
export function pullCommand(images: readonly string[], login?: { registry: string; user: string; password: string }): Command {
  return hostScript('pull', PULL_SCRIPT, [login?.registry ?? '', login?.user ?? '', ...images], login?.password);
}

/**
 * Starts what the migration needs without touching what already runs. `compose run` would start the
 * dependencies itself, but v2 recreates a running dependency whose definition changed (v1 does not):
 * the database restarting under the live release before the rolling update even began. `up
 * --no-recreate` starts missing ones and leaves running ones alone on both; the rolling update
 * updates them later, each by its own strategy.
 */
export const migrationDependenciesCommand = (target: ComposeTarget, dependencies: readonly string[]) =>
  composeCommand(target, withServices(['up', '-d', '--no-recreate'], dependencies));

/** The migration itself, its dependencies already up (migrationDependenciesCommand). */
export function migrateCommand(target: ComposeTarget, migrate: { service: string; command?: string[] }): Command {
  return composeCommand(target, withServices(['run', '--rm', '-T', '--no-deps'], [migrate.service], migrate.command ?? []));
}

export const switchCurrentCommand = (root: string, sha: string) => hostScript('switch', SWITCH_CURRENT_SCRIPT, [root, sha]);

/** Third-party services to their declared state; `recreate`: they mount a release file that changed. */
export const convergeCommand = (target: ComposeTarget, services: readonly string[], recreate = false) =>
  composeCommand(target, withServices(['up', '-d', '--no-deps', ...(recreate ? ['--force-recreate'] : [])], services));

/** Stops and removes services (those a failed release added), with the files that define them. */
export const removeServicesCommand = (target: ComposeTarget, services: readonly string[]) => composeCommand(target, withServices(['rm', '--stop', '--force'], services));

/** `cancelMarker`: the file whose appearance ends the health wait early (none for a rollback, which must finish). */
export function rollCommand(
  target: ComposeTarget,
  u: ServiceUpdate,
  ds: Pick<DeploySettings, 'healthTimeout' | 'minReadySeconds' | 'drainSeconds' | 'project'>,
  cancelMarkerPath = '',
): Command {
  const compose = composeCommand(target, []).argv;
  return hostScript('roll', ROLL_SCRIPT, [
    checkServiceName(u.service, 'roll'),
    String(u.replicas),
    String(ds.healthTimeout),
    String(ds.minReadySeconds),
    String(ds.drainSeconds),
    u.healthUrl ?? '',
    u.strategy,
    ds.project,
    String(u.stopGraceSeconds),
    cancelMarkerPath,
    // Run on the host through eval: words quoted by the one quoting function.
    u.healthProbe ? quoteArgv(u.healthProbe) : '',
    ...compose,
  ]);
}

/** Waits up to `seconds` for the Docker daemon, then removes the named containers (ids only: checked here). */
export function settleCommand(seconds: number, ids: readonly string[] = []): Command {
  for (const id of ids) if (!/^[0-9a-f]{12,64}$/.test(id)) throw new Error(`not a container id: ${JSON.stringify(id)}`);
  return hostScript('settle', SETTLE_SCRIPT, [String(seconds), ...ids]);
}

export const containersCommand = (project: string) => hostScript('containers', CONTAINERS_SCRIPT, [project]);

/** Removes what a failed first deploy started (volumes stay: they may hold data already). */
export const downCommand = (target: ComposeTarget) => composeCommand(target, ['down', '--remove-orphans']);

export const removeCurrentCommand = (root: string): Command => ({ argv: ['rm', '-f', `${root}/current`] });

export const auditCommand = (root: string, record: object) => hostScript('audit', AUDIT_SCRIPT, [root], `${JSON.stringify(record)}\n`);

/** A deploy's last two steps in one round trip: the record is written first, then old releases go. */
export const auditAndPruneCommand = (root: string, record: object, keep: readonly string[]) =>
  hostScript('audit-prune', `${AUDIT_SCRIPT}[ $? = 0 ] || exit 1\n${PRUNE_SCRIPT}`, [root, ...keep], `${JSON.stringify(record)}\n`);
