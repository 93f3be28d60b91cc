import type { Readable, Writable } from 'node:stream';
import { quoteArg, quoteArgv } from './quote.js';

/** A command as data: what the plan holds, what dry-run prints, what a runner executes. */
export interface Command {
  argv: readonly string[];
  /** Working directory on the machine that runs it. */
  cwd?: string;
  /** Sent on standard input; the only way a secret may reach a command. */
  stdin?: string;
  /** Extra environment, never secret (it is visible in the process list and in dry-run). */
  env?: Readonly<Record<string, string>>;
  /**
   * Environment whose values are never printed (dry-run and debug lines show neither names nor
   * values): build args taken from the runner's environment, named on the command line by name only.
   * Local commands only: a remote shell would receive it as text.
   */
  privateEnv?: Readonly<Record<string, string>>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
}

export interface Runner {
  readonly where: string;
  run(cmd: Command, options?: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
}

/**
 * A Runner on the deploy host (or backup.copy-to's), reached over one connection: what deploy,
 * rollback, releases, backup and restore-test's fetch work through. The real one is SSH; unit tests
 * script one.
 */
export interface HostRunner extends Runner {
  /** Commands sent so far, streams included: one round trip each (the deploy's round-trips output). */
  readonly commandCount: number;
  /**
   * Runs a command with binary data on one side: its stdout piped into `sink` (a download) or
   * `source` piped into its stdin (an upload). Resolves once the data has gone through and the command exited.
   */
  runStream(cmd: Command, io: { sink?: Writable; source?: Readable }): Promise<RunResult>;
}

/** The exact text a POSIX shell receives for this command (also what dry-run prints). */
export function shellText(cmd: Command): string {
  const envWords = Object.entries(cmd.env ?? {}).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`invalid environment variable name ${JSON.stringify(k)}`);
    return `${k}=${v}`;
  });
  const body = quoteArgv(envWords.length > 0 ? ['env', ...envWords, ...cmd.argv] : cmd.argv);
  return cmd.cwd ? `cd ${quoteArg(cmd.cwd)} && ${body}` : body;
}

/** Runs a command and insists on exit code 0; the error carries the tail of its output. */
export async function runChecked(runner: Runner, cmd: Command, what: string, options?: RunOptions): Promise<RunResult> {
  const res = await runner.run(cmd, options);
  if (res.code !== 0) throw new CommandFailed(what, runner.where, res);
  return res;
}

export class CommandFailed extends Error {
  override name = 'CommandFailed';
  constructor(
    readonly what: string,
    readonly where: string,
    readonly result: RunResult,
  ) {
    super(`${what} failed on ${where} (exit ${result.code})${tail(result.stderr || result.stdout)}`);
  }
}

export function tail(text: string, lines = 20): string {
  const t = text.trimEnd();
  if (!t) return '';
  return `:\n${t.split('\n').slice(-lines).join('\n')}`;
}
