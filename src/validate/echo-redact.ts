import type { LNode } from '../compose/model.js';

/*
 * Compose and the workflow parser repeat values in their errors ("CAN:ARY" is not a valid float,
 * Named volume "…" is used…, Missing mandatory value … : <message>). validate keeps where the error
 * is and what kind it is, and drops the value: it may come from a variable or a file validate did
 * not write. Names (keys, file names) stay, so "unknown key 'helthcheck'" still reads.
 */

export const REDACTED = '…';
const MAX_LINE = 300;
export const MAX_TOOL_LINES = 20;
/** Shorter values are words of the message itself ("web", "yes"), not something worth hiding. */
const MIN_VALUE_LENGTH = 4;

/** What may be shown (names) and what must not (values), both taken from the files and the env of the set. */
export interface EchoContext {
  names: ReadonlySet<string>;
  values: ReadonlySet<string>;
}

/** Collects map keys as names and string scalars as values, from any number of trees. */
export function echoContext(trees: Iterable<LNode>, extraNames: Iterable<string> = [], extraValues: Iterable<string> = []): EchoContext {
  const names = new Set<string>(extraNames);
  const values = new Set<string>(extraValues);
  const walk = (n: LNode) => {
    if (n.kind === 'map') for (const [k, e] of n.entries) { names.add(k); walk(e.value); }
    else if (n.kind === 'seq') n.items.forEach(walk);
    else if (n.value !== null && n.value !== undefined && typeof n.value !== 'object') values.add(String(n.value));
  };
  for (const t of trees) walk(t);
  return { names, values };
}

/** Known shapes whose tail is the user's own text (an interpolation's error message): keep the kind, cut the tail. */
function cutTails(line: string): string {
  // v2: "... required variable X is missing a value: <message>"
  const v2 = /^(.*?required variable [A-Za-z_][A-Za-z0-9_]* is missing a value)\b/.exec(line);
  if (v2) return v2[1]!;
  // v1: Missing mandatory value for "environment" option interpolating {...} in service "web": <message>
  const v1 = /^Missing mandatory value for "([\w.-]+)" option\b/.exec(line);
  if (v1) {
    const svc = /\bin service "([\w.-]+)":/.exec(line)?.[1];
    return `Missing mandatory value for "${v1[1]}" option${svc ? ` in service "${svc}"` : ''}: a required variable is not set`;
  }
  // Both: "Invalid interpolation format for X option in service Y: <the text>"
  const format = /^(Invalid interpolation format for "[\w.-]+" option(?: in service "[\w.-]+")?)/.exec(line);
  if (format) return format[1]!;
  return line;
}

/** A name, or a path of names as v2 writes them (services[web].mem_limit, services.web.ports). */
function isNamePath(text: string, ctx: EchoContext): boolean {
  if (ctx.names.has(text)) return true;
  const parts = text.split(/[.[\]]+/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => ctx.names.has(p));
}

/** Replaces quoted text that is not a known name, then every known value left, with "…". */
export function redactLine(line: string, ctx: EchoContext): string {
  let out = cutTails(line).replace(/(["'`])([^"'`\n]*)\1/g, (whole, q: string, inner: string) => (inner === '' || isNamePath(inner, ctx) ? whole : `${q}${REDACTED}${q}`));
  const values = [...ctx.values].filter((v) => v.length >= MIN_VALUE_LENGTH && !ctx.names.has(v)).sort((a, b) => b.length - a.length);
  for (const v of values) out = out.split(v).join(REDACTED);
  return out.length > MAX_LINE ? `${out.slice(0, MAX_LINE)}${REDACTED}` : out;
}

/** A Python traceback (Compose v1 crashing on a value) as its exception's name alone, or undefined when there is none. */
export function tracebackSummary(lines: readonly string[]): string | undefined {
  if (!lines.some((l) => l.startsWith('Traceback (most recent call last)'))) return undefined;
  const last = [...lines].reverse().find((l) => /^[A-Za-z_][\w.]*(Error|Exception):/.test(l));
  const exc = last ? /^([A-Za-z_][\w.]*)/.exec(last)![1] : undefined;
  return `the Compose CLI crashed on a value in the set${exc ? ` (${exc})` : ''}`;
}
