import type { SourceLocation } from '../errors.js';

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
  /** Registers a value that must never be printed. */
  secret(value: string): void;
  /** Appends Markdown to the run summary. */
  summary(markdown: string): void;
}

/** A reporter that drops everything but still masks: handy for library use and tests. */
export class MemoryReporter implements Reporter {
  readonly lines: string[] = [];
  readonly summaries: string[] = [];
  private readonly secrets: string[] = [];
  info(m: string) { this.lines.push(this.mask(m)); }
  warning(m: string, loc?: SourceLocation) { this.lines.push(`warning: ${this.mask(m)}${loc ? ` @${loc.file}:${loc.line ?? ''}` : ''}`); }
  error(m: string, loc?: SourceLocation) { this.lines.push(`error: ${this.mask(m)}${loc ? ` @${loc.file}:${loc.line ?? ''}` : ''}`); }
  debug(m: string) { this.lines.push(`debug: ${this.mask(m)}`); }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> { this.lines.push(`## ${title}`); return fn(); }
  secret(v: string) { if (v) this.secrets.push(v); }
  summary(md: string) { this.summaries.push(this.mask(md)); }
  mask(s: string): string { return maskSecrets(s, this.secrets); }
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    out = out.split(s).join('***');
    // Multi-line secrets (private keys) are masked line by line too, as the runner does.
    for (const line of s.split('\n')) if (line.trim().length >= 8) out = out.split(line).join('***');
  }
  return out;
}
