/**
 * `npm run bench`: every benchmark under bench/, against the harness it brings up, and one report of
 * their figures: bench/results/latest.json and latest.md, whose table README.md shows between its
 * bench-report markers. COMPOSE_DEPLOY_HARNESS_COMPOSE="v2 v1" runs the Compose-dependent ones under both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../test/e2e/harness/env.js';
import type { Figure } from './report.js';
import { markdownReport, withReportTable } from './report-table.js';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
};
const text = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).stdout?.trim() ?? '';

/** Benchmarks whose figures depend on the Compose version (and builder) of the host and runner. */
const PER_COMPOSE = ['validate', 'build', 'deploy', 'rollback', 'proxy-gap'];
const ONCE = ['cold-start', 'backup', 'restore-test', 'restore'];
const only = process.env.BENCH_ONLY?.split(/[ ,]+/).filter(Boolean);
const versions = (process.env.COMPOSE_DEPLOY_HARNESS_COMPOSE || 'v2').split(/[ ,]+/).filter(Boolean);

const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
const resultsFile = join(dir, 'figures.jsonl');
writeFileSync(resultsFile, '');
run('bash', ['test/e2e/harness/up.sh']);
try {
  const composeVersions: Record<string, string> = {};
  versions.forEach((v, i) => {
    const env = { ...process.env, COMPOSE_DEPLOY_HARNESS_COMPOSE: v };
    process.env.COMPOSE_DEPLOY_HARNESS_COMPOSE = v;
    const hv = harnessEnv();
    composeVersions[v] = hv.composeVersion;
    console.log(`\nbenchmarks under Compose ${v} (${hv.composeVersion}) on the host and the runner`);
    const benches = [...PER_COMPOSE, ...(i === 0 ? ONCE : [])].filter((b) => !only || only.includes(b));
    for (const bench of benches) {
      console.log(`\n=== bench/${bench}.ts (Compose ${v})`);
      run(process.execPath, ['--import', 'tsx', `bench/${bench}.ts`], { ...env, DOCKER_CONFIG: hv.runnerDockerConfig, BENCH_RESULTS_FILE: resultsFile });
    }
  });
  const fresh = readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Figure & { compose: string });
  // BENCH_ONLY re-measures some benches: the others keep their figures from the last report.
  const latest = join(root, 'bench/results/latest.json');
  const kept = only && existsSync(latest) ? (JSON.parse(readFileSync(latest, 'utf8')) as { figures: Array<Figure & { compose: string }> }).figures.filter((f) => !fresh.some((n) => n.bench === f.bench && n.compose === f.compose)) : [];
  const figures = [...kept, ...fresh];
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), kernel: release(), docker: text('docker', ['version', '--format', '{{.Server.Version}}']), node: process.version, compose: composeVersions },
    figures,
  };
  writeFileSync(latest, `${JSON.stringify(report, null, 2)}\n`);
  const md = markdownReport(report);
  writeFileSync(join(root, 'bench/results/latest.md'), md);
  const readme = join(root, 'README.md');
  writeFileSync(readme, withReportTable(readFileSync(readme, 'utf8'), md));
  console.log(`\nreport: bench/results/latest.json, bench/results/latest.md (and README.md's table)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  run('bash', ['test/e2e/harness/down.sh']);
}
