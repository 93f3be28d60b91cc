import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { harnessEnv } from '../harness/env.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ActionRun extends Run {
  outputs: Record<string, string>;
  summary: string;
  /** Lines the runner would turn into annotations (::error file=...::msg). */
  annotations: string[];
  /** stdout as the runner would show it: without the ::add-mask:: commands that register secrets. */
  log: string;
}

/** Spawns a process and collects its output; never throws on a non-zero exit. */
/** `hardKillMs`: past it the process is killed (SIGKILL) and its result says so: a hang fails the test instead of blocking the suite. */
export function spawnCollect(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; stdin?: string; hardKillMs?: number } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const killer = opts.hardKillMs === undefined ? undefined : setTimeout(() => {
      stderr += `\n[test harness: killed after ${opts.hardKillMs! / 1000} s: it did not end]\n`;
      child.kill('SIGKILL');
    }, opts.hardKillMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killer) clearTimeout(killer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** The env a GitHub runner gives a JavaScript action, minus anything from this process that could leak in. */
function runnerEnv(dir: string, workspace: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  for (const f of ['output', 'summary', 'env', 'state', 'path']) writeFileSync(join(dir, f), '');
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('INPUT_') && !k.startsWith('COMPOSE_DEPLOY_') && !k.startsWith('GITHUB_')) base[k] = v;
  return {
    ...base,
    // The runner's docker sees the plugins of the Compose under test (v2: compose and buildx; v1: none).
    DOCKER_CONFIG: harnessEnv().runnerDockerConfig,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_PATH: join(dir, 'path'),
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REPOSITORY: 'Acme-Corp/Shop',
    GITHUB_REPOSITORY_OWNER: 'Acme-Corp',
    GITHUB_ACTOR: 'octo-dev',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    RUNNER_TEMP: dir,
    ...extra,
  };
}

/** GITHUB_OUTPUT holds `name<<DELIM\nvalue\nDELIM` blocks (or name=value lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/**
 * Runs the committed bundle dist/index.js under Node 24 exactly as a runner does: inputs as
 * INPUT_<NAME> (upper-cased, hyphens kept), outputs and summary read back from their files.
 */
export async function runAction(inputs: Record<string, string>, opts: { env?: NodeJS.ProcessEnv; workspace?: string } = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-runner-'));
  try {
    const workspace = opts.workspace ?? dir;
    const env = runnerEnv(dir, workspace, opts.env ?? {});
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
    const res = await spawnCollect(harnessEnv().node24, [join(REPO_ROOT, 'dist/index.js')], { env, cwd: workspace });
    return {
      ...res,
      outputs: parseOutputFile(readFileSync(join(dir, 'output'), 'utf8')),
      summary: readFileSync(join(dir, 'summary'), 'utf8'),
      annotations: res.stdout.split('\n').filter((l) => /^::(error|warning|notice)/.test(l)),
      log: res.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bundled action started as a runner starts it, kept as a process so a test can signal or kill it
 * mid-run; `output` is what it has printed so far.
 */
export function startAction(inputs: Record<string, string>, opts: { workspace: string; env?: NodeJS.ProcessEnv }) {
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_WORKSPACE: opts.workspace, GITHUB_REPOSITORY: 'acme/shop', ...opts.env };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const child = spawn(harnessEnv().node24, [join(REPO_ROOT, 'dist/index.js')], { env, cwd: opts.workspace });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number>((r) => child.on('close', (c) => r(c ?? 1)));
  return { child, output: () => out, exited };
}

/**
 * The CLI bundle started and kept as a process, so a test can signal it mid-run (Ctrl-C, a cancelled
 * workflow); `output` is what it has printed so far. Killed outright after `hardKillMs` (a cap, not a check).
 */
export function startCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; hardKillMs?: number } = {}) {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('COMPOSE_DEPLOY_') && !k.startsWith('GITHUB_')) env[k] = v;
  const child = spawn(harnessEnv().node24, [join(REPO_ROOT, 'dist/cli.js'), ...args], { env: { ...env, DOCKER_CONFIG: harnessEnv().runnerDockerConfig, ...opts.env }, cwd: opts.cwd ?? REPO_ROOT });
  const cap = setTimeout(() => child.kill('SIGKILL'), opts.hardKillMs ?? 600_000);
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number>((r) =>
    child.on('close', (c) => {
      clearTimeout(cap);
      r(c ?? 1);
    }),
  );
  return { child, output: () => out, exited };
}

/** Runs the committed CLI bundle dist/cli.js under Node 24; `json`: what --json printed, as tests index into it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape differs by command and by outcome
export async function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run & { json?: any }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('COMPOSE_DEPLOY_') && !k.startsWith('GITHUB_')) env[k] = v;
  const res = await spawnCollect(harnessEnv().node24, [join(REPO_ROOT, 'dist/cli.js'), ...args], { env: { ...env, DOCKER_CONFIG: harnessEnv().runnerDockerConfig, ...opts.env }, cwd: opts.cwd ?? REPO_ROOT });
  let json: unknown;
  if (args.includes('--json')) {
    try {
      json = JSON.parse(res.stdout);
    } catch {
      json = undefined;
    }
  }
  return { ...res, json };
}

/** The harness host's SSH settings as action inputs. */
export function hostInputs(overrides: Record<string, string> = {}): Record<string, string> {
  const h = harnessEnv();
  return {
    host: h.host,
    port: String(h.port),
    user: h.user,
    'ssh-private-key': readFileSync(h.keyPath, 'utf8'),
    'known-hosts': readFileSync(h.knownHostsPath, 'utf8'),
    ...overrides,
  };
}

/** Runs a command on the harness host as the deploy user, with the pinned key (for assertions). */
export function sshArgs(command: string): string[] {
  const h = harnessEnv();
  return ['-p', String(h.port), '-i', h.keyPath, '-o', `UserKnownHostsFile=${h.knownHostsPath}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', `${h.user}@${h.host}`, command];
}
