import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { RULES } from '../../../src/config/rule-catalog.js';

/*
 * The corpus's expectations (test/e2e/validate/corpus/<layout>/expect.json) and the pure checks the
 * corpus test makes with them: the exact multiset of findings, the lines they point at, and whether
 * what a finding says agrees with the model the Compose CLI renders (the oracle).
 */

export type SetName = 'dev' | 'prod';

/** Rules of the policy, and the two ids of a set that does not load (Compose or the YAML refused it). */
const LOAD_RULES = ['schema', 'parse'];
const KNOWN_RULES = new Set<string>([...RULES.map((r) => r.id), ...LOAD_RULES]);

export interface ExpectedFinding {
  set: SetName;
  rule: string;
  file: string;
  line: number;
  /** The service the finding is about (policy rules other than env-declared): the oracle checks it in the rendered model. */
  service?: string;
  /** no-secret-literals: the environment key holding the literal. */
  key?: string;
  why: string;
}

/** Under one Compose version: the layout renders, or that version refuses it (a v2-only feature under v1). */
export type ComposeExpectation = 'renders' | { rejects: string; errors: { set: SetName; file: string; line: number }[] };

/** A public project whose layout a fixture follows in shape (its files are written here, never copied). */
export interface ShapeSource {
  repo: string;
  path: string;
}

export interface LayoutExpect {
  about: string;
  /** The public projects (owner/repo and the file) whose shape the layout follows. */
  shapeOf?: ShapeSource[];
  compose: { v2: ComposeExpectation; v1: ComposeExpectation };
  /** Renderers run besides the default one (the Compose CLI), each expected to give the same findings. */
  alsoRenderer?: 'schema'[];
  sets: SetName[];
  findings: ExpectedFinding[];
  /** Findings validate must not report (documentation of the traps; the exact comparison enforces it). */
  notFindings: ExpectedFinding[];
}

/** One finding of validate's JSON report, with the set it was reported for. */
export interface ActualFinding {
  set: string;
  rule: string;
  file: string;
  line: number | null;
  severity: string;
  message: string;
}

/** Reads and checks a layout's expect.json; a malformed one fails loudly, naming the file and the entry. */
export function readExpect(file: string): LayoutExpect {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as LayoutExpect;
  const fail = (what: string) => {
    throw new Error(`${file}: ${what}`);
  };
  if (typeof raw.about !== 'string') fail('"about" must say what the layout is');
  for (const v of ['v2', 'v1'] as const) {
    const c = raw.compose?.[v];
    if (c !== 'renders' && !(typeof c === 'object' && typeof c.rejects === 'string' && Array.isArray(c.errors) && c.errors.length > 0)) {
      fail(`compose.${v} must be "renders" or { rejects: <reason>, errors: [...] }`);
    }
  }
  if (!Array.isArray(raw.sets) || raw.sets.length === 0) fail('"sets" must list the sets validate checks');
  if (raw.shapeOf !== undefined) {
    if (!Array.isArray(raw.shapeOf) || raw.shapeOf.length === 0) fail('"shapeOf" must list { repo: "owner/name", path } entries');
    raw.shapeOf.forEach((src, i) => {
      if (typeof src?.repo !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(src.repo) || typeof src.path !== 'string' || src.path === '') fail(`shapeOf[${i}]: needs repo ("owner/name") and path`);
    });
  }
  raw.notFindings ??= [];
  for (const [list, entries] of [['findings', raw.findings], ['notFindings', raw.notFindings]] as const) {
    if (!Array.isArray(entries)) fail(`"${list}" must be a list`);
    entries.forEach((f, i) => {
      if (!raw.sets.includes(f.set) && list === 'findings') fail(`${list}[${i}]: set "${f.set}" is not one of ${raw.sets.join(', ')}`);
      if (!KNOWN_RULES.has(f.rule)) fail(`${list}[${i}]: unknown rule "${f.rule}"`);
      if (typeof f.file !== 'string' || !Number.isInteger(f.line) || f.line < 1) fail(`${list}[${i}]: needs file and a line >= 1`);
      if (typeof f.why !== 'string' || f.why === '') fail(`${list}[${i}]: needs a "why"`);
      if (list === 'findings' && needsService(f.rule) && typeof f.service !== 'string') fail(`${list}[${i}]: ${f.rule} needs the "service" it is about`);
    });
  }
  return raw;
}

/** env-declared is about a variable, schema/parse about a set; every other rule is about one service. */
function needsService(rule: string): boolean {
  return rule !== 'env-declared' && !LOAD_RULES.includes(rule);
}

export function findingKey(f: { set: string; rule: string; file: string; line: number | null }): string {
  return `${f.set} ${f.rule} ${f.file}:${f.line ?? '?'}`;
}

