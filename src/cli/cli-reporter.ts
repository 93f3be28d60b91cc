import { formatLocation, type SourceLocation } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { SecretMask } from '../report/secret-mask.js';

/** The engine's reporter in a terminal: everything on stderr, so stdout can carry --json. */
export class CliReporter implements Reporter {
  private readonly secrets = new SecretMask();
  readonly summaries: string[] = [];
  constructor(private readonly verbose = false) {}
  private write(line: string) { process.stderr.write(`${this.secrets.apply(line)}\n`); }
  info(m: string) { this.write(m); }
  warning(m: string, loc?: SourceLocation) { this.write(loc ? `${formatLocation(loc)}: warning: ${m}` : `warning: ${m}`); }
  error(m: string, loc?: SourceLocation) { this.write(loc ? `${formatLocation(loc)}: error: ${m}` : `error: ${m}`); }
  debug(m: string) { if (this.verbose) this.write(`debug: ${m}`); }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.write(`▸ ${title}`);
    return fn();
  }
  secret(v: string, publicKeys?: readonly string[]) { this.secrets.add(v, publicKeys); }
  summary(md: string) { this.summaries.push(this.secrets.apply(md)); }
  redact(text: string): string { return this.secrets.apply(text); }
}
