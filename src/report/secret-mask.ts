import { parseEnvText } from '../compose/model-env.js';

/** Pieces shorter than this are masked only where they stand alone (see SecretMask). */
const SHORT = 6;

/** What to hide for one secret value. */
export interface SecretParts {
  /** Hidden wherever they appear, even inside other text; the runner is told of these too. */
  pieces: string[];
  /** Short dotenv values, hidden only as whole values: masking "abc" inside every word would hide the log, not the secret. */
  words: string[];
}

/**
 * The whole value; each line of a multi-line one (a private key), since a log may show a single
 * line; and each value of a dotenv (KEY=value), read as Compose v2 and as v1 read it (the host runs
 * either), since an app or a migration may print one on its own, whatever its length. Booleans are
 * left out: true/false carry no secret worth a hidden log, and so are the values of `publicKeys` (the
 * config's deploy.public-env: an image prefix, a port), which the team said are not secret.
 */
export function secretParts(value: string, publicKeys: readonly string[] = []): SecretParts {
  const pieces = new Set<string>();
  const words = new Set<string>();
  if (value) pieces.add(value);
  const assigned = new Set<number>();
  for (const flavor of ['v2', 'v1'] as const) {
    for (const [name, entry] of parseEnvText(value, 'secret', { flavor, skipInvalid: true })) {
      const v = entry.value?.trim() ?? '';
      // A base64 line of a key ending in "=" or "==" reads as KEY==: padding, not an assignment.
      if (/^=*$/.test(v)) continue;
      assigned.add(entry.line);
      if (/^(true|false|yes|no|on|off)$/i.test(v) || publicKeys.includes(name)) continue;
      (v.length >= SHORT ? pieces : words).add(v);
    }
  }
  value.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!assigned.has(i + 1) && line.length >= 8) pieces.add(line);
  });
  return { pieces: [...pieces], words: [...words].filter((w) => !pieces.has(w)) };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A run's secrets, split into what to hide once, when registered, not on every line printed. Every
 * door out (the log, --json, the step summary, error messages, the GitHub deployment status) goes
 * through the same apply().
 */
export class SecretMask {
  private pieces: string[] = [];
  private words = new Set<string>();
  /** Matches a short value standing alone: not inside a longer word or number (punctuation around it is fine: "is abc."). */
  private wordPattern?: RegExp;

  /** Returns the pieces not registered before: the runner must be told of each (never the short words). */
  add(value: string, publicKeys?: readonly string[]): string[] {
    const parts = secretParts(value, publicKeys);
    const fresh = parts.pieces.filter((p) => !this.pieces.includes(p));
    // Longest first, so a whole value is masked before the pieces it contains.
    this.pieces = [...this.pieces, ...fresh].sort((a, b) => b.length - a.length);
    const before = this.words.size;
    for (const w of parts.words) this.words.add(w);
    if (this.words.size !== before) {
      const alternatives = [...this.words].sort((a, b) => b.length - a.length).map(escape).join('|');
      this.wordPattern = new RegExp(`(?<![A-Za-z0-9_])(?:${alternatives})(?![A-Za-z0-9_])`, 'g');
    }
    return fresh;
  }

  apply(text: string): string {
    let out = text;
    for (const p of this.pieces) out = out.split(p).join('***');
    return this.wordPattern ? out.replace(this.wordPattern, '***') : out;
  }
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  const mask = new SecretMask();
  for (const s of secrets) mask.add(s);
  return mask.apply(text);
}
