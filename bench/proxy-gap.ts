/**
 * The last stall: the longest wait between two answered requests (sequential load through Caddy) while
 * an api that boots in 8 s is rolled, for the Caddyfile docs/deploy.md recommends, the same with short
 * dial timeout and retry interval, and per-address upstreams (refreshed every second,
 * passive health, short dial timeout and retry interval); against a plain `compose up -d` of the same change.
 * Needs the harness (bash test/e2e/harness/up.sh). Run: node --import tsx bench/proxy-gap.ts
 */
import { writeFileSync } from 'node:fs';
import { record } from './report.js';
import { join } from 'node:path';
import { ExampleStack, freePort, randomSha } from '../test/e2e/deploy/stack.js';
import { harnessComposeCommand, harnessEnv } from '../test/e2e/harness/env.js';
import { runAction } from '../test/e2e/lib/run-action.js';
import { gapLoop, type GapResult } from './gap-loop.js';
import { plainUpdate } from './plain-update.js';

const BOOT_SECONDS = 8;
const ROUNDS = Number(process.env.BENCH_GAP_ROUNDS ?? 2);

const caddyfile = (proxy: string) => `{\n\tadmin off\n\tauto_https off\n}\n:80 {\n${proxy}}\n`;
export const VARIANTS: Record<string, string> = {
  'static, dial 250ms, retry every 100ms (recommended)': caddyfile(
    '\treverse_proxy api:8080 {\n\t\tlb_try_duration 3s\n\t\tlb_try_interval 100ms\n\t\ttransport http {\n\t\t\tdial_timeout 250ms\n\t\t}\n\t}\n',
  ),
  'static, dial 100ms, retry every 20ms': caddyfile(
    '\treverse_proxy api:8080 {\n\t\tlb_try_duration 3s\n\t\tlb_try_interval 20ms\n\t\ttransport http {\n\t\t\tdial_timeout 100ms\n\t\t}\n\t}\n',
  ),
  'dynamic a (refresh 1s), fail_duration 5s, dial 100ms, retry every 20ms': caddyfile(
    '\treverse_proxy {\n\t\tdynamic a api 8080 {\n\t\t\trefresh 1s\n\t\t}\n\t\tlb_try_duration 3s\n\t\tlb_try_interval 20ms\n\t\tfail_duration 5s\n\t\ttransport http {\n\t\t\tdial_timeout 100ms\n\t\t}\n\t}\n',
  ),
};

interface Row {
  variant: string;
  rollouts: GapResult[];
}

async function measured(port: number, run: () => Promise<void>): Promise<GapResult> {
  const load = gapLoop(port);
  await new Promise((r) => setTimeout(r, 300));
  await run();
  await new Promise((r) => setTimeout(r, 1500));
  return load.stop();
}

async function deployOrThrow(stack: ExampleStack, sha: string): Promise<void> {
  const res = await runAction(stack.inputs(sha), { workspace: stack.workspace });
  if (res.code !== 0) throw new Error(`deploy of ${sha} failed:\n${res.log.slice(-3000)}`);
}

async function variantRow(variant: string, text: string): Promise<Row> {
  const stack = new ExampleStack(await freePort());
  stack.bootSeconds = BOOT_SECONDS;
  writeFileSync(join(stack.workspace, 'Caddyfile'), text);
  const shas = [randomSha(), randomSha()];
  try {
    for (const [i, sha] of shas.entries()) stack.buildAndPush({ sha, label: `v${i}` });
    await deployOrThrow(stack, shas[0]!);
    const rollouts: GapResult[] = [];
    for (let r = 0; r < ROUNDS; r++) rollouts.push(await measured(stack.proxyPort, () => deployOrThrow(stack, shas[(r + 1) % 2]!)));
    return { variant, rollouts };
  } finally {
    stack.destroy();
  }
}

async function plainRow(): Promise<Row> {
  const stack = new ExampleStack(await freePort());
  stack.bootSeconds = BOOT_SECONDS;
  const shas = [randomSha(), randomSha()];
  try {
    for (const [i, sha] of shas.entries()) stack.buildAndPush({ sha, label: `v${i}` });
    await deployOrThrow(stack, shas[0]!);
    await deployOrThrow(stack, shas[1]!);
    const rollouts: GapResult[] = [];
    for (let r = 0; r < ROUNDS; r++) rollouts.push(await measured(stack.proxyPort, () => plainUpdate(stack, shas[r % 2]!).then(() => undefined)));
    return { variant: 'plain `compose pull && up -d` (baseline, the recommended Caddyfile)', rollouts };
  } finally {
    stack.destroy();
  }
}

const fmt = (r: GapResult) => `${Math.round(r.longestGapMs)} ms at ${(r.longestGapAtMs / 1000).toFixed(1)} s (${r.failed} failed of ${r.ok + r.failed})`;

console.log(`proxy gap benchmark: api boots in ${BOOT_SECONDS} s, sequential requests through Caddy, ${ROUNDS} rollouts each, ${harnessComposeCommand()} ${harnessEnv().composeVersion}`);
const baseline = await plainRow();
console.log(`baseline  ${baseline.variant}: ${baseline.rollouts.map(fmt).join(', ')}`);
const base = Math.max(...baseline.rollouts.map((r) => r.longestGapMs));
for (const [variant, text] of Object.entries(VARIANTS)) {
  const row = await variantRow(variant, text);
  const worst = Math.max(...row.rollouts.map((r) => r.longestGapMs));
  const failed = row.rollouts.reduce((n, r) => n + r.failed, 0);
  record({ bench: 'proxy-gap', figure: `longest gap between answered requests, rolling deploy, app boots in ${BOOT_SECONDS} s: ${variant}`, value: worst, unit: 'ms', baseline: { what: 'plain compose pull && up -d', value: base, unit: 'ms' }, ratio: worst / base, ...(variant.endsWith('(recommended)') ? { target: '< 100 ms, 0 failed', met: worst < 100 && failed === 0 } : {}) });
  record({ bench: 'proxy-gap', figure: `failed requests, ${variant}`, value: failed, unit: 'requests', baseline: { what: 'plain compose pull && up -d', value: baseline.rollouts.reduce((n, r) => n + r.failed, 0), unit: 'requests' } });
  console.log(`rolling   ${variant}: ${row.rollouts.map(fmt).join(', ')}; longest ${Math.round(worst)} ms, ratio to baseline ${(worst / base).toFixed(3)}`);
}
