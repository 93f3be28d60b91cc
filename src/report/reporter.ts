import type { SourceLocation } from '../errors.js';
import { SecretMask } from './secret-mask.js';

/**
 * What the engine may say to the outside world. The action implements it with @actions/core,
 * the CLI with stderr/stdout, tests with an in-memory recorder; the engine never imports @actions/core.
 */
export interface Reporter {
  info(message: string): void;
  warning(message: string, location?: SourceLocation): void;
  error(message: string, location?: SourceLocation): void;
  debug(message: string): void;
  /** Runs fn inside a collapsible log group. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Registers a value that must never be printed; for an env file, `publicKeys` names the keys whose values may be. */
  secret(value: string, publicKeys?: readonly string[]): void;
  /** The text with every registered secret replaced by ***: for what leaves through other doors (audit log, deployment status). */
  redact(text: string): string;
  /** Appends Markdown to the run summary. */
  summary(markdown: string): void;
}

/** A reporter that drops everything but still masks: handy for library use and tests. */
export class MemoryReporter implements Reporter {
  readonly lines: string[] = [];
  readonly summaries: string[] = [];
  private readonly secrets = new SecretMask();
  info(m: string) { this.lines.push(this.mask(m)); }
  warning(m: string, loc?: SourceLocation) { this.lines.push(`warning: ${this.mask(m)}${loc ? ` @${loc.file}:${loc.line ?? ''}` : ''}`); }
  error(m: string, loc?: SourceLocation) { this.lines.push(`error: ${this.mask(m)}${loc ? ` @${loc.file}:${loc.line ?? ''}` : ''}`); }
  debug(m: string) { this.lines.push(`debug: ${this.mask(m)}`); }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> { this.lines.push(`## ${title}`); return fn(); }
  secret(v: string, publicKeys?: readonly string[]) { this.secrets.add(v, publicKeys); }
  summary(md: string) { this.summaries.push(this.mask(md)); }
  redact(s: string): string { return this.mask(s); }
  mask(s: string): string { return this.secrets.apply(s); }
}
