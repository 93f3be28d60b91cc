import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import type { Reporter } from '../report/reporter.js';
import { shellText } from '../runner/runner.js';
import { connectHost } from '../ssh/connect.js';
import { maintenanceSettings } from './maintenance-settings.js';
import { maintenanceDir, setMaintenance, switchCommand } from './switch.js';

/**
 * `maintenance on|off`: creates or removes `<deploy-path>/maintenance/on`. It takes no deploy lock:
 * a person must be able to switch it off while a stuck run holds the lock.
 */
export async function maintenanceCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const remote = maintenanceSettings(settings);
  const { on, reason } = remote;
  const record = { since: new Date().toISOString(), actor: remote.actor, reason, by: 'maintenance' as const };
  if (remote.dryRun) {
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
