import type { LNode } from '../compose/model.js';
import { findVarRefs } from '../compose/model-vars.js';

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
  /** The repository's path: a path below it is the pull request's own and may be shown (relative). */
  root?: string;
}

/** Collects map keys as names and string scalars as values, from any number of trees. */
export function echoContext(trees: Iterable<LNode>, extraNames: Iterable<string> = [], extraValues: Iterable<string> = []): EchoContext {
  const names = new Set<string>(extraNames);
  const values = new Set<string>(extraValues);
  const walk = (n: LNode) => {
    if (n.kind === 'map') for (const [k, e] of n.entries) { names.add(k); walk(e.value); }
    else if (n.kind === 'seq') n.items.forEach(walk);
    else if (n.value !== null && n.value !== undefined && typeof n.value !== 'object') {
      values.add(String(n.value));
      // The variables a value names are names too (Compose says which one is missing).
      if (typeof n.value === 'string') for (const ref of findVarRefs(n.value)) names.add(ref.name);
    }
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

/*
 * What Compose prints is kept word by word only when the word is known to be harmless: a key or a
 * path of keys of the set, a file inside the repository, a word of Compose's own messages, or a short
 * number (a port, a line). Anything else (a value, quoted or not: `invalid boolean: X`, `refers to
 * undefined volume X`) becomes "…", whatever produced it.
 */

/** The words of Compose v1's and v2's error messages (and of YAML parsers'), lower case. */
const MESSAGE_WORDS = new Set(`
a about above absolute additional address after alias all allowed already an and anchor any appropriate are array as at
attempting attribute be because been before bind block bool boolean both build but by can can't cannot cast character
characters circular collection column compose condition config configs conflict conflicting conflicts contain contains
context convert converting could cpu cpus cycle decode decoding declaration declared deep default defined depends
depends_on detected device devices did directory does doesn't driver duplicate empty end env environment error errors
exist exists expected extend extended extends external failed false field file files float flow for format found from
has have healthcheck host hostport containerport i if image in include included includes input int integer interpolating
interpolation interval into invalid ip is isn't it its itself key keys label labels level limit line list literal loop
mandatory map mapping match mean mem_limit memory missing mode more most mount mounts must name named needs nested
network networks no non not null number object obsolete of on one only option options or parse parser parsing path paths
policy port ports project propert property properties proto protocol published range read read-only recursion reference
references referencing refers regex regexes relative required restart retries same scanner scanning section secret
secrets self sequence service services should size source sources specified string strconv strconv.atoi strconv.parsebool
strconv.parsefloat strconv.parseint syntax tag target than the this timeout to token too top top-level true type types
unexpected unit unknown unsupported undefined use used using valid validating value values variable variables version
volume volumes was were when which while with yaml you find stat open such permission denied lstat readlink
no-such-file directory: invalid_type
annotations blkio_config cap_add cap_drop cgroup cgroup_parent command container_name cpu_count cpu_percent cpu_period
cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpuset credential_spec deploy develop device_cgroup_rules dns
dns_opt dns_search domainname entrypoint env_file expose external_links extra_hosts gpus group_add hostname init ipc
isolation label_file links logging mac_address mem_reservation mem_swappiness memswap_limit network_mode oom_kill_disable
oom_score_adj pid pids_limit platform post_start pre_stop privileged profiles pull_policy read_only replicas runtime
scale security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits user userns_mode
uts volumes_from working_dir start_period start_interval disable driver_opts ipam attachable internal enable_ipv6
project_directory args dockerfile ssh cache_from cache_to network shm secrets_file
`.trim().split(/\s+/));

const MAX_SHOWN_NUMBER = /^\d{1,5}(?:-\d{1,5})?$/;

function isHarmlessWord(word: string, ctx: EchoContext): boolean {
  if (word === '' || word === REDACTED) return true;
  if (isNamePath(word, ctx) || MESSAGE_WORDS.has(word.toLowerCase()) || MAX_SHOWN_NUMBER.test(word)) return true;
  // A path of keys in Compose's own spelling: services[web].cpus, service.web.cpus.
  const parts = word.split(/[.[\]]+/).filter(Boolean);
  if (parts.length > 1 && parts.every((p) => ctx.names.has(p) || MESSAGE_WORDS.has(p.toLowerCase()))) return true;
  return ctx.root !== undefined && (word === ctx.root || word.startsWith(`${ctx.root}/`)) && !word.includes('/../');
}

/**
 * A line of Compose's output with every word that is not known to be harmless replaced (see
 * isHarmlessWord), after the quoted values and known values redactLine drops.
 */
export function redactComposeLine(line: string, ctx: EchoContext): string {
  const first = redactLine(line, ctx);
  const out = first.replace(/[^\s"'`:,;(){}<>=]+/g, (word) => {
    // Sentence punctuation around a word is not part of it.
    const m = /^(.*?)([.!?]*)$/.exec(word)!;
    return isHarmlessWord(m[1]!, ctx) || isHarmlessWord(word, ctx) ? word : `${REDACTED}${m[2]}`;
  });
  return out.replace(/…(?:\s*…)+/g, REDACTED);
}
