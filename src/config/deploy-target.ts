import { InputError } from '../errors.js';
import type { CommandName } from './options.js';

/** Where the prod set runs: Compose on one host, or a Docker Swarm through a manager node. */
export const DEPLOY_TARGETS = ['compose', 'swarm'] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

/** The config's `target:`, compose when it says nothing. */
export function deployTarget(config: { target?: DeployTarget }): DeployTarget {
  return config.target ?? 'compose';
}

/**
 * Commands that drive the host's Compose project (backup and restore reach the database through it),
 * and so would do the wrong thing to a swarm. Deploy and rollback have the swarm's own procedure.
 */
const NOT_ON_SWARM_YET: ReadonlySet<CommandName> = new Set(['restore', 'backup']);

/**
 * Stops a command the swarm target does not have yet before it reads anything else or connects anywhere:
 * run against a manager, it would start the stack's containers with Compose beside the swarm's services.
 */
export function refuseUnavailableTarget(command: CommandName, config: { target?: DeployTarget }, configFile: string | undefined): void {
  if (deployTarget(config) !== 'swarm' || !NOT_ON_SWARM_YET.has(command)) return;
  throw new InputError(
    `${command}: target: swarm${configFile ? ` (in ${configFile})` : ''}: ${command} is not available for a swarm in this version (it reaches the database through the host's Compose project), so it does nothing here; ` +
      'validate, deploy and rollback work for a swarm. Use target: compose (the default) for this command',
  );
}
