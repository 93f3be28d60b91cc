import { ExpansionTooLarge, findVarRefs, interpolate, InterpolationError, MAX_EXPANDED_LENGTH } from './model-vars.js';

/*
 * The two env file grammars of Compose, as its CLIs behave (test/e2e/validate/env-file-oracle.test.ts
 * holds the proof, line by line). Both return statements in file order, each with the line it starts
 * on; a problem is what v2 refuses or v1 skips, described without the value.
 */

export type EnvStatement = { key: string; value: string | undefined; line: number } | { problem: string; line: number };

/** Lines before an offset, counted as the file's own line breaks. */
function lineCounter(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

// ---- Compose v2 (compose-go dotenv) ----

/** Go's notion of a space that is not a line break: what v2 trims around keys and values. */
const V2_BLANK = /[\t\v\f\r \u0085\u00A0]/;
/** What a v2 key may hold: letters and digits of any script, `_`, `.`, `-`, `[`, `]`. */
const V2_KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const V2_DQ_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', $: '$$' };

/**
 * v2: a key (after an optional `export `) ends at `=`, `:` or the end of the line (`KEY` alone takes the
 * environment's value, if any); unquoted values end at the line or at ` #`; a quoted value runs to its
 * closing quote across lines, and what follows it is read as the next statement. Values other than
 * single-quoted ones are interpolated (`$VAR`, `${VAR:-x}`, `$$`...) with the environment first, then
 * the file's earlier lines; a variable the environment has overrides the file's value.
 */
export function parseV2(text: string, environment: ReadonlyMap<string, string>): EnvStatement[] {
  const lineAt = lineCounter(text);
  const out: EnvStatement[] = [];
  // What `${VAR}` sees: the environment, then the file's lines so far (kept merged as lines are read).
  const scope = new Map(environment);
  const define = (key: string, value: string) => {
    if (!environment.has(key)) scope.set(key, value);
  };
  let pos = 0;
  const skipLine = () => {
    const nl = text.indexOf('\n', pos);
    pos = nl < 0 ? text.length : nl + 1;
  };
  while (true) {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (pos >= text.length) break;
    const line = lineAt(pos);
    if (text[pos] === '#') {
      skipLine();
      continue;
    }
    const fail = (problem: string) => {
      out.push({ problem, line });
      skipLine();
    };
    if (text.startsWith('export', pos) && V2_BLANK.test(text[pos + 6] ?? '')) {
      pos += 6;
      while (V2_BLANK.test(text[pos] ?? '')) pos++;
    }
    let end = pos;
    let bad = false;
    for (; end < text.length && !'=:\n'.includes(text[end]!); end++) {
      if (!V2_BLANK.test(text[end]!) && !V2_KEY_CHAR.test(text[end]!)) bad = true;
    }
    if (bad) {
      fail('a key may hold only letters, digits, "_", ".", "-", "[" and "]"');
      continue;
    }
    const key = text.slice(pos, end).replace(/\s+$/u, '');
    if (end >= text.length || key === '') {
      fail('expected KEY=value');
      continue;
    }
    if (key.includes(' ')) {
      fail('a key cannot contain a space');
      continue;
    }
    pos = end + 1;
    if (text[end] === '\n') {
      out.push({ key, value: environment.get(key), line });
      continue;
    }
    while (V2_BLANK.test(text[pos] ?? '')) pos++;
    const value = v2Value(text, pos, scope);
    if ('problem' in value) {
      fail(value.problem);
      continue;
    }
    pos = value.next;
    define(key, value.value);
    out.push({ key, value: environment.get(key) ?? value.value, line });
  }
  return out;
}

function v2Value(text: string, pos: number, scope: ReadonlyMap<string, string>): { value: string; next: number } | { problem: string } {
  const quote = text[pos];
  if (quote === '"' || quote === "'") {
    let close = pos + 1;
    while (close < text.length && text[close] !== quote) close += text[close] === '\\' ? 2 : 1;
    if (close >= text.length) return { problem: 'unterminated quoted value' };
    const raw = text.slice(pos + 1, close);
    if (quote === "'") return { value: raw.replace(/\\'/g, "'"), next: close + 1 };
    const unescaped = raw.replace(/\\(.)/gs, (whole, c: string) => V2_DQ_ESCAPES[c] ?? whole);
    return v2Interpolate(unescaped, scope, close + 1);
  }
  const nl = text.indexOf('\n', pos);
  const end = nl < 0 ? text.length : nl;
  let raw = text.slice(pos, end);
  const comment = raw.indexOf(' #');
  if (comment >= 0) raw = raw.slice(0, comment);
  return v2Interpolate(raw.replace(/\s+$/u, ''), scope, end);
}

function v2Interpolate(text: string, scope: ReadonlyMap<string, string>, next: number): { value: string; next: number } | { problem: string } {
  if (!text.includes('$')) return { value: text, next };
  // A `${` that is no reference (`${A`, `${}`) is an error in v2, not text.
  let rest = '';
  let at = 0;
  for (const ref of findVarRefs(text)) {
    rest += text.slice(at, ref.start);
    at = ref.end;
  }
  if ((rest + text.slice(at)).replace(/\$\$/g, '').includes('${')) return { problem: 'a "${" that starts no valid variable reference' };
  try {
    return { value: interpolate(text, scope), next };
  } catch (err) {
    if (!(err instanceof InterpolationError)) throw err;
    // Only the variable's name: the message after it is the file's own text, interpolated.
    return { problem: err.message.replace(/(is missing a value).*$/s, '$1') };
  }
}

// ---- Compose v1 (python-dotenv 0.21, read with universal newlines) ----

const V1_EXPORT = /(?:export[^\S\n]+)?/y;
const V1_QUOTED_KEY = /'([^']+)'/y;
const V1_KEY = /([^=#\s]+)/y;
const V1_BLANK = /[^\S\n]*/y;
const V1_EQUALS = /=[^\S\n]*/y;
const V1_SQ = /'((?:\\'|[^'])*)'/y;
const V1_DQ = /"((?:\\"|[^"])*)"/y;
const V1_UNQUOTED = /([^\n]*)/y;
const V1_COMMENT = /(?:[^\S\n]*#[^\n]*)?/y;
const V1_EOL = /[^\S\n]*(?:\n|$)/y;
const V1_DQ_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
/** v1 interpolates `${VAR}` and `${VAR:-default}` only (the default when VAR is absent, not when empty). */
const V1_REF = /\$\{([^}:]*)(?::-([^}]*))?\}/g;

/**
 * v1: python-dotenv's grammar. A key is anything up to `=`, `#` or a space (or a single-quoted name);
 * `KEY` alone is set empty; quoted values may span lines; an unquoted value ends at a space before `#`.
 * A statement it cannot read is skipped up to the end of its line (with a warning), not refused:
 * reported here as a problem. Every value, single-quoted ones too, is interpolated with the file's
 * earlier lines first, then the environment.
 */
export function parseV1(input: string, environment: ReadonlyMap<string, string>): EnvStatement[] {
  const text = input.replace(/\r\n?/g, '\n');
  const lineAt = lineCounter(text);
  const out: EnvStatement[] = [];
  const file = new Map<string, string>();
  let pos = 0;
  /** Matches a sticky pattern at pos and moves past it; undefined (pos unchanged) when it does not match. */
  const read = (re: RegExp): RegExpExecArray | undefined => {
    re.lastIndex = pos;
    const m = re.exec(text) ?? undefined;
    if (m) pos = re.lastIndex;
    return m;
  };
  const statement = (): { key?: string; raw?: string } | { problem: string } => {
    read(V1_EXPORT);
    let key: string | undefined;
    if (text[pos] !== '#') {
      key = read(text[pos] === "'" ? V1_QUOTED_KEY : V1_KEY)?.[1];
      if (key === undefined) return { problem: 'expected KEY=value' };
    }
    read(V1_BLANK);
    let raw: string | undefined;
    if (text[pos] === '=') {
      read(V1_EQUALS);
      raw = v1Value(text[pos], read);
      if (raw === undefined) return { problem: 'unterminated quoted value' };
    }
    read(V1_COMMENT);
    if (!read(V1_EOL)) return { problem: raw === undefined ? 'a key cannot contain a space' : 'text after the closing quote' };
    if (key !== undefined && /\s/.test(key)) return { problem: 'a key cannot contain a space' };
    return { key, raw };
  };
  while (true) {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (pos >= text.length) break;
    const line = lineAt(pos);
    const s = statement();
    if ('problem' in s) {
      out.push({ problem: s.problem, line });
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? text.length : nl + 1;
      continue;
    }
    if (s.key === undefined) continue;
    const value = s.raw === undefined ? '' : v1Interpolate(s.raw, file, environment);
    if (value === undefined) {
      out.push({ problem: new ExpansionTooLarge().message, line });
      continue;
    }
    file.set(s.key, value);
    out.push({ key: s.key, value, line });
  }
  return out;
}

function v1Value(first: string | undefined, read: (re: RegExp) => RegExpExecArray | undefined): string | undefined {
  if (first === "'") return read(V1_SQ)?.[1]!.replace(/\\([\\'])/g, '$1');
  if (first === '"') return read(V1_DQ)?.[1]!.replace(/\\([\\'"abfnrtv])/g, (_, c: string) => V1_DQ_ESCAPES[c]!);
  if (first === undefined || first === '\n') return '';
  return read(V1_UNQUOTED)![1]!.replace(/\s+#.*/, '').replace(/\s+$/u, '');
}

/** undefined when the value would grow past MAX_EXPANDED_LENGTH (variables repeating each other). */
function v1Interpolate(raw: string, file: ReadonlyMap<string, string>, environment: ReadonlyMap<string, string>): string | undefined {
  let grown = raw.length;
  let tooLarge = false;
  const out = raw.replace(V1_REF, (_, name: string, fallback?: string) => {
    const v = tooLarge ? '' : (file.get(name) ?? environment.get(name) ?? fallback ?? '');
    grown += v.length;
    if (grown > MAX_EXPANDED_LENGTH) tooLarge = true;
    return tooLarge ? '' : v;
  });
  return tooLarge ? undefined : out;
}
