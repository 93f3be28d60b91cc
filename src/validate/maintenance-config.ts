import { posix } from 'node:path';
import { parseCaddyfile, tokenizeCaddyfile, type CaddyDirective } from './caddyfile.js';

/*
 * What a proxy config says about a maintenance switch file: the files it tests for existence (Caddy's
 * `file` matcher, nginx's `if (-f …)`) and what answers while one exists. Read as text, like the rest of
 * validate's proxy reading: nothing is adapted or included.
 */

/** What answers while the tested file exists; status undefined when the config does not say (a proxy to another service, a variable). */
export interface MaintenanceGuard {
  line: number;
  status?: number;
  /** The directive as a reader would name it: `respond`, `handle @maintenance`, `return`. */
  what: string;
}

export interface MaintenanceTest {
  line: number;
  /** Caddy: the named matcher (`@maintenance`). */
  matcher?: string;
  /** The file tested, inside the container; undefined when a placeholder or an unknown root hides it. */
  path?: string;
  /** The file as written (the try_files entry, the -f argument). */
  written: string;
  /** Caddy: no root in the matcher or the site, so Caddy joins the file to its working directory. */
  rootless?: boolean;
  guards: MaintenanceGuard[];
}

export interface MaintenanceFacts {
  kind: 'caddy' | 'nginx';
  tests: MaintenanceTest[];
  /** Whether a Retry-After header is set; nginx's `add_header` without `always` is not sent with a 503. */
  retryAfter: 'yes' | 'no' | 'not-always';
  /**
   * The config reaches files validate did not read (an import, an include) or tests a file in a way
   * not judged here (a negated test, an expression): an absent test proves nothing.
   */
  opaque: boolean;
}

const STATUS = /^\d{3}$/;
const isMatcherToken = (t: string | undefined) => t !== undefined && (t === '*' || t.startsWith('@') || t.startsWith('/'));

