import { readTextFile } from '../config/read-text.js';
import { InputError } from '../errors.js';

/** One variable of an env file, with the line that declares it. */
export interface EnvEntry {
  value: string;
  line: number;
}

export interface EnvParseOptions {
  /** Skip lines that are not `KEY=value` instead of failing on them (build reads leniently, validate strictly). */
  skipInvalid?: boolean;
}

/**
 * Parses an env file the way Compose reads `--env-file`: `KEY=value` lines, `#` comments,
 * an optional `export `, single quotes literal, double quotes with \n escapes, `KEY` alone is declared empty.
 */
export function parseEnvText(text: string, file: string, options: EnvParseOptions = {}): Map<string, EnvEntry> {
  const out = new Map<string, EnvEntry>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=(.*))?$/.exec(line);
    if (!m && options.skipInvalid) return;
    if (!m) throw new InputError(`invalid env file line: expected KEY=value`, { file, line: i + 1, column: 1 });
    out.set(m[1]!, { value: unquote(m[2] ?? ''), line: i + 1 });
  });
  return out;
}

export function readEnvFile(absPath: string, displayName: string, options: EnvParseOptions = {}): Map<string, EnvEntry> {
  return parseEnvText(readTextFile(absPath, displayName, 'env file'), displayName, options);
}

/** The variables alone, as a plain record (what interpolation and build args take). */
export function envValues(entries: ReadonlyMap<string, EnvEntry>): Record<string, string> {
  return Object.fromEntries([...entries].map(([k, e]) => [k, e.value]));
}

function unquote(v: string): string {
  const s = v.trim();
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1);
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/\\n/g, '\n').replace(/\\"/g, '"');
  // An unquoted value ends at " #" (an inline comment).
  const hash = s.search(/\s#/);
  return hash >= 0 ? s.slice(0, hash).trimEnd() : s;
}
