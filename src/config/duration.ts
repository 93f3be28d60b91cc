import { InputError, shownValue } from '../errors.js';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `26h`, `7d`: seconds. `name` is the key or input the value came from, for the error. */
export function parseDuration(name: string, value: string): number {
  const m = /^([0-9]+)([smhd])$/.exec(value.trim());
  if (!m) throw new InputError(`${name} must be a whole number followed by s, m, h or d (e.g. 26h, 7d), got ${shownValue(value)}`);
  return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
}

/** Seconds as a person reads them: 93784 -> "1d 2h". */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h ${Math.round((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.round((s % 86400) / 3600)}h`;
}
