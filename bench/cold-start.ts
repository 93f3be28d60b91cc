// Benchmark (not a test): how long the bundles take from `node dist/<entry>.js` to their first log line,
// against bare Node starting and exiting (`node -e 0`), and how big the bundles are.
// Needs `npm run build` first. Run: node --import tsx bench/cold-start.ts
import { record } from './report.js';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const ROUNDS = 15;

/** Milliseconds from spawning to the first byte on stdout or stderr (or to exit, for `node -e 0`). */
function firstOutput(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done, fail) => {
    const t = performance.now();
    let at: number | undefined;
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const mark = () => (at ??= performance.now() - t);
    child.stdout.on('data', mark);
    child.stderr.on('data', mark);
    child.on('error', fail);
    child.on('close', () => done(at ?? performance.now() - t));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  await firstOutput(args, cwd, env); // warm the page cache
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await firstOutput(args, cwd, env));
  return median(times);
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'dist/cli.js'))) throw new Error('dist/ is not built: run `npm run build` first');
  // An empty workspace: validate stops at its first line ("no prod Compose files"), after loading what it needs.
  const ws = mkdtempSync(join(tmpdir(), 'cd-bench-cold-'));
  try {
    const base = { PATH: process.env['PATH'] ?? '', HOME: ws, RUNNER_TEMP: ws };
    const bare = await measure(['-e', '0'], ws, base);
    const action = await measure([join(root, 'dist/index.js')], ws, { ...base, INPUT_COMMAND: 'validate', GITHUB_WORKSPACE: ws });
    const cli = await measure([join(root, 'dist/cli.js'), 'validate'], ws, base);
    const version = await measure([join(root, 'dist/cli.js'), '--version'], ws, base);
    // The entry points and their chunks (dist/chunks/<bundle>/).
    const files = readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    const size = (f: string) => statSync(join(root, 'dist', f)).size;
    const chunks = (bundle: string) => files.filter((f) => f.startsWith(`chunks/${bundle}/`)).reduce((s, f) => s + size(f), 0);
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    console.log(`cold start to the first log line, ${ROUNDS} rounds, medians (Node ${process.version})`);
    console.log(`bare node -e 0:                 ${bare.toFixed(0)} ms`);
    console.log(`action (dist/index.js):         ${action.toFixed(0)} ms  (${(action - bare).toFixed(0)} ms beyond bare Node, ratio ${(action / bare).toFixed(2)}; target < 150 ms)`);
    console.log(`cli validate (dist/cli.js):     ${cli.toFixed(0)} ms  (${(cli - bare).toFixed(0)} ms beyond bare Node, ratio ${(cli / bare).toFixed(2)})`);
    console.log(`cli --version (dist/cli.js):    ${version.toFixed(0)} ms`);
    record({ bench: 'cold-start', figure: 'the action (node dist/index.js) to its first log line', value: action, unit: 'ms', baseline: { what: 'bare node -e 0', value: bare, unit: 'ms' }, ratio: action / bare, target: '< 150 ms', met: action < 150 });
    record({ bench: 'cold-start', figure: 'bundle size: dist/index.js (chunks load on demand)', value: size('index.js') / 1024, unit: 'KiB', baseline: { what: 'all of dist/', value: files.reduce((s, f) => s + size(f), 0) / 1024, unit: 'KiB' } });
    console.log(`bundle: dist/index.js ${kb(size('index.js'))} (+ ${kb(chunks('action'))} of chunks loaded on demand), dist/cli.js ${kb(size('cli.js'))} (+ ${kb(chunks('cli'))}), all of dist/ ${kb(files.reduce((s, f) => s + size(f), 0))} in ${files.length} file(s)`);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

await main();
