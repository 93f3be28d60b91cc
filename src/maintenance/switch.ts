import type { Command, Runner } from '../runner/runner.js';
import { hostScript } from '../host/script.js';
import { runChecked } from '../runner/runner.js';
import { parseKeyValues } from '../host/key-values.js';
import { SWITCH_SCRIPT } from './shell-scripts.js';

export const maintenanceDir = (deployPath: string) => `${deployPath}/maintenance`;

/** What the `on` file holds: who switched it on, when and why. */
export interface MaintenanceRecord {
  since: string;
  actor?: string;
  reason?: string;
  /** Set when a restore switched it on (a person's switch is not turned off by a failed restore's clean-up). */
  by?: 'restore' | 'maintenance';
}

export function switchCommand(deployPath: string, on: boolean, record?: MaintenanceRecord): Command {
  return hostScript('maintenance', SWITCH_SCRIPT, [deployPath, on ? 'on' : 'off'], on ? `${JSON.stringify(record ?? { since: new Date().toISOString() })}\n` : undefined);
}

/** Switches maintenance on or off; returns what it was before. */
export async function setMaintenance(runner: Runner, deployPath: string, on: boolean, record?: MaintenanceRecord): Promise<'on' | 'off'> {
  const res = await runChecked(runner, switchCommand(deployPath, on, record), `switching maintenance ${on ? 'on' : 'off'}`);
  return parseKeyValues(res.stdout).get('was')?.[0] === 'on' ? 'on' : 'off';
}

/** The `on` file's content as the probe printed it: a record, or (written by hand) whatever it says. */
export function parseMaintenance(line: string | undefined): MaintenanceRecord | undefined {
  if (line === undefined) return undefined;
  try {
    const o = JSON.parse(line) as MaintenanceRecord;
    if (o && typeof o === 'object' && typeof o.since === 'string') return o;
  } catch {
    // Made by hand (touch): on, with nothing more known.
  }
  return { since: '' };
}
