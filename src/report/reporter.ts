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
  secret(v: string) { this.secrets.add(v); }
  summary(md: string) { this.summaries.push(this.mask(md)); }
  redact(s: string): string { return this.mask(s); }
  mask(s: string): string { return this.secrets.apply(s); }
}

/**
 * The strings to hide for one secret value: the whole value; each line of a multi-line one (a
 * private key), since a log may show a single line; and each value of a dotenv (KEY=value), since
 * an app or a migration may print one on its own. Short pieces are left out: masking "1" or
 * "true" everywhere would hide the log, not the secret.
 */
export function secretParts(value: string): string[] {
  const parts = new Set<string>();
  if (value) parts.add(value);
  for (const raw of value.split(/\r?\n/)) {
    const line = raw.trim();
    const m = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*)$/.exec(line);
    // A base64 line of a key ends in "=" or "==": that is padding, not an assignment.
    if (!m || /^=*$/.test(m[1]!)) {
      if (line.length >= 8) parts.add(line);
      continue;
    }
    const v = m[1]!.replace(/^(['"])(.*)\1$/, '$2').trim();
    if (v.length >= 6 && !/^(true|false|yes|no|on|off)$/i.test(v)) parts.add(v);
  }
  return [...parts];
}

/** A run's secrets, split into the pieces to hide once, when registered, not on every line printed. */
export class SecretMask {
  private parts: string[] = [];
  /** Returns the pieces not registered before (the runner must be told of each). */
  add(value: string): string[] {
    const fresh = secretParts(value).filter((p) => !this.parts.includes(p));
    // Longest first, so a whole value is masked before the pieces it contains.
    this.parts = [...this.parts, ...fresh].sort((a, b) => b.length - a.length);
    return fresh;
  }
  apply(text: string): string {
    let out = text;
    for (const p of this.parts) out = out.split(p).join('***');
    return out;
  }
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  const mask = new SecretMask();
  for (const s of secrets) mask.add(s);
  return mask.apply(text);
}
