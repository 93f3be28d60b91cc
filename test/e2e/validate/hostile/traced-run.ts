import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { harnessEnv } from '../../harness/env.js';
import { parseOutputFile, REPO_ROOT, spawnCollect } from '../../lib/run-action.js';

/** Everything a run left behind that a person (or a later step) could read, and what it did to the machine. */
export interface TracedRun {
  code: number;
  /** Every channel, by name: stdout (for the action without ::add-mask:: lines), stderr, summary, annotations, report, outputs. */
  channels: Record<string, string>;
  report?: { errors: number; renderer: { kind: string; command?: string; version?: string }; sets: { findings: { rule: string; message: string; file: string }[] }[]; workflows: { findings: { rule: string; message: string; file: string }[] } | null };
  /** Programs the run tried to start (execve, any result), by base name. */
  programs: string[];
  /** The same, by the path the run gave execve. */
  executables: string[];
  /** connect() calls to anything but a local Unix socket (AF_INET, AF_INET6, ...), as strace printed them. */
  networkConnects: string[];
  /** Unix sockets connected to. */
  unixSockets: string[];
}

/** A TCP listener on loopback that counts connections: the address a hostile file points Compose at. */
export async function listen(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((s) => {
    count++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { port, connections: () => count, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Every hostile case must end: far beyond the sandbox's own 30 s cap, the run is killed and its exit
 * code (not the one the case expects) fails the test rather than blocking the suite.
 */
const HARD_KILL_MS = 240_000;

/**
 * Runs the bundle (dist/index.js as the action, or dist/cli.js) under strace, which records every
 * execve and connect of the process and all its children: the test reads what was started and where
 * it connected from the kernel's point of view, not from what the code says it does. --seccomp-bpf stops
 * the process only at those two system calls (plain ptrace stops node at every one, several times slower).
 */
export async function runTraced(kind: 'action' | 'cli', opts: { workspace: string; inputs?: Record<string, string>; args?: string[]; env: Record<string, string> }): Promise<TracedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-traced-'));
  try {
    const report = join(dir, 'report.json');
    for (const f of ['output', 'summary', 'env', 'state', 'path']) writeFileSync(join(dir, f), '');
    // The runner's docker config: where the harness puts the Compose v2 plugin when the suite runs under v2.
    const dockerConfig = (harnessEnv() as { runnerDockerConfig?: string }).runnerDockerConfig ?? process.env['DOCKER_CONFIG'];
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], LANG: 'C.UTF-8', RUNNER_TEMP: dir, ...(dockerConfig ? { DOCKER_CONFIG: dockerConfig } : {}), ...opts.env };
    let args: string[];
    if (kind === 'action') {
      Object.assign(env, {
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_OUTPUT: join(dir, 'output'),
        GITHUB_STEP_SUMMARY: join(dir, 'summary'),
        GITHUB_ENV: join(dir, 'env'),
        GITHUB_STATE: join(dir, 'state'),
        GITHUB_PATH: join(dir, 'path'),
        GITHUB_WORKSPACE: opts.workspace,
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_EVENT_NAME: 'pull_request',
      });
      for (const [k, v] of Object.entries({ command: 'validate', 'report-file': report, ...opts.inputs })) env[`INPUT_${k.toUpperCase()}`] = v;
      args = [join(REPO_ROOT, 'dist/index.js')];
    } else {
      args = [join(REPO_ROOT, 'dist/cli.js'), 'validate', '--report-file', report, ...(opts.args ?? [])];
    }
    const trace = join(dir, 'strace.txt');
    const res = await spawnCollect('strace', ['-f', '--seccomp-bpf', '-qq', '-s', '256', '-e', 'trace=execve,connect', '-o', trace, harnessEnv().node24, ...args], { env, cwd: opts.workspace, hardKillMs: HARD_KILL_MS });
    const straced = readFileSync(trace, 'utf8');
    const reportText = readOptional(report);
    const executables = [...straced.matchAll(/execve\("([^"]+)"/g)].map((m) => m[1]!);
    const stdout = kind === 'action' ? res.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n') : res.stdout;
    const channels: Record<string, string> = { stdout, stderr: res.stderr, report: reportText ?? '' };
    if (kind === 'action') {
      channels['summary'] = readFileSync(join(dir, 'summary'), 'utf8');
      channels['annotations'] = res.stdout.split('\n').filter((l) => /^::(error|warning|notice)/.test(l)).join('\n');
      channels['outputs'] = JSON.stringify(parseOutputFile(readFileSync(join(dir, 'output'), 'utf8')));
    }
    return {
      code: res.code,
      channels,
      report: reportText ? JSON.parse(reportText) : undefined,
      executables,
      programs: executables.map((e) => basename(e)),
      networkConnects: straced.split('\n').filter((l) => /connect\(/.test(l) && /sa_family=/.test(l) && !/sa_family=AF_UNIX/.test(l)),
      unixSockets: [...straced.matchAll(/connect\(\d+, \{sa_family=AF_UNIX, sun_path="([^"]*)"/g)].map((m) => m[1]!),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