/**
 * The difference between the expected and the reported findings as multisets of (set, rule, file, line):
 * two services flagged on one shared line (a YAML anchor, an extended file) are two findings.
 */
export function diffFindings(expected: readonly ExpectedFinding[], actual: readonly ActualFinding[]): { missing: ExpectedFinding[]; extra: ActualFinding[] } {
  const pool = new Map<string, ActualFinding[]>();
  for (const a of actual) pool.set(findingKey(a), [...(pool.get(findingKey(a)) ?? []), a]);
  const missing: ExpectedFinding[] = [];
  for (const e of expected) {
    const left = pool.get(findingKey(e));
    if (left && left.length > 0) left.shift();
    else missing.push(e);
  }
  return { missing, extra: [...pool.values()].flat() };
}

/** Precision in numbers: reported and expected (right), reported and not expected (wrong), expected and not reported (missed). */
export interface Precision {
  right: number;
  wrong: number;
  missed: number;
}

export function precisionOf(expected: readonly ExpectedFinding[], actual: readonly ActualFinding[]): Precision {
  const d = diffFindings(expected, actual);
  return { right: expected.length - d.missing.length, wrong: d.extra.length, missed: d.missing.length };
}

export function addPrecision(a: Precision, b: Precision): Precision {
  return { right: a.right + b.right, wrong: a.wrong + b.wrong, missed: a.missed + b.missed };
}

/** `right 9, wrong 0, missed 0 (precision 100.0%)`: precision is right / (right + wrong). */
export function formatPrecision(p: Precision): string {
  const reported = p.right + p.wrong;
  return `right ${p.right}, wrong ${p.wrong}, missed ${p.missed} (precision ${reported === 0 ? '-' : `${((100 * p.right) / reported).toFixed(1)}%`})`;
}

export function describeDiff(d: { missing: ExpectedFinding[]; extra: ActualFinding[] }): string {
  return [
    ...d.missing.map((m) => `missing: ${findingKey(m)} (${m.why})`),
    ...d.extra.map((x) => `extra:   ${findingKey(x)} ${x.message}`),
  ].join('\n');
}

/** The exit code validate must give for these findings at the rules' default severities (fail-on: error). */
export function expectedExitCode(findings: readonly ExpectedFinding[]): 0 | 1 {
  return findings.some((f) => LOAD_RULES.includes(f.rule) || RULES.find((r) => r.id === f.rule)?.severity === 'error') ? 1 : 0;
}

/**
 * Why a finding's location is not a line a reader could open, or undefined when it is one: a file of
 * the layout (relative, inside it), a line number within it, a line that is not blank.
 */
export function locationProblem(layoutDir: string, f: { file: string; line: number | null }): string | undefined {
  if (f.file === '' || isAbsolute(f.file)) return `file "${f.file}" is not a path relative to the layout`;
  const abs = resolve(layoutDir, f.file);
  if (relative(layoutDir, abs).startsWith(`..${sep}`)) return `file "${f.file}" is outside the layout`;
  if (!existsSync(abs) || !statSync(abs).isFile()) return `file "${f.file}" does not exist`;
  if (f.line === null || !Number.isInteger(f.line)) return `no line in ${f.file}`;
  const lines = readFileSync(abs, 'utf8').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (f.line < 1 || f.line > lines.length) return `line ${f.line} is not a line of ${f.file} (${lines.length} lines)`;
  if (lines[f.line - 1]!.trim() === '') return `line ${f.line} of ${f.file} is blank`;
  return undefined;
}

/** A service as the Compose CLI renders it (`config --format json` of v2, `config` YAML of v1). */
export type RenderedService = Record<string, unknown>;

const LOOPBACK = /^(127\.|::1$|localhost$)/;
const RELEASE_TAG = /^sha-[0-9a-f]{40}$/;

/** Published host ports of a rendered service: long syntax (both versions print it) or short strings. */
function publishedPorts(s: RenderedService): { hostIp: string; published: string }[] {
  const ports = Array.isArray(s['ports']) ? (s['ports'] as unknown[]) : [];
  return ports.flatMap((p) => {
    if (p !== null && typeof p === 'object') {
      const o = p as Record<string, unknown>;
      const published = o['published'] === undefined || o['published'] === null ? '' : String(o['published']);
      return published === '' ? [] : [{ hostIp: String(o['host_ip'] ?? ''), published }];
    }
    const parts = String(p).replace(/\/\w+$/, '').split(':');
    if (parts.length < 2 || parts[parts.length - 2] === '') return [];
    return [{ hostIp: parts.length >= 3 ? parts[0]! : '', published: parts[parts.length - 2]! }];
  });
}

