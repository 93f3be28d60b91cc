// Benchmark (not a test): validate generated 12- and 60-service prod sets and compare with the Compose CLI's
// own `config` of the same sets; in-process, and as `node dist/cli.js validate` (the bundle a user runs,
// Node's start included) when dist/ is built. Run: node --import tsx bench/validate.ts
import { record } from './report.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { composeCommand, detectCompose } from '../src/compose/cli.js';
import { resolveSettings } from '../src/config/settings.js';
import { MemoryReporter } from '../src/report/reporter.js';
import { LocalRunner } from '../src/runner/local-runner.js';
import { validateCommand } from '../src/validate/validate-command.js';

const SIZES = [12, 60];
const ROUNDS = 5;

function generate(dir: string, SERVICES: number): void {
  const base = ['services:'];
  const prod = ['services:'];
  for (let i = 0; i < SERVICES; i++) {
    base.push(`  svc${i}:`, `    image: ghcr.io/acme/big/svc${i}:\${IMAGE_TAG:-sha-${'0'.repeat(40)}}`, '    environment:', `      DATABASE_URL: \${DATABASE_URL}`, `      NAME: svc${i}`, '    healthcheck:', '      test: ["CMD", "true"]', '      interval: 10s');
    prod.push(`  svc${i}:`, `    image: ghcr.io/acme/big/svc${i}:\${IMAGE_TAG}`, '    restart: unless-stopped', '    labels:', `      - com.acme.index=${i}`);
  }
  writeFileSync(join(dir, 'docker-compose.yml'), `${base.join('\n')}\n`);
  writeFileSync(join(dir, 'docker-compose.prod.yml'), `${prod.join('\n')}\n`);
  writeFileSync(join(dir, '.env.prod.example'), 'DATABASE_URL=\n');
  writeFileSync(join(dir, '.env.example'), 'DATABASE_URL=\n');
  // validate renders both sets, so the baseline below is the CLI's config of both.
  writeFileSync(
    join(dir, 'compose-deploy.yml'),
    'compose:\n  dev:\n    files: [docker-compose.yml]\n    env-file: .env.example\n  prod:\n    files: [docker-compose.yml, docker-compose.prod.yml]\n    env-file: .env.prod.example\n',
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cliBundle = new URL('../dist/cli.js', import.meta.url).pathname;

/** `node dist/cli.js validate` in `dir`, wall time of the whole process. */
function bundleRun(dir: string): number {
  const t = performance.now();
  const res = spawnSync(process.execPath, [cliBundle, 'validate', '--report-file', join(dir, 'report.json')], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? dir, RUNNER_TEMP: dir, ...(process.env['DOCKER_CONFIG'] ? { DOCKER_CONFIG: process.env['DOCKER_CONFIG'] } : {}) }, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (res.status !== 0) throw new Error(`dist/cli.js validate exited with ${res.status}: ${res.stderr}`);
  return ms;
}

async function main(): Promise<void> {
  for (const size of SIZES) await bench(size);
}

async function bench(SERVICES: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-validate-'));
  try {
    generate(dir, SERVICES);
    const runner = new LocalRunner();
    const found = await detectCompose(runner);
    if (!found) throw new Error('no Compose CLI on this machine: the benchmark compares against it');
    const cli: number[] = [];
    const sets = [
      { files: ['docker-compose.yml'], envFile: join(dir, '.env.example') },
      { files: ['docker-compose.yml', 'docker-compose.prod.yml'], envFile: join(dir, '.env.prod.example') },
    ];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      for (const set of sets) {
        const res = await runner.run({ ...composeCommand({ flavor: found.flavor, ...set, cwd: dir }, ['config', '--quiet']), env: { IMAGE_TAG: `sha-${'0'.repeat(40)}` } });
        if (res.code !== 0) throw new Error(`compose config failed: ${res.stderr}`);
      }
      cli.push(performance.now() - t);
    }
    const full: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      for (const renderer of ['compose', 'schema'] as const) {
        const settings = resolveSettings({ explicit: { command: 'validate', renderer, 'report-file': join(dir, 'report.json') }, env: {}, cwd: dir });
        const t = performance.now();
        const res = await validateCommand(settings, new MemoryReporter());
        (renderer === 'compose' ? full : ours).push(performance.now() - t);
        if (res.outputs['errors'] !== '0') throw new Error(`unexpected findings: ${JSON.stringify(res.outputs)}`);
      }
    }
    const c = median(cli);
    const f = median(full);
    console.log(`prod set: ${SERVICES} services in 2 files, dev set: the base file; ${ROUNDS} rounds, medians`);
    console.log(`${found.flavor} ${found.version} config of both sets:   ${c.toFixed(0)} ms`);
    console.log(`validate with the Compose CLI (total):       ${f.toFixed(0)} ms (detection + config + our checks)`);
    console.log(`added beyond the CLI's config:               ${(f - c).toFixed(0)} ms  (ratio total/config ${(f / c).toFixed(2)})`);
    console.log(`validate with the built-in schema renderer:  ${median(ours).toFixed(0)} ms (no Compose CLI at all)`);
    // The sandbox's own cost: a container of its image started and removed, Compose doing nothing in it.
    const image = spawnSync('docker', ['images', '--filter', 'reference=compose-deploy-validate-sandbox', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
    if (image) {
      const starts: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        spawnSync('docker', ['run', '--rm', '--network', 'none', '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--memory', '512m', '--pids-limit', '128', image, '/sandbox/timeout', '5', '/sandbox/timeout', '--version']);
        starts.push(performance.now() - t);
      }
      console.log(`one sandbox container, started and removed: ${median(starts).toFixed(0)} ms (validate starts one per set, side by side)`);
    }
    if (existsSync(cliBundle)) {
      const bare: number[] = [];
      const proc: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        let t = performance.now();
        spawnSync(process.execPath, ['-e', '0']);
        bare.push(performance.now() - t);
        t = performance.now();
        proc.push(bundleRun(dir));
      }
      const p = median(proc);
      console.log(`node dist/cli.js validate (whole process):   ${p.toFixed(0)} ms, of which bare Node start ${median(bare).toFixed(0)} ms`);
      console.log(`  beyond the CLI's config:                   ${(p - c).toFixed(0)} ms  (target < 1000 ms: Compose renders in a sandbox container)`);
      record({ bench: 'validate', figure: `node dist/cli.js validate on a ${SERVICES}-service prod set (Compose in its sandbox container), beyond the Compose CLI's config of both sets run directly`, value: p - c, unit: 'ms', baseline: { what: `${found.flavor} config of both sets`, value: c, unit: 'ms' }, ratio: p / c, target: '< 1000 ms', met: p - c < 1000 });
    } else console.log('dist/cli.js not built: run `npm run build` for the whole-process figure');
    console.log('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
