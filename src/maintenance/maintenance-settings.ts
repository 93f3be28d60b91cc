import type { Settings } from '../config/settings.js';
import { InputError, shownValue } from '../errors.js';
import { remoteSettings, type RemoteSettings } from '../ssh/remote-settings.js';

/** `maintenance on|off`, parsed once: the switch, why, and the host. */
export interface MaintenanceSettings extends RemoteSettings {
  on: boolean;
  /** Written into the `on` file and the summary; none when not given. */
  reason?: string;
  actor?: string;
  dryRun: boolean;
}

/** `maintenance: on | off` as given, checked before anything connects. */
export function parseSwitch(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new InputError(`input "maintenance" must be on or off (CLI: compose-deploy maintenance on|off), got ${value === undefined ? 'nothing' : shownValue(value)}`);
}

export function maintenanceSettings(settings: Settings): MaintenanceSettings {
  const on = parseSwitch(settings.option('maintenance'));
  return { on, ...remoteSettings(settings), reason: settings.option('reason')?.trim() || undefined, actor: settings.run.actor, dryRun: settings.dryRun };
}