export function caddyMaintenanceFacts(text: string): MaintenanceFacts {
  const tree = parseCaddyfile(text);
  const tests: MaintenanceTest[] = [];
  let opaque = false;
  const snippets = new Set(tree.filter((d) => /^\(.+\)$/.test(d.name)).map((d) => d.name.slice(1, -1)));
  const all = flatten(tree);
  for (const d of all) {
    if (d.name === 'import' && !snippets.has(d.args[0] ?? '')) opaque = true;
    if (!d.name.startsWith('@') || d.name.length < 2) continue;
    const parts: CaddyDirective[] = d.args.length > 0 ? [{ name: d.args[0]!, args: d.args.slice(1), line: d.line, block: d.block }] : (d.block ?? []);
    for (const m of parts) {
      if (m.name === 'not' || m.name === 'expression') {
        if (m.name === 'expression' ? /\bfile\s*\(/.test(m.args.join(' ')) : JSON.stringify(m).includes('"file"')) opaque = true;
        continue;
      }
      if (m.name !== 'file') continue;
      const root = m.block?.find((x) => x.name === 'root')?.args[0] ?? siteRoot(tree, d);
      const tries = [...m.args, ...(m.block ?? []).filter((x) => x.name === 'try_files').flatMap((x) => x.args)];
      const guards = caddyGuards(all, d.name);
      for (const written of tries.filter((t) => !t.includes('{'))) {
        const path = root === undefined || root.includes('{') ? undefined : posix.join(root, written);
        tests.push({ line: m.line, matcher: d.name, path, written, guards, ...(root === undefined ? { rootless: true } : {}) });
      }
    }
  }
  const retry = tokenizeCaddyfile(text).some((t) => /^[+>]?retry-after:?$/i.test(t.text));
  return { kind: 'caddy', tests, retryAfter: retry ? 'yes' : 'no', opaque };
}

function flatten(tree: readonly CaddyDirective[]): CaddyDirective[] {
  return tree.flatMap((d) => [d, ...flatten(d.block ?? [])]);
}

/** The `root` directive of the site block holding a matcher: the file matcher's root when it sets none. */
function siteRoot(tree: readonly CaddyDirective[], matcher: CaddyDirective): string | undefined {
  const site = tree.find((s) => s.block && flatten(s.block).includes(matcher));
  const root = site?.block?.find((x) => x.name === 'root');
  if (!root) return undefined;
  return isMatcherToken(root.args[0]) && root.args.length > 1 ? root.args[1] : root.args[0];
}

/** Directives that change a response or a log but answer nothing themselves. */
const DECORATORS = new Set(['header', 'request_header', 'encode', 'log_skip', 'skip_log', 'vars', 'map', 'tracing', 'request_body']);

/** The directives a named matcher guards, with what each answers. */
function caddyGuards(all: readonly CaddyDirective[], matcher: string): MaintenanceGuard[] {
  return all.filter((d) => d.args[0] === matcher && !d.name.startsWith('@') && !DECORATORS.has(d.name)).map((d) => ({
    line: d.line,
    status: caddyStatus(d),
    what: `${d.name} ${matcher}`,
  }));
}

/** The status a directive answers with, when the Caddyfile says; for a handle/route block, its first handler's. */
export function caddyStatus(d: CaddyDirective): number | undefined {
  const args = isMatcherToken(d.args[0]) ? d.args.slice(1) : d.args;
  const num = (t: string | undefined) => (t !== undefined && STATUS.test(t) ? Number(t) : undefined);
  switch (d.name) {
    case 'respond':
      if (args.length === 0) return 200;
      if (args.length === 1) return num(args[0]) ?? (args[0]!.includes('{') ? undefined : 200);
      return num(args[1]);
    case 'error':
      return args.length === 0 ? 500 : num(args[1] ?? args[0]) ?? (args.length === 1 ? 500 : undefined);
    case 'redir': {
      const code = args[1];
      if (code === undefined || code === 'temporary') return 302;
      if (code === 'permanent') return 301;
      return num(code);
    }
    case 'file_server': {
      const status = d.block?.find((x) => x.name === 'status')?.args[0];
      return status === undefined ? 200 : num(status);
    }
    case 'handle':
    case 'route':
    case 'handle_path': {
      for (const inner of d.block ?? []) {
        if (['respond', 'error', 'redir', 'file_server'].includes(inner.name)) return caddyStatus(inner);
        if (['reverse_proxy', 'php_fastcgi', 'abort', 'invoke', 'static_response'].includes(inner.name)) return undefined;
        if (['handle', 'route'].includes(inner.name) && !isMatcherToken(inner.args[0])) return caddyStatus(inner);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Include targets nginx images ship, which hold no routes. */
const STOCK_INCLUDE = /(?:^|\/)(?:mime\.types|(?:fastcgi|proxy|uwsgi|scgi)_params|fastcgi\.conf)$/;

export function nginxMaintenanceFacts(text: string): MaintenanceFacts {
  // Comments out, lines kept: every offset still maps to its line.
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/#[^\n]*/g, (c) => ' '.repeat(c.length));
  const lineAt = (i: number) => src.slice(0, i).split('\n').length;
  const tests: MaintenanceTest[] = [];
  let opaque = [...src.matchAll(/(?:^|[;{}])\s*include\s+["']?([^\s;"']+)/g)].some((m) => !STOCK_INCLUDE.test(m[1]!));
  for (const m of src.matchAll(/\bif\s*\(\s*(!?)\s*-[fe]\s+(["']?)([^\s"')]+)\2\s*\)\s*\{/g)) {
    if (m[1]) {
      opaque = true;
      continue;
    }
    const open = m.index + m[0].length;
    const body = src.slice(open, blockEnd(src, open));
    const guards: MaintenanceGuard[] = [];
    const ret = /\breturn\s+(\S+?)\s*[;\s]/.exec(body);
    if (ret) guards.push({ line: lineAt(open + ret.index), status: STATUS.test(ret[1]!) ? Number(ret[1]) : /^["']?(?:https?:|\$)/.test(ret[1]!) ? 302 : undefined, what: 'return' });
    else if (/\S/.test(body)) guards.push({ line: lineAt(open), what: 'if' });
    const written = m[3]!;
    tests.push({ line: lineAt(m.index), path: written.includes('$') ? undefined : posix.normalize(written), written, guards });
  }
  const headers = [...src.matchAll(/\b(add_header|more_set_headers)\s+([^;]*);/g)].filter((h) => /retry-after/i.test(h[2]!));
  const retryAfter = headers.length === 0 ? 'no' : headers.some((h) => h[1] === 'more_set_headers' || /\balways\s*$/.test(h[2]!)) ? 'yes' : 'not-always';
  return { kind: 'nginx', tests, retryAfter, opaque };
}

/** The offset of the brace closing a block whose body starts at `from`. */
function blockEnd(src: string, from: number): number {
  let depth = 1;
  for (let i = from; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return i;
  }
  return src.length;
}

/** An nginx config rather than a Caddyfile: blocks opened by nginx's own contexts and statements ending in `;`. */
export function looksLikeNginx(text: string): boolean {
  return /(?:^|\n)\s*(?:server|http|location|upstream|events)\b[^;{\n]*\{/.test(text) && /;[ \t]*(?:#[^\n]*)?$/m.test(text);
}
