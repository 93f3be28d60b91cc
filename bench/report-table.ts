/** The benchmark report as Markdown, and README.md with it put between its markers. */
import type { Figure } from './report.js';

export interface BenchReport {
  date: string;
  machine: { cpus: number; cpu: string; memoryGiB: number; kernel: string; docker: string; node: string; compose: Record<string, string> };
  figures: Array<Figure & { compose: string }>;
}

export const START = '<!-- bench-report:start -->';
export const END = '<!-- bench-report:end -->';

const num = (x: number) => (Math.abs(x) >= 100 || Number.isInteger(x) ? x.toFixed(0) : x.toFixed(2));
const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdownReport(r: BenchReport): string {
  const m = r.machine;
  const compose = Object.entries(m.compose).map(([v, version]) => `${v} ${version}`).join(', ');
  const lines = [
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} cores (${m.cpu}), ${m.memoryGiB} GiB, Linux ${m.kernel}, Docker ${m.docker}, Node ${m.node}, Compose ${compose}.`,
    '',
    '| benchmark | Compose | figure | value | baseline in the same run | ratio | target |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of r.figures) {
    const base = f.baseline ? `${f.baseline.what}: ${num(f.baseline.value)} ${f.baseline.unit}` : '';
    const target = f.target === undefined ? '' : `${f.target}${f.met === undefined ? '' : f.met ? ' (met)' : ' (not met)'}`;
    lines.push(`| ${f.bench} | ${f.compose} | ${cell(f.figure)} | ${num(f.value)} ${f.unit} | ${cell(base)} | ${f.ratio === undefined ? '' : num(f.ratio)} | ${cell(target)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** README with the report between the markers; the markers are added at the end when missing. */
export function withReportTable(readme: string, table: string): string {
  const block = `${START}\n${table}${END}`;
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a >= 0 && b > a) return readme.slice(0, a) + block + readme.slice(b + END.length);
  return `${readme.trimEnd()}\n\n${block}\n`;
}
