import { parseKeyValues } from '../host/key-values.js';

export interface ServiceOutcome {
  service: string;
  strategy: string;
  oldImage?: string;
  newImage?: string;
  secondsToHealthy?: number;
  result: 'updated' | 'failed' | 'rolled-back' | 'not-started' | 'converged';
  note?: string;
  /** Health probe output and last log lines of a container that did not become ready. */
  diagnostics?: string;
}

export interface RollReport {
  ok: boolean;
  secondsToHealthy?: number;
  reason?: string;
  diagnostics: string;
  /** Where the roll's time went, from its at-*= marks (milliseconds of the host's clock): "compose up 0.3s, ready 4.2s, drain 1.0s, old stopped 0.1s". */
  phases?: string;
}

export function parseRollOutput(stdout: string, ok: boolean): RollReport {
  const kv = parseKeyValues(stdout);
  // Time to healthy is the slowest new container's; the total also holds the drain and the old ones' stop.
  const readyAfter = (kv.get('ready') ?? []).map((r) => Number(/after=(\d+)/.exec(r)?.[1] ?? NaN)).filter((n) => !Number.isNaN(n));
  const diagnostics = stdout
    .split('\n')
    .filter((l) => l.startsWith('health| ') || l.startsWith('log| '))
    .join('\n');
  return { ok, secondsToHealthy: readyAfter.length > 0 ? Math.max(...readyAfter) : undefined, reason: kv.get('reason')?.[0], diagnostics, phases: rollPhases(kv) };
}

/** Consecutive at-*= marks as named durations; marks missing (a first start, recreate) are skipped. */
function rollPhases(kv: Map<string, string[]>): string | undefined {
  const names: Array<[string, string]> = [['up', 'compose up'], ['ready', 'ready'], ['drained', 'drain'], ['end', 'old stopped']];
  const at = (k: string) => Number(kv.get(`at-${k}`)?.[0] ?? NaN);
  let last = at('start');
  if (Number.isNaN(last)) return undefined;
  const parts: string[] = [];
  for (const [key, label] of names) {
    const t = at(key);
    // Without a drain nothing old was stopped at the end (a first start, recreate).
    if (Number.isNaN(t) || (key === 'end' && Number.isNaN(at('drained')))) continue;
    parts.push(`${label} ${((t - last) / 1000).toFixed(1)}s`);
    last = t;
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** An image reference with its full-sha tag cut to 12 hex digits, for tables and messages. */
export function shortImage(image: string): string {
  return image.replace(/:sha-([0-9a-f]{12})[0-9a-f]{28}$/, ':sha-$1…');
}

export function outcomeTable(rows: readonly ServiceOutcome[]): string {
  const short = (img?: string) => (img ? `\`${shortImage(img)}\`` : '');
  // Recreate stops the old container before the new one is ready: the reader should see the outage.
  const strategy = (r: ServiceOutcome) => `${r.strategy === 'recreate' ? 'recreate (stop first: short outage)' : r.strategy}${r.note ? ' ⚠️' : ''}`;
  const notes = rows.filter((r) => r.note).map((r) => `- ⚠️ ${r.service}: ${r.note}`);
  return [
    '| service | old image | new image | strategy | time to healthy | result |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.service} | ${short(r.oldImage)} | ${short(r.newImage)} | ${strategy(r)} | ${r.secondsToHealthy !== undefined ? `${r.secondsToHealthy}s` : ''} | ${r.result} |`),
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}
