import { posix } from 'node:path';
import { mergeComposeFiles, mergeExtended } from './model-merge.js';
import { nodeAt, scalarString, type LEntry, type LMap, type LNode } from './model.js';
import type { SourceLocation } from '../errors.js';

/**
 * `extends` and top-level `include` resolved the way Compose resolves them before it merges the files
 * of a set, so rules judge the model Compose renders. Every value keeps the location of the file that
 * wrote it (the extended or included file's line), so a finding points where the value comes from.
 */

/** A Compose file another file names (extends.file, include), read by whoever knows where reading is allowed. */
export interface ComposeFileReader {
  /**
   * The file `path` names, as written in the file `from` (both relative to the repository);
   * undefined when it is not read (outside the repository, remote, missing, broken: the render reports those).
   */
  read(from: string, path: string): { name: string; tree: LMap } | undefined;
}

export interface ResolveOptions {
  reader: ComposeFileReader;
  /** Compose v2 (and the specification) include other projects; v1 refuses the key, so nothing is included. */
  include: boolean;
  /**
   * Told the env files an included project is interpolated with (its env_file, else the .env of its
   * project directory), as paths relative to the including file's folder, whether or not they exist.
   */
  includedEnvFiles?(from: string, paths: readonly string[]): void;
  /** Told each include or extends cycle, at the line that closes it (Compose refuses the set). */
  onCycle?(message: string, loc: SourceLocation): void;
}

/** Longer chains are refused even without a cycle: no real project nests this deep. */
const MAX_DEPTH = 32;
const SECTIONS = ['services', 'volumes', 'networks', 'secrets', 'configs'] as const;

/**
 * Each extending service copies what it extends: a file of many services extending one huge one (a pull
 * request writes it) would take hours. Past this many copied nodes the remaining extends stay unresolved.
 */
const MAX_COPIED_NODES = 500_000;

interface Work extends ResolveOptions {
  copied: { left: number };
  done: Map<string, LNode | undefined>;
  /**
   * Each included file resolved once: a file included twice, or by two files (a diamond), is not
   * resolved again, so `include: [a, a]` nested a few levels stays linear rather than 2^depth.
   */
  resolved: Map<string, LMap>;
}

/** One file of a set with its services' `extends` (and, per flavor, its `include`) resolved. */
export function resolveComposeFile(name: string, tree: LMap, opts: ResolveOptions): LMap {
  return resolveFile(name, tree, { ...opts, copied: { left: MAX_COPIED_NODES }, done: new Map(), resolved: new Map() }, [name]);
}

/** `chain`: the files including this one, outermost first, ending with `name` itself. */
function resolveFile(name: string, tree: LMap, opts: Work, chain: readonly string[]): LMap {
  // Compose resolves a file's own extends first, then adds what it includes.
  const extended = resolveExtends(name, tree, opts);
  return opts.include && chain.length <= MAX_DEPTH ? resolveIncludes(name, extended, opts, chain) : extended;
}

function resolveExtends(name: string, tree: LMap, opts: Work): LMap {
  const services = nodeAt(tree, ['services']);
  if (services?.kind !== 'map') return tree;
  const entries = new Map<string, LEntry>();
  for (const [svc, e] of services.entries) entries.set(svc, { keyLoc: e.keyLoc, value: extendedService(name, tree, svc, opts, []) ?? e.value });
  return withEntry(tree, 'services', { ...services, entries });
}

/** A service with its extends chain applied (base first, the extending service's keys over it). */
function extendedService(file: string, tree: LMap, svc: string, opts: Work, chain: readonly string[]): LNode | undefined {
  const node = nodeAt(tree, ['services', svc]);
  if (node?.kind !== 'map') return node;
  const ext = node.entries.get('extends')?.value;
  const id = `${file}#${svc}`;
  if (!ext) return node;
  if (chain.includes(id)) {
    opts.onCycle?.(`extends cycle: ${[...chain.slice(chain.indexOf(id)), id].map(describeService).join(' → ')} (Compose refuses it)`, node.entries.get('extends')!.keyLoc);
    return node;
  }
  if (chain.length >= MAX_DEPTH) return node;
  if (opts.done.has(id)) return opts.done.get(id);
  const out = extendedOnce(file, tree, node, ext, opts, [...chain, id]);
  opts.done.set(id, out);
  return out;
}

function extendedOnce(file: string, tree: LMap, node: LMap, ext: LNode, opts: Work, chain: readonly string[]): LNode {
  const target = ext.kind === 'map' ? { service: scalarString(nodeAt(ext, ['service'])), file: scalarString(nodeAt(ext, ['file'])) } : { service: scalarString(ext), file: undefined };
  if (target.service === undefined) return node;
  let baseFile = file;
  let baseTree = tree;
  if (target.file !== undefined) {
    const read = opts.reader.read(file, target.file);
    if (!read) return node;
    baseFile = read.name;
    baseTree = read.tree;
  }
  const base = extendedService(baseFile, baseTree, target.service, opts, chain);
  if (base?.kind !== 'map' || (opts.copied.left -= countNodes(base, opts.copied.left + 1)) < 0) return node;
  const local: LMap = { ...node, entries: new Map([...node.entries].filter(([k]) => k !== 'extends')) };
  return mergeExtended(rebaseService(base, posix.dirname(baseFile), posix.dirname(file)), local);
}

/**
 * Each include adds the resources of another project (its files merged like `-f`), resolved from its own
 * directory; the including file's own definitions stay (Compose reports a clash itself).
 */
