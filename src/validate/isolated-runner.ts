import { spawn } from 'node:child_process';
import type { Command, RunOptions, RunResult, Runner } from '../runner/runner.js';

/** Compose's complaints are a few lines; more than this is not an error message worth keeping. */
const MAX_OUTPUT_BYTES = 256 * 1024;

/**
 * Runs validate's Compose commands with exactly `base` plus the command's own environment (nothing
 * inherited from the runner, unlike LocalRunner) and no standard input, keeping at most
 * MAX_OUTPUT_BYTES of each stream.
 */
export class IsolatedRunner implements Runner {
  readonly where = 'this machine';
  constructor(private readonly base: Readonly<Record<string, string>>) {}

  run(cmd: Command, options?: RunOptions): Promise<RunResult> {
    const [file, ...args] = cmd.argv;
    if (!file) throw new Error('empty command');
    return new Promise((done) => {
      const child = spawn(file, args, { cwd: cmd.cwd, env: { ...this.base, ...cmd.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      const stdout = capped((c) => options?.onStdout?.(c));
      const stderr = capped((c) => options?.onStderr?.(c));
      child.stdout.on('data', stdout.add);
      child.stderr.on('data', stderr.add);
      child.on('error', (err) => done({ code: 127, stdout: '', stderr: `${file}: ${err.message}` }));
      child.on('close', (code, signal) => done({ code: code ?? (signal ? 128 : 1), stdout: stdout.text(), stderr: stderr.text() }));
    });
  }

  async close(): Promise<void> {}
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
