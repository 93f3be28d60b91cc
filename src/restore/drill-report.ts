import { humanDuration } from '../config/duration.js';
import type { TableCheck } from './checks.js';
import type { DumpFormat } from './source.js';

export type Phase = 'fetch' | 'verify' | 'server-start' | 'restore' | 'checks';

/** Everything one drill found: the JSON report, the summary and the outputs are made from this. */
export interface DrillReport {
  result: 'success' | 'failed';
  problems: string[];
  warnings: string[];
  /** format is absent when no backup was found. */
  backup: { file: string; format?: DumpFormat; size: number; sha256?: string; createdAt?: string; releaseSha?: string; ageSeconds?: number; maxAge: string };
  server?: { kind: string; version?: string };
  /** Seconds per phase; restore is the RTO figure. */
  phases: Partial<Record<Phase, number>>;
  tables: TableCheck[];
  objects: Record<string, number>;
  requiredTables: Array<{ table: string; ok: boolean }>;
  assertions: Array<{ query: string; ok: boolean; got: string }>;
  /** When the drill ran (ISO time), so the next one can say what changed since. */
  at: string;
  /** The previous drill's figures, when its report was found (the Actions cache, or the report file a CLI run left). */
  previous?: { at: string; size: number; rows: number; restoreSeconds?: number };
}

/** The figures of an earlier report worth comparing; a report of another shape gives nothing. */
export function previousFigures(raw: unknown): DrillReport['previous'] {
  const r = raw as Partial<DrillReport> | null;
  if (!r || typeof r !== 'object' || typeof r.at !== 'string' || !r.backup || !Array.isArray(r.tables)) return undefined;
  return { at: r.at, size: r.backup.size, rows: rowsRestored(r as DrillReport), restoreSeconds: r.phases?.restore };
}

/** "size +1.2 MB (+3%), rows +420, restore +0.4 s since the drill of <date>". */
export function changeSincePrevious(r: DrillReport): string | undefined {
  const p = r.previous;
  if (!p) return undefined;
  const signed = (n: number, digits = 0) => `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;
  const pct = p.size > 0 ? ` (${signed(((r.backup.size - p.size) / p.size) * 100)}%)` : '';
  const parts = [`size ${signed((r.backup.size - p.size) / 1e6, 1)} MB${pct}`, `rows ${signed(rowsRestored(r) - p.rows)}`];
  if (p.restoreSeconds !== undefined && r.phases.restore !== undefined) parts.push(`restore time ${signed(r.phases.restore - p.restoreSeconds, 1)} s`);
  return `${parts.join(', ')} since the drill of ${p.at}`;
}

export function rowsRestored(r: DrillReport): number {
  return r.tables.reduce((n, t) => n + (t.restored ?? 0), 0);
}

export function drillOutputs(r: DrillReport, reportFile: string): Record<string, string> {
  return {
    result: r.result,
    backup: r.backup.file,
    'rpo-seconds': r.backup.ageSeconds === undefined ? '' : String(Math.round(r.backup.ageSeconds)),
    'rto-seconds': r.phases.restore === undefined ? '' : r.phases.restore.toFixed(1),
    tables: String(r.tables.filter((t) => t.restored !== undefined).length),
    rows: String(rowsRestored(r)),
    report: reportFile,
  };
}

/** The step summary: the verdict, the four answers (restores? fresh? complete? how long?), phases and the per-table table. */
export function drillSummary(r: DrillReport): string {
  const mb = r.backup.size / 1e6;
  const rto = r.phases.restore;
  const lines = [
    `### ${r.result === 'success' ? '✅ Backup restored and verified' : '❌ Restore test failed'}`,
    '',
    `\`${r.backup.file}\` (${r.backup.format}, ${mb.toFixed(1)} MB${r.backup.releaseSha ? `, release \`${r.backup.releaseSha.slice(0, 12)}\`` : ''}) into ${r.server?.kind ?? 'no server'}${r.server?.version ? ` (PostgreSQL ${r.server.version})` : ''}.`,
    '',
    ...r.problems.map((p) => `- ❌ ${p}`),
    ...r.warnings.map((w) => `- ⚠️ ${w}`),
    ...(r.problems.length + r.warnings.length > 0 ? [''] : []),
    '| question | answer |',
    '|---|---|',
    `| backup age (RPO) | ${r.backup.ageSeconds === undefined ? 'unknown' : humanDuration(r.backup.ageSeconds)} (max-age ${r.backup.maxAge}) |`,
    `| restore time (RTO) | ${rto === undefined ? 'not reached' : `${rto.toFixed(1)} s${rto > 0 ? `, ${(mb / rto).toFixed(1)} MB/s` : ''}`} |`,
    `| tables, rows | ${r.tables.filter((t) => t.restored !== undefined).length} tables, ${rowsRestored(r)} rows |`,
    `| objects | ${Object.entries(r.objects).map(([k, v]) => `${v} ${k}`).join(', ') || 'not counted'} |`,
    `| phases | ${Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')} |`,
    `| since the last drill | ${changeSincePrevious(r) ?? 'no earlier report found'} |`,
    '',
  ];
  if (r.tables.length > 0) {
    lines.push('| table | expected rows | restored rows | |', '|---|---:|---:|---|');
    for (const t of r.tables) lines.push(`| ${t.table} | ${t.expected ?? ''} | ${t.restored ?? 'missing'} | ${t.ok ? '✅' : '❌'} |`);
    lines.push('');
  }
  return lines.join('\n');
}
