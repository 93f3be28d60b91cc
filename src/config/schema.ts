import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { InputError, shownValue } from '../errors.js';
import { SERVICE_NAME, SERVICE_NAME_HINT } from './names.js';
import type { YamlSource } from './yaml-source.js';

/**
 * A small schema language for the config file: one description gives both the validation
 * (errors name the key and its file:line) and, through the `describe` fields, the reference docs.
 */
export type Field =
  | { kind: 'string'; describe: string; pattern?: RegExp; patternHint?: string; values?: readonly string[] }
  | { kind: 'int'; describe: string; min?: number; max?: number }
  | { kind: 'bool'; describe: string }
  | { kind: 'list'; describe: string; of: Field }
  | { kind: 'map'; describe: string; keyPattern?: RegExp; keyHint?: string; of: Field }
  | { kind: 'object'; describe: string; fields: Record<string, Field>; required?: readonly string[] }
  /** A string, or a list of strings (argv). */
  | { kind: 'strings'; describe: string };

/** A mapping from Compose service name to an object of per-service settings (build.services, deploy.services). */
export function serviceMap(describe: string, fields: Record<string, Field>): Field {
  return { kind: 'map', describe, keyPattern: SERVICE_NAME, keyHint: SERVICE_NAME_HINT, of: { kind: 'object', describe: '', fields } };
}

export function checkDocument(source: YamlSource, schema: Extract<Field, { kind: 'object' }>): unknown {
  const root = source.doc.contents as Node | null;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    throw new InputError('the file is empty; expected a mapping of settings', { file: source.file });
  }
  return check(root, schema, '', source);
}

function check(node: Node | null, field: Field, path: string, src: YamlSource): unknown {
  const where = () => src.locate(node);
  const name = path || '(top level)';
  const fail = (msg: string): never => {
    throw new InputError(`${name}: ${msg}`, where());
  };
  switch (field.kind) {
    case 'string': {
      const v = scalarValue(node);
      if (typeof v === 'number' || typeof v === 'boolean') return checkString(String(v));
      if (typeof v !== 'string') return fail(`expected a string, got ${describeNode(node)}`);
      return checkString(v);
    }
    case 'int': {
      const v = scalarValue(node);
      if (typeof v !== 'number' || !Number.isInteger(v)) return fail(`expected a whole number, got ${describeNode(node)}`);
      if (field.min !== undefined && v < field.min) fail(`must be at least ${field.min}, got ${v}`);
      if (field.max !== undefined && v > field.max) fail(`must be at most ${field.max}, got ${v}`);
      return v;
    }
    case 'bool': {
      const v = scalarValue(node);
      if (typeof v !== 'boolean') return fail(`expected true or false, got ${describeNode(node)}`);
      return v;
    }
    case 'strings': {
      if (isSeq(node)) return node.items.map((item, i) => check(item as Node, { kind: 'string', describe: '' }, `${path}[${i}]`, src));
      return [check(node, { kind: 'string', describe: '' }, path, src)];
    }
    case 'list': {
      if (!isSeq(node)) return fail(`expected a list, got ${describeNode(node)}`);
      return node.items.map((item, i) => check(item as Node, field.of, `${path}[${i}]`, src));
    }
    case 'map': {
      if (!isMap(node)) return fail(`expected a mapping, got ${describeNode(node)}`);
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = keyOf(pair, src);
        if (key.length > MAX_STRING) throw new InputError(`${path}: a name of ${key.length} characters; at most ${MAX_STRING} are accepted`, src.locate(pair.key as Node));
        if (field.keyPattern && !field.keyPattern.test(key)) {
          throw new InputError(`${joinPath(path, key)}: invalid name ${shownValue(key)}${field.keyHint ? ` (${field.keyHint})` : ''}`, src.locate(pair.key as Node));
        }
        out[key] = check(pair.value as Node, field.of, joinPath(path, key), src);
      }
      return out;
    }
    case 'object': {
      if (!isMap(node)) return fail(`expected a mapping, got ${describeNode(node)}`);
      const out: Record<string, unknown> = {};
      for (const pair of (node as YAMLMap).items) {
        const key = keyOf(pair, src);
        const sub = field.fields[key];
        if (!sub) {
          const hint = closest(key, Object.keys(field.fields));
          throw new InputError(
            `unknown key ${JSON.stringify(joinPath(path, key))}${hint ? `; did you mean "${hint}"?` : ''} (allowed: ${Object.keys(field.fields).join(', ')})`,
            src.locate(pair.key as Node),
          );
        }
        out[camel(key)] = check(pair.value as Node, sub, joinPath(path, key), src);
      }
      for (const req of field.required ?? []) {
        if (!(camel(req) in out)) fail(`missing required key "${req}"`);
      }
      return out;
    }
  }

  function checkString(v: string): string {
    if (field.kind !== 'string') return v;
    if (v.length > MAX_STRING) fail(`a value of ${v.length} characters; at most ${MAX_STRING} are accepted`);
    if (field.values && !field.values.includes(v)) fail(`must be one of ${field.values.join(', ')}, got ${shownValue(v)}`);
    if (field.pattern && !field.pattern.test(v)) fail(`invalid value ${shownValue(v)}${field.patternHint ? ` (${field.patternHint})` : ''}`);
    return v;
  }
}

/**
 * The longest string the config takes: every value of it may reach a command line on the host (and
 * Linux caps one argument at 128 KB); the longest legitimate one, a path or a URL, is far shorter.
 */
const MAX_STRING = 1024;

function scalarValue(node: Node | null): unknown {
  return isScalar(node) ? (node as Scalar).value : undefined;
}

function describeNode(node: Node | null): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const v = scalarValue(node);
  return v === null ? 'null' : `${typeof v} ${JSON.stringify(v)}`;
}

function keyOf(pair: Pair, src: YamlSource): string {
  const k = pair.key as Node | null;
  const v = scalarValue(k);
  if (typeof v !== 'string' && typeof v !== 'number') throw new InputError('keys must be plain strings', src.locate(k));
  return String(v);
}

const joinPath = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Config keys are kebab-case on disk, camelCase in code. */
export function camel(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The candidate within edit distance 2, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = 3;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
