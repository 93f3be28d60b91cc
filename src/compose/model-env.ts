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

/**
 * The prod env file a deploy writes into the release, checked before anything connects: a line that
 * is not `KEY=value` (a key with ";", a stray command on a line of its own, a leading "-") or a NUL
 * byte is bad input, said by line number only, since the line may hold a secret. A double- or
 * single-quoted value may run over several lines, as Compose v2 reads it.
 */
export function checkEnvFileShape(text: string, name: string): void {
  let open: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const at = { file: name, line: i + 1, column: 1 };
    if (raw.includes('\0')) throw new InputError('a NUL byte in the env file', at);
    if (open) {
      if (closes(raw, open)) open = undefined;
      return;
    }
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (m && m[1]!.length > 255) throw new InputError(`a variable name of ${m[1]!.length} characters; at most 255 are accepted`, at);
    if (!m) throw new InputError('invalid env file line: expected KEY=value (the line is not shown: it may hold a secret)', at);
    const value = m[2] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'") && !closes(value.slice(1), quote)) open = quote;
  });
  if (open) throw new InputError(`a quoted value (${open}) is never closed`, { file: name });
}

/** Whether a quote `q` closes in this text (a backslash escapes a double quote). */
function closes(text: string, q: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) return true;
  }
  return false;
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
