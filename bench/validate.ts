// Benchmark (not a test): validate a generated 60-service prod set and compare with the Compose CLI's own
// `config` on the same files. Run: node --import tsx bench/validate.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { composeCommand, detectCompose } from '../src/compose/cli.js';
import { resolveSettings } from '../src/config/settings.js';
import { MemoryReporter } from '../src/report/reporter.js';
import { LocalRunner } from '../src/runner/local-runner.js';
import { validateCommand } from '../src/validate/command.js';

const SERVICES = 60;
const ROUNDS = 5;

function generate(dir: string): void {
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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-validate-'));
  try {
    generate(dir);
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
        const res = await validateCommand(settings, new MemoryReporter(), { runner });
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
