import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { InputError, shownValue } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { shellText } from '../runner/runner.js';
import { connectHost } from '../ssh/connect.js';
import { remoteSettings } from '../ssh/remote-settings.js';
import { maintenanceDir, setMaintenance, switchCommand } from './switch.js';

/** `maintenance: on | off` as given, checked before anything connects. */
export function parseSwitch(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new InputError(`input "maintenance" must be on or off (CLI: compose-deploy maintenance on|off), got ${value === undefined ? 'nothing' : shownValue(value)}`);
}

/**
 * `maintenance on|off`: creates or removes `<deploy-path>/maintenance/on`. It takes no deploy lock:
 * a person must be able to switch it off while a stuck run holds the lock.
 */
export async function maintenanceCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const on = parseSwitch(settings.option('maintenance'));
  const remote = remoteSettings(settings);
  const reason = settings.option('reason')?.trim() || undefined;
  const record = { since: new Date().toISOString(), actor: settings.run.actor, reason, by: 'maintenance' as const };
  if (settings.dryRun) {
    reporter.info(`dry-run: would run on ${remote.target.user}@${remote.target.host}:${remote.target.port}:\n  ${shellText({ ...switchCommand(remote.deployPath, on, record), stdin: undefined })}`);
    return { ok: true, outputs: { 'dry-run': 'true' } };
  }
  const runner = await (services.connectHost ?? connectHost)(remote.target, reporter);
  try {
    const was = await setMaintenance(runner, remote.deployPath, on, record);
    const state = on ? 'on' : 'off';
    const text = was === state ? `maintenance was already ${state} on ${runner.where}` : `maintenance is ${state} on ${runner.where}${on ? `: ${maintenanceDir(remote.deployPath)}/on exists, the proxy answers 503` : ''}`;
    reporter.info(text);
    return { ok: true, outputs: { result: state, maintenance: state }, summary: `### ${on ? '🚧' : '✅'} Maintenance ${state}\n\n${text}.${reason ? ` Reason: ${reason}` : ''}\n` };
  } finally {
    await runner.close();
  }
}
