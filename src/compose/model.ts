import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { readTextFile } from '../config/read-text.js';
import { parseYamlText, type YamlSource } from '../config/yaml-source.js';
import { InputError, type SourceLocation } from '../errors.js';

/**
 * A Compose file as a tree that remembers, for every key and list item, the file:line:col that
 * set it. Merging keeps the location of whichever file won, so a finding on the merged set still
 * points at the line to edit (not at the rendered output, which has no lines worth showing).
 */
export type LNode = LMap | LSeq | LScalar;
export interface LMap { kind: 'map'; loc: SourceLocation; entries: Map<string, LEntry>; tag?: string }
export interface LSeq { kind: 'seq'; loc: SourceLocation; items: LNode[]; tag?: string }
export interface LScalar { kind: 'scalar'; loc: SourceLocation; value: unknown; tag?: string }
export interface LEntry { keyLoc: SourceLocation; value: LNode }

export type Path = readonly (string | number)[];

/** Reads and parses one Compose file; YAML errors, duplicate keys and a non-mapping top level are InputErrors with file:line:col. */
export function loadComposeFile(absPath: string, displayName: string): LMap {
  return parseComposeText(readTextFile(absPath, displayName, 'Compose file'), displayName);
}

export function parseComposeText(text: string, displayName: string): LMap {
  let source: YamlSource;
  try {
    source = parseYamlText(text, displayName);
  } catch (err) {
    throw nameDuplicateKey(err, text);
  }
  const root = source.doc.contents as Node | null;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    throw new InputError('the Compose file is empty; expected a mapping with a "services" key', { file: displayName, line: 1, column: 1 });
  }
  const tree = toLNode(root, source, source.doc, 0, { left: MAX_NODES });
  if (tree.kind !== 'map') throw new InputError('the top level of a Compose file must be a mapping (services:, volumes:, ...)', tree.loc);
  return tree;
}

/** "duplicate key" alone leaves the reader hunting; name the key from its line. */
function nameDuplicateKey(err: unknown, text: string): unknown {
  if (!(err instanceof InputError) || !/duplicate key/.test(err.message) || !err.location?.line) return err;
  const key = /^\s*(?:-\s+)?["']?([^"':#]+?)["']?\s*:/.exec(text.split('\n')[err.location.line - 1] ?? '')?.[1];
  return key ? new InputError(`invalid YAML: duplicate key "${key}" (each key may appear once per mapping)`, err.location) : err;
}

/**
 * Aliases are expanded into copies, so a few lines of nested aliases ("billion laughs") would expand into
 * billions of nodes: a file a pull request wrote must not hang validate. Real Compose files have thousands.
 */
const MAX_NODES = 200_000;

/** Converts the YAML AST, resolving aliases and `<<` merge keys as Compose's YAML readers do. */
function toLNode(node: Node | null | undefined, src: YamlSource, doc: Document.Parsed, depth: number, budget: { left: number }): LNode {
  if (depth > 100) throw new InputError('YAML nesting too deep (alias cycle?)', src.locate(node));
  if (--budget.left < 0) throw new InputError(`YAML expands to more than ${MAX_NODES} nodes (nested aliases?)`, src.locate(node));
  if (isAlias(node)) return toLNode(node.resolve(doc) as Node | undefined, src, doc, depth + 1, budget);
  const loc = src.locate(node);
  if (isMap(node)) {
    const entries = new Map<string, LEntry>();
    const own: [string, LEntry][] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? keyNode.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
        throw new InputError('keys must be plain strings', src.locate(keyNode));
      }
      if (key === '<<') {
        // Merge keys: the referenced maps come first, the map's own keys win.
        const merged = toLNode(pair.value as Node, src, doc, depth + 1, budget);
        const sources = merged.kind === 'seq' ? merged.items : [merged];
        for (const s of sources) if (s.kind === 'map') for (const [k, e] of s.entries) if (!entries.has(k)) entries.set(k, e);
        continue;
      }
      own.push([String(key), { keyLoc: src.locate(keyNode), value: toLNode(pair.value as Node, src, doc, depth + 1, budget) }]);
    }
    for (const [k, e] of own) entries.set(k, e);
    return { kind: 'map', loc, entries, tag: node.tag };
  }
  if (isSeq(node)) return { kind: 'seq', loc, items: node.items.map((i) => toLNode(i as Node, src, doc, depth + 1, budget)), tag: node.tag };
  if (isScalar(node)) return { kind: 'scalar', loc, value: node.value, tag: node.tag };
  return { kind: 'scalar', loc, value: null };
}

/** Plain JavaScript value of a tree (what Compose itself would see before interpolation). */
export function toPlain(node: LNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  return Object.fromEntries([...node.entries].map(([k, e]) => [k, toPlain(e.value)]));
}

/** The node at a path, or undefined. */
export function nodeAt(root: LNode, path: Path): LNode | undefined {
  let cur: LNode | undefined = root;
  for (const seg of path) {
    if (!cur) return undefined;
    if (cur.kind === 'map') cur = cur.entries.get(String(seg))?.value;
    else if (cur.kind === 'seq' && typeof seg === 'number') cur = cur.items[seg];
    else return undefined;
  }
  return cur;
}

/**
 * Where a path was set: the key's location for a mapping entry, the item's for a list item.
 * Falls back to the deepest ancestor that exists, so a path into a missing key still points somewhere useful.
 */
export function locate(root: LNode, path: Path): SourceLocation {
  let cur: LNode = root;
  let where = root.loc;
  for (const seg of path) {
    if (cur.kind === 'map') {
      const e = cur.entries.get(String(seg));
      if (!e) return where;
      where = e.keyLoc;
      cur = e.value;
    } else if (cur.kind === 'seq' && typeof seg === 'number' && cur.items[seg]) {
      cur = cur.items[seg]!;
      where = cur.loc;
    } else return where;
  }
  return where;
}

/** A string scalar's value, or undefined for anything else (numbers count: `image: 5` is odd but readable). */
export function scalarString(node: LNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}

export function mapEntries(node: LNode | undefined): [string, LEntry][] {
  return node?.kind === 'map' ? [...node.entries] : [];
}
