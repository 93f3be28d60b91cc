/*
 * A reader for the parts of a Caddyfile validate judges (reverse_proxy blocks), with the line of each.
 * Not `caddy adapt`: validate runs on pull requests, and adapting follows `import` to any file on the
 * runner and fills `{$VAR}` from the runner's environment, which could put either into an error message.
 */

/** One directive line: its name, its arguments and, when it opens one, its block. */
export interface CaddyDirective {
  name: string;
  args: string[];
  line: number;
  block?: CaddyDirective[];
}

interface Token {
  text: string;
  line: number;
  /** Quoted tokens are never block braces or comments. */
  quoted: boolean;
  /** First token on its line. */
  lineStart: boolean;
}

export function tokenizeCaddyfile(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  let lineStart = true;
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      // A line continuation: the next line's tokens belong to this one.
      line++;
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const start = line;
    if (c === '"' || c === '`') {
      let value = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (c === '"' && src[i] === '\\' && (src[i + 1] === '"' || src[i + 1] === '\\')) i++;
        if (src[i] === '\n') line++;
        value += src[i];
        i++;
      }
      i++;
      tokens.push({ text: value, line: start, quoted: true, lineStart });
    } else {
      let value = '';
      while (i < src.length && !/[\s]/.test(src[i]!)) value += src[i++];
      tokens.push({ text: value, line: start, quoted: false, lineStart });
    }
    lineStart = false;
  }
  return tokens;
}

const isOpen = (t: Token) => !t.quoted && t.text === '{';
const isClose = (t: Token) => !t.quoted && t.text === '}';

/**
 * The Caddyfile as nested directives: site blocks, snippets and the global options block are
 * directives too (their addresses as name and args), so a search for reverse_proxy finds it anywhere.
 */
export function parseCaddyfile(text: string): CaddyDirective[] {
  const tokens = tokenizeCaddyfile(text);
  let pos = 0;
  const parseBlock = (nested: boolean): CaddyDirective[] => {
    const out: CaddyDirective[] = [];
    while (pos < tokens.length) {
      const first = tokens[pos]!;
      if (isClose(first)) {
        pos++;
        if (nested) return out;
        continue;
      }
      if (isOpen(first)) {
        // A block without a name: the global options block.
        pos++;
        out.push({ name: '', args: [], line: first.line, block: parseBlock(true) });
        continue;
      }
      const d: CaddyDirective = { name: first.text, args: [], line: first.line };
      pos++;
      while (pos < tokens.length && !tokens[pos]!.lineStart) {
        const t = tokens[pos]!;
        if (isOpen(t)) {
          pos++;
          d.block = parseBlock(true);
          break;
        }
        if (isClose(t)) break;
        d.args.push(t.text);
        pos++;
      }
      // Site addresses may be listed on several lines ending in a comma before the block opens.
      while (!d.block && (d.args.at(-1) ?? d.name).endsWith(',') && pos < tokens.length) {
        const t = tokens[pos]!;
        if (isOpen(t)) {
          pos++;
          d.block = parseBlock(true);
          break;
        }
        d.args.push(t.text);
        pos++;
      }
      out.push(d);
    }
    return out;
  };
  return parseBlock(false);
}

/** Every directive named `name`, at any depth. */
export function findDirectives(tree: readonly CaddyDirective[], name: string): CaddyDirective[] {
  const out: CaddyDirective[] = [];
  for (const d of tree) {
    if (d.name === name) out.push(d);
    if (d.block) out.push(...findDirectives(d.block, name));
  }
  return out;
}

/** A Caddy duration (Go's units plus `d`) in milliseconds; undefined for a placeholder or anything unreadable. */
export function caddyDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * unit[m[2]!]!;
    at = re.lastIndex;
  }
  return at === text.length && at > 0 ? total : undefined;
}

const CADDYFILE_NAME = /(^|[/.-])caddyfile([.-][^/]*)?$|\.caddy$/i;

/** A file named as a Caddyfile (`Caddyfile`, `Caddyfile.prod`, `site.caddy`). */
export function isCaddyfileName(path: string): boolean {
  return CADDYFILE_NAME.test(path);
}
