import { formatLocation, type SourceLocation } from '../errors.js';
import { maskSecrets, type Reporter } from '../report/reporter.js';

/** The engine's reporter in a terminal: everything on stderr, so stdout can carry --json. */
export class CliReporter implements Reporter {
  private readonly secrets: string[] = [];
  readonly summaries: string[] = [];
  constructor(private readonly verbose = false) {}
  private write(line: string) { process.stderr.write(`${maskSecrets(line, this.secrets)}\n`); }
  info(m: string) { this.write(m); }
  warning(m: string, loc?: SourceLocation) { this.write(loc ? `${formatLocation(loc)}: warning: ${m}` : `warning: ${m}`); }
  error(m: string, loc?: SourceLocation) { this.write(loc ? `${formatLocation(loc)}: error: ${m}` : `error: ${m}`); }
  debug(m: string) { if (this.verbose) this.write(`debug: ${m}`); }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.write(`▸ ${title}`);
    return fn();
  }
  secret(v: string) { if (v) this.secrets.push(v); }
  summary(md: string) { this.summaries.push(maskSecrets(md, this.secrets)); }
  redact(text: string): string { return maskSecrets(text, this.secrets); }
}
