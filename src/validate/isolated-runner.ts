import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Command, RunOptions, RunResult, Runner } from '../runner/runner.js';

/** Compose's complaints are a few lines; more than this is not an error message worth keeping. */
const MAX_OUTPUT_BYTES = 256 * 1024;
/** No command of validate's needs longer (a container start and a render take a second or two; a render's own caps inside its container are 10 s of processor time and 60 s). */
export const COMMAND_TIME_CAP_MS = 75_000;

/**
 * Runs validate's commands with exactly `base` plus the command's own environment (nothing
 * inherited from the runner, unlike LocalRunner) and no standard input, keeping at most
 * MAX_OUTPUT_BYTES of each stream. The program is looked up along `searchPath` (the runner's PATH) and
 * started by its absolute path, so the environment's own PATH can be a placeholder.
 * Each command is the leader of its own process group: past `timeCapMs`, or when `killAll` is called
 * (an error, a signal), the whole group is killed, whatever it started.
 */
export class IsolatedRunner implements Runner {
  readonly where = 'this machine';
  private readonly found = new Map<string, string | undefined>();
  private readonly live = new Set<number>();
  constructor(
    private readonly base: Readonly<Record<string, string>>,
    private readonly searchPath: string | undefined = base['PATH'],
    private readonly timeCapMs = COMMAND_TIME_CAP_MS,
  ) {}

  /** Kills every command still running, with all it started. */
  killAll(): void {
    for (const pid of this.live) killGroup(pid);
  }

  /** Where `name` is along the search path (absolute), or undefined. */
  which(name: string): string | undefined {
    return this.locate(name);
  }

  run(cmd: Command, options?: RunOptions): Promise<RunResult> {
    const [name, ...args] = cmd.argv;
    if (!name) throw new Error('empty command');
    const file = this.locate(name);
    if (!file) return Promise.resolve({ code: 127, stdout: '', stderr: `${name}: not found` });
    return new Promise((done) => {
      let child: ReturnType<typeof spawn>;
      try {
        child = spawn(file, args, { cwd: cmd.cwd, env: { ...this.base, ...cmd.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      } catch (err) {
        // E2BIG and the like: the command cannot start, which is its result, not validate's crash.
        done({ code: 126, stdout: '', stderr: `${name}: ${(err as Error).message}` });
        return;
      }
      const pid = child.pid;
      if (pid !== undefined) this.live.add(pid);
      let timedOut = false;
      const cap = setTimeout(() => {
        timedOut = true;
        if (pid !== undefined) killGroup(pid);
      }, this.timeCapMs);
      const stdout = capped((c) => options?.onStdout?.(c));
      const stderr = capped((c) => options?.onStderr?.(c));
      child.stdout!.on('data', stdout.add);
      child.stderr!.on('data', stderr.add);
      const finish = (r: RunResult) => {
        clearTimeout(cap);
        if (pid !== undefined) {
          // What the command left behind in its group goes with it.
          killGroup(pid);
          this.live.delete(pid);
        }
        done(r);
      };
      child.on('error', (err) => finish({ code: 127, stdout: '', stderr: `${file}: ${err.message}` }));
      child.on('close', (code, signal) => finish(timedOut ? { code: 124, stdout: stdout.text(), stderr: `${stderr.text()}\n${name}: stopped after ${this.timeCapMs / 1000}s (validate's time cap)` } : { code: code ?? (signal ? 128 : 1), stdout: stdout.text(), stderr: stderr.text() }));
    });
  }

  async close(): Promise<void> {}

  private locate(name: string): string | undefined {
    if (name.includes('/')) return isAbsolute(name) ? name : undefined;
    if (!this.found.has(name)) this.found.set(name, (this.searchPath ?? '').split(delimiter).filter((d) => isAbsolute(d)).map((d) => join(d, name)).find(isExecutable));
    return this.found.get(name);
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function capped(onChunk: (chunk: string) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add: (b: Buffer) => {
      if (size >= MAX_OUTPUT_BYTES) return;
      const kept = b.subarray(0, MAX_OUTPUT_BYTES - size);
      size += kept.length;
      chunks.push(kept);
      onChunk(kept.toString());
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}
