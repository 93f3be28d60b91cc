import type { CommandName } from '../config/options.js';
import type { Settings } from '../config/settings.js';
import { releasesCommand } from '../releases/releases.js';
import { validateCommand } from '../validate/command.js';
import { deployCommand } from '../deploy/deploy.js';
import { buildCommand } from '../build/build-command.js';
import { rollbackCommand } from '../rollback/rollback.js';
import { restoreTestCommand } from '../restore/restore-test.js';
import { backupCommand } from '../backup/backup-command.js';
import type { Reporter } from '../report/reporter.js';
import type { CommandResult } from './result.js';
import type { EngineServices } from './services.js';

export type CommandHandler = (settings: Settings, reporter: Reporter, services?: EngineServices) => Promise<CommandResult>;


/** One engine behind both front doors: the action and the CLI look commands up here. */
export const HANDLERS: Record<CommandName, CommandHandler> = {
  validate: validateCommand,
  build: buildCommand,
  deploy: deployCommand,
  rollback: rollbackCommand,
  releases: releasesCommand,
  backup: backupCommand,
  'restore-test': restoreTestCommand,
};

/** `services`: what only a front door has (signals turned into interrupts, the action's layer cache). */
export function runCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  return HANDLERS[settings.command](settings, reporter, services);
}