/** Bind-mount sources of a rendered service (absolute paths): long syntax (v2) or `src:dst[:mode]` (v1). */
function bindSources(s: RenderedService): string[] {
  const volumes = Array.isArray(s['volumes']) ? (s['volumes'] as unknown[]) : [];
  return volumes.flatMap((v) => {
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return o['type'] === 'bind' && typeof o['source'] === 'string' ? [o['source']] : [];
    }
    const src = String(v).split(':')[0]!;
    return src.startsWith('/') ? [src] : [];
  });
}

function imageParts(image: string): { repository: string; tag?: string; digest?: string } {
  const [name, digest] = image.split('@') as [string, string | undefined];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? { repository: name.slice(0, colon), tag: name.slice(colon + 1), digest } : { repository: name, digest };
}

export interface OracleContext {
  layoutDir: string;
  imagePrefix: string;
  services: Readonly<Record<string, RenderedService>>;
}

/**
 * Why the rendered model contradicts what an expected finding claims, or undefined when it agrees.
 * Each check reads only what the Compose CLI printed, so an expectation cannot encode a wrong idea of
 * how Compose merges, extends, includes or interpolates.
 */
export function oracleDisagreement(f: ExpectedFinding, ctx: OracleContext): string | undefined {
  if (!needsService(f.rule)) return undefined;
  const s = ctx.services[f.service!];
  if (!s) return `Compose renders no service "${f.service}"`;
  const image = typeof s['image'] === 'string' ? s['image'] : '';
  const img = imageParts(image);
  const ours = img.repository.startsWith(`${ctx.imagePrefix}/`);
  const restart = s['restart'] === undefined ? undefined : String(s['restart']);
  const hc = s['healthcheck'] as Record<string, unknown> | undefined;
  const says = (ok: boolean, what: string) => (ok ? undefined : `Compose renders ${f.service} ${what}`);
  switch (f.rule) {
    case 'restart-policy':
      return says(restart === undefined || restart === '', `with restart: ${restart}`);
    case 'oneshot-marked':
      return says(restart !== 'no' && !(Array.isArray(s['profiles']) && s['profiles'].length > 0), 'as a marked one-shot (restart "no" or a profile)');
    case 'healthcheck':
      return says(!hc || hc['disable'] === true, 'with a healthcheck');
    case 'image-pinned':
      return says(!ours && !img.digest && (img.tag === undefined || img.tag === 'latest' || !/^v?\d/.test(img.tag)), `with the image ${image} (ours, or pinned)`);
    case 'image-immutable':
      // The release tag can only be what a default or a fixed text leaves; ours either way.
      return says(ours && !img.digest, `with the image ${image}, which is not ours`);
    case 'ports-proxy-only':
      return says(publishedPorts(s).some((p) => !LOOPBACK.test(p.hostIp)), 'publishing no port beyond loopback');
    case 'rolling-conflict':
      return says(typeof s['container_name'] === 'string' || publishedPorts(s).length > 0, 'with neither container_name nor a fixed host port')
        ?? says(RELEASE_TAG.test(img.tag ?? ''), `with the image ${image}, which the deploy does not update`);
    case 'no-build':
      return says(s['build'] !== undefined && s['build'] !== null, 'without build');
    case 'no-docker-socket':
      return says(bindSources(s).some((b) => b.endsWith('/docker.sock')), 'without the Docker socket mounted');
    case 'no-source-mount':
      return says(bindSources(s).some((b) => (b === ctx.layoutDir || b.startsWith(ctx.layoutDir + sep)) && existsSync(b) && statSync(b).isDirectory()), 'mounting no folder of the repository');
    case 'no-secret-literals': {
      // A literal in a command: the command is there as rendered (the key names it).
      if (f.key === 'command' || f.key === 'entrypoint') return says(s[f.key] !== undefined && s[f.key] !== null, `without ${f.key}`);
      const env = (s['environment'] ?? {}) as Record<string, unknown>;
      return says(f.key !== undefined && typeof env[f.key] === 'string' && env[f.key] !== '', `without a value for ${f.key}`);
    }
    case 'db-trust-auth': {
      const env = (s['environment'] ?? {}) as Record<string, unknown>;
      return says(env['POSTGRES_HOST_AUTH_METHOD'] === 'trust' && publishedPorts(s).some((p) => !LOOPBACK.test(p.hostIp)), 'without trust on a published port');
    }
    case 'proxy-retries':
      // The Caddyfile is ours to read; what Compose decides is whether the service is one the deploy rolls.
      return says(RELEASE_TAG.test(img.tag ?? ''), `with the image ${image}, which the deploy does not update`);
    default:
      return `no oracle check for rule ${f.rule}`;
  }
}
