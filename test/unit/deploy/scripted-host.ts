import type { Interrupts } from '../../../src/engine/services.js';
import type { Command, HostRunner, RunResult } from '../../../src/runner/runner.js';

/**
 * One expected host command: its label (labelOf), the answer (default: exit 0, no output), what
 * happens as it is answered, and what the answer waits for (a command still running on the host).
 */
export interface Step {
  label: string;
  answer?: Partial<RunResult>;
  then?: () => void;
  until?: Promise<unknown>;
}

/**
 * A deploy host played from a script: every command must be the next step's, in order, and gets
 * that step's answer; anything else is recorded as a problem and answered with exit 127.
 */
export class ScriptedHost implements HostRunner {
  readonly where = 'deploy@scripted:22';
  readonly sent: { label: string; command: Command }[] = [];
  readonly problems: string[] = [];
  private next = 0;

  constructor(private readonly script: readonly Step[]) {}

  get commandCount(): number {
    return this.sent.length;
  }

  async run(command: Command): Promise<RunResult> {
    const label = labelOf(command);
    this.sent.push({ label, command });
    const step = this.script[this.next];
    if (step?.label !== label) {
      this.problems.push(`command ${this.sent.length} was "${label}", the script expected ${step ? `"${step.label}"` : 'no more'}`);
      return { code: 127, stdout: '', stderr: `unscripted command: ${label}` };
    }
    this.next++;
    step.then?.();
    await step.until;
    return { code: 0, stdout: '', stderr: '', ...step.answer };
  }

  runStream(command: Command): Promise<RunResult> {
    return this.run(command);
  }

  async close(): Promise<void> {}

  /** The labels of what was sent, to compare with the script's. */
  get labels(): string[] {
    return this.sent.map((s) => s.label);
  }

  /** What the command labelled `label` (the last one) had on stdin, as JSON: the audit record. */
  stdinJson(label: string): Record<string, unknown> {
    const c = [...this.sent].reverse().find((s) => s.label === label);
    if (!c?.command.stdin) throw new Error(`no "${label}" with stdin was sent`);
    return JSON.parse(c.command.stdin) as Record<string, unknown>;
  }
}

/** The first four hex digits of the release a path or sha names. */
const short = (text: string) => /(?:releases\/)?([0-9a-f]{40})/.exec(text)?.[1]?.slice(0, 4) ?? text;

/**
 * A readable name for a host command: a host script by its step (`lock`, `switch 1111`,
 * `roll api 2222`), a Compose command by its release and arguments (`compose 2222 config`), psql
 * by its database and variables (`psql postgres db restored`), another program in a container by its name.
 */
export function labelOf(c: Command): string {
  const [program, flag, , name, ...args] = c.argv;
  const envFile = c.argv.indexOf('--env-file');
  const release = envFile >= 0 ? short(c.argv[envFile + 1]!) : '';
  if (program === 'sh' && flag === '-c' && name?.startsWith('compose-deploy-')) {
    const step = name.slice('compose-deploy-'.length);
    if (step === 'roll') return `roll ${args[0]} ${release}`;
    if (step === 'switch') return `switch ${short(args[1]!)}`;
    return step;
  }
  if (envFile >= 0) return `compose ${release} ${c.argv.slice(envFile + 2).join(' ')}`;
  // psql in the database's container: the database (its timestamp left out) and the names of the variables.
  if (c.argv[0] === 'docker' && c.argv[4] === 'psql') {
    const db = c.argv[c.argv.indexOf('-d') + 1]!.replace(/_\d{8}_\d{6}$/, '_<stamp>');
    const vars = c.argv.flatMap((a, i) => (c.argv[i - 1] === '-v' && !a.startsWith('ON_ERROR_STOP') ? [a.slice(0, a.indexOf('='))] : []));
    return ['psql', db, ...vars].join(' ');
  }
  // Any other program in a container: by its name (`exec nproc`, `exec pg_restore`).
  if (c.argv[0] === 'docker' && c.argv[1] === 'exec') return `exec ${c.argv[c.argv[2] === '-i' ? 4 : 3]}`;
  return c.argv.join(' ');
}

/** Interrupts a test fires by hand: `first()` is a cancelled workflow's SIGINT, `again()` its SIGTERM. */
export class ManualInterrupts implements Interrupts {
  private handlers?: { first: () => void | Promise<void>; again?: () => Promise<void> };
  listening = false;

  listen(first: () => void | Promise<void>, again?: () => Promise<void>): () => void {
    this.handlers = { first, again };
    this.listening = true;
    return () => {
      this.listening = false;
    };
  }

  first(): void {
    if (!this.listening) throw new Error('nothing listens for interrupts');
    void this.handlers!.first();
  }

  async again(): Promise<void> {
    if (!this.listening) throw new Error('nothing listens for interrupts');
    await this.handlers!.again?.();
  }
}
