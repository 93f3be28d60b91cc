/**
 * One figure of a benchmark, recorded for the report `npm run bench` writes (bench/results/latest.json
 * and its Markdown table): each figure a value against a baseline measured in the same run.
 */
import { appendFileSync } from 'node:fs';

export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  baseline?: { what: string; value: number; unit: string };
  /** value / baseline, or the figure's own ratio when it is one. */
  ratio?: number;
  /** What the report is read against, e.g. "< 250 ms", "0". */
  target?: string;
  met?: boolean;
}

/** Appends the figure to $BENCH_RESULTS_FILE (set by bench/run.ts); a bench run alone just prints. */
export function record(f: Figure): void {
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ ...f, compose: process.env.COMPOSE_DEPLOY_HARNESS_COMPOSE || 'v2' })}\n`);
}
