// A node:test reporter that ends a run with its ten slowest test files: the time spent in each file's
// top-level tests, so a slow newcomer is seen the day it lands. Used beside the spec reporter
// (test/e2e/run.sh, npm run test:unit). With COMPOSE_DEPLOY_TEST_TIMES set, it appends each file's
// time (seconds, Compose version, file) to that file instead, for a run of many test runs to rank
// them all at its end (test/e2e/run.sh).
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import process from 'node:process';

export default async function* slowestFiles(source) {
  const perFile = new Map();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { file, nesting, details } = event.data;
    if (nesting !== 0 || !file || details?.duration_ms === undefined) continue;
    perFile.set(file, (perFile.get(file) ?? 0) + details.duration_ms);
  }
  const timesFile = process.env.COMPOSE_DEPLOY_TEST_TIMES;
  if (timesFile) {
    const version = process.env.COMPOSE_DEPLOY_HARNESS_COMPOSE ?? '';
    appendFileSync(timesFile, [...perFile].map(([file, ms]) => `${(ms / 1000).toFixed(1)}\t${version}\t${relative(process.cwd(), file)}\n`).join(''));
    return;
  }
  const rows = [...perFile].sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (rows.length === 0) return;
  yield `\nslowest test files (time in their top-level tests, of ${perFile.size} files):\n`;
  for (const [file, ms] of rows) yield `  ${(ms / 1000).toFixed(1).padStart(7)} s  ${relative(process.cwd(), file)}\n`;
}