function resolveIncludes(name: string, tree: LMap, opts: Work, chain: readonly string[]): LMap {
  const include = tree.entries.get('include')?.value;
  if (!include) return tree;
  let out = tree;
  for (const item of include.kind === 'seq' ? include.items : [include]) {
    const paths = item.kind === 'map' ? stringItems(nodeAt(item, ['path'])) : stringItems(item);
    const projectDirectory = item.kind === 'map' ? scalarString(nodeAt(item, ['project_directory'])) : undefined;
    let cycle = false;
    const trees = paths.flatMap((p) => {
      const read = opts.reader.read(name, p);
      if (!read) return [];
      if (chain.includes(read.name)) {
        if (!cycle) opts.onCycle?.(`include cycle: ${[...chain.slice(chain.indexOf(read.name)), read.name].join(' → ')} (Compose refuses it)`, item.loc);
        cycle = true;
        return [];
      }
      const known = opts.resolved.get(read.name);
      if (known) return [{ name: read.name, tree: known }];
      const resolved = resolveFile(read.name, read.tree, opts, [...chain, read.name]);
      opts.resolved.set(read.name, resolved);
      return [{ name: read.name, tree: resolved }];
    });
    if (cycle) continue;
    // A partly unreadable include is not modelled: the render reports the file it could not read.
    if (trees.length === 0 || trees.length < paths.length) continue;
    const from = projectDirectory === undefined ? posix.dirname(trees[0]!.name) : posix.join(posix.dirname(name), projectDirectory);
    const envFiles = item.kind === 'map' ? stringItems(nodeAt(item, ['env_file'])) : [];
    opts.includedEnvFiles?.(name, envFiles.length > 0 ? envFiles : [posix.relative(posix.dirname(name), posix.join(from, '.env')) || '.env']);
    out = addMissing(out, rebaseAll(mergeComposeFiles(trees.map((t) => t.tree)), from, posix.dirname(name)));
  }
  return out;
}

/** `file#svc` as a reader sees it: the service, and the file when it is another one. */
function describeService(id: string): string {
  const at = id.lastIndexOf('#');
  return `${id.slice(at + 1)} (${id.slice(0, at)})`;
}

/** Nodes in a tree, counting no further than `limit`. */
function countNodes(node: LNode, limit: number): number {
  let n = 0;
  const stack: LNode[] = [node];
  while (stack.length > 0 && n < limit) {
    const cur = stack.pop()!;
    n++;
    if (cur.kind === 'map') for (const e of cur.entries.values()) stack.push(e.value);
    else if (cur.kind === 'seq') stack.push(...cur.items);
  }
  return n;
}

function addMissing(tree: LMap, included: LMap): LMap {
  let out = tree;
  for (const section of SECTIONS) {
    const add = included.entries.get(section);
    if (add?.value.kind !== 'map') continue;
    const own = out.entries.get(section);
    if (own && own.value.kind !== 'map') continue;
    const entries = new Map(own?.value.kind === 'map' ? own.value.entries : []);
    for (const [k, e] of add.value.entries) if (!entries.has(k)) entries.set(k, e);
    out = withEntry(out, section, { kind: 'map', loc: own?.value.loc ?? add.value.loc, entries }, own?.keyLoc ?? add.keyLoc);
  }
  return out;
}

function withEntry(tree: LMap, key: string, value: LNode, keyLoc = tree.entries.get(key)?.keyLoc ?? tree.loc): LMap {
  const entries = new Map(tree.entries);
  entries.set(key, { keyLoc, value });
  return { ...tree, entries };
}

function stringItems(node: LNode | undefined): string[] {
  if (node?.kind === 'seq') return node.items.flatMap((i) => scalarString(i) ?? []);
  const s = scalarString(node);
  return s === undefined ? [] : [s];
}

function rebaseAll(tree: LMap, fromDir: string, toDir: string): LMap {
  const services = nodeAt(tree, ['services']);
  if (services?.kind !== 'map' || fromDir === toDir) return tree;
  const entries = new Map([...services.entries].map(([k, e]) => [k, { keyLoc: e.keyLoc, value: rebaseService(e.value, fromDir, toDir) }] as const));
  return withEntry(tree, 'services', { ...services, entries });
}

/**
 * Relative bind-mount sources resolve from the directory of the file that wrote them (an extended or
 * included file in another folder); rewritten relative to the file that pulls them in, so the
 * source-mount rule judges the directory Compose mounts. Locations stay those of the writing file.
 */
export function rebaseService(service: LNode, fromDir: string, toDir: string): LNode {
  const volumes = nodeAt(service, ['volumes']);
  if (service.kind !== 'map' || volumes?.kind !== 'seq' || posix.normalize(fromDir) === posix.normalize(toDir)) return service;
  const items = volumes.items.map((item): LNode => {
    if (item.kind === 'scalar' && typeof item.value === 'string') {
      const [source, ...rest] = item.value.split(':');
      return isRelative(source!) && rest.length > 0 ? { ...item, value: [rebasePath(source!, fromDir, toDir), ...rest].join(':') } : item;
    }
    const source = item.kind === 'map' ? item.entries.get('source') : undefined;
    if (item.kind !== 'map' || !source || scalarString(source.value) === undefined || !isRelative(scalarString(source.value)!)) return item;
    const entries = new Map(item.entries);
    entries.set('source', { keyLoc: source.keyLoc, value: { ...(source.value as LNode & { kind: 'scalar' }), value: rebasePath(scalarString(source.value)!, fromDir, toDir) } });
    return { ...item, entries };
  });
  return withEntry(service, 'volumes', { ...volumes, items });
}

function isRelative(path: string): boolean {
  return path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../');
}

function rebasePath(path: string, fromDir: string, toDir: string): string {
  const rel = posix.relative(toDir, posix.join(fromDir, path));
  return rel === '' ? '.' : rel.startsWith('..') ? rel : `./${rel}`;
}
