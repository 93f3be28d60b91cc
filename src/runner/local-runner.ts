import { getExecOutput } from '@actions/exec';
import type { Command, RunOptions, RunResult, Runner } from './runner.js';

/** Runs commands on this machine (the runner or a laptop): builds, validation, restore drills. */
export class LocalRunner implements Runner {
  readonly where = 'this machine';
  constructor(private readonly env?: Readonly<Record<string, string>>) {}

  async run(cmd: Command, options?: RunOptions): Promise<RunResult> {
    const [file, ...args] = cmd.argv;
    if (!file) throw new Error('empty command');
    try {
      const res = await getExecOutput(file, args, {
        cwd: cmd.cwd,
        input: cmd.stdin === undefined ? undefined : Buffer.from(cmd.stdin),
        env: this.env || cmd.env || cmd.privateEnv ? ({ ...process.env, ...this.env, ...cmd.env, ...cmd.privateEnv } as Record<string, string>) : undefined,
        silent: true,
        ignoreReturnCode: true,
        listeners: {
          stdout: (b: Buffer) => options?.onStdout?.(b.toString()),
          stderr: (b: Buffer) => options?.onStderr?.(b.toString()),
        },
      });
      return { code: res.exitCode, stdout: res.stdout, stderr: res.stderr };
    } catch (err) {
      // The program could not be started at all (not installed): report it like a shell would.
      return { code: 127, stdout: '', stderr: `${file}: ${(err as Error).message}` };
    }
  }

  async close(): Promise<void> {}
}
