import { relative } from 'node:path';
import type { CommandName } from '../config/options.js';
import { refuseUnavailableTarget } from '../config/deploy-target.js';
import type { Settings } from '../config/settings.js';
import type { Reporter } from '../report/reporter.js';
import type { CommandResult } from './result.js';
import type { EngineServices } from './services.js';

export type CommandHandler = (settings: Settings, reporter: Reporter, services?: EngineServices) => Promise<CommandResult>;

/**
 * One engine behind both front doors: the action and the CLI look commands up here. Each command is
 * loaded when it runs, so validate does not start by loading SSH, the registry client or the GitHub API
 * (the bundles keep each command in a chunk of its own; see scripts/build.mjs).
 */
export const HANDLERS: Record<CommandName, () => Promise<CommandHandler>> = {
  validate: async () => (await import('../validate/validate-command.js')).validateCommand,
  build: async () => (await import('../build/build-command.js')).buildCommand,
  deploy: async () => (await import('../deploy/deploy-command.js')).deployCommand,
  rollback: async () => (await import('../rollback/rollback-command.js')).rollbackCommand,
  releases: async () => (await import('../releases/releases-command.js')).releasesCommand,
  backup: async () => (await import('../backup/backup-command.js')).backupCommand,
  'restore-test': async () => (await import('../restore/restore-test-command.js')).restoreTestCommand,
  restore: async () => (await import('../db-restore/db-restore-command.js')).restoreCommand,
  maintenance: async () => (await import('../maintenance/maintenance-command.js')).maintenanceCommand,
};

/** The commands that keep buildx's layer cache (build, and restore-test building its drill image): the action loads its cache client for them alone. */
export const USES_LAYER_CACHE: ReadonlySet<CommandName> = new Set(['build', 'restore-test']);

/** `services`: what only a front door has (signals turned into interrupts, the action's layer cache). */
export async function runCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  // resolveSettings refuses it already; settings made another way meet the same guard before any handler loads.
  refuseUnavailableTarget(settings.command, settings.config, settings.configPath && relative(settings.cwd, settings.configPath));
  const handler = await HANDLERS[settings.command]();
  return handler(settings, reporter, services);
}
