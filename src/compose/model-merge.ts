import type { LEntry, LMap, LNode, LScalar, LSeq } from './model.js';

/**
 * Merges Compose files in order (`-f a -f b`) following the Compose specification's merge rules,
 * keeping the source location of every value that survives:
 * - mappings merge key by key; scalars are replaced;
 * - environment, labels, build args and the like merge by variable name, whichever syntax each file uses;
 * - volumes and devices merge by container path, secrets and configs by source;
 * - command, entrypoint and healthcheck tests are replaced whole; other lists are joined without duplicates;
 * - the `!reset` and `!override` tags of recent Compose versions are honoured.
 */
export function mergeComposeFiles(files: readonly LMap[]): LMap {
  let out: LMap = { kind: 'map', loc: files[0]?.loc ?? { file: '' }, entries: new Map() };
  for (const f of files) out = mergeNode(out, normalize(f, []), []) as LMap;
  return out;
}

/**
 * A service that `extends` another: the base service's keys, then the local ones merged over them by the
 * same rules as files (Compose applies one merge for both), so `!reset`/`!override` work here too.
 */
export function mergeExtended(base: LNode, local: LNode): LNode {
  const path = ['services', '_'];
  return mergeNode(normalize(base, path), normalize(local, path), path) ?? { kind: 'map', loc: local.loc, entries: new Map() };
}

// Only keys whose list and mapping spellings the Compose schema both accepts (list_or_dict).
const KEYED_LISTS = new Set(['environment', 'labels', 'args', 'sysctls']);
const REPLACED_LISTS = new Set(['command', 'entrypoint', 'test', 'profiles']);

/** Turns the list spellings Compose accepts into the mapping spellings, so both merge alike. */
function normalize(node: LNode, path: readonly string[]): LNode {
  const key = path[path.length - 1] ?? '';
  const inService = path[0] === 'services';
  if (node.kind === 'seq') {
    if (inService && KEYED_LISTS.has(key)) return listToMap(node);
    return { ...node, items: node.items.map((i) => normalize(i, [...path, '[]'])) };
  }
  if (node.kind === 'map') {
    const entries = new Map<string, LEntry>();
    for (const [k, e] of node.entries) entries.set(k, { keyLoc: e.keyLoc, value: normalize(e.value, [...path, k]) });
    return { ...node, entries };
  }
  return node;
}

/** `- KEY=value` items become `KEY: value`; `- KEY` alone becomes `KEY: null` (taken from the environment). */
function listToMap(seq: LSeq): LMap {
  const entries = new Map<string, LEntry>();
  for (const item of seq.items) {
    const text = item.kind === 'scalar' && item.value !== null ? String(item.value) : undefined;
    if (text === undefined) continue;
    const at = text.indexOf('=');
    const k = at >= 0 ? text.slice(0, at) : text;
    const value: LScalar = { kind: 'scalar', loc: item.loc, value: at >= 0 ? text.slice(at + 1) : null };
    entries.set(k, { keyLoc: item.loc, value });
  }
  return { kind: 'map', loc: seq.loc, entries };
}

function mergeNode(base: LNode | undefined, over: LNode, path: readonly string[]): LNode | undefined {
  if (over.tag === '!reset') return undefined;
  if (over.tag === '!override') return over;
  if (!base) return over;
  if (base.kind === 'map' && over.kind === 'map') {
    const entries = new Map(base.entries);
    for (const [k, e] of over.entries) {
      const merged = mergeNode(base.entries.get(k)?.value, e.value, [...path, k]);
      if (merged === undefined) entries.delete(k);
      else entries.set(k, { keyLoc: e.keyLoc, value: merged });
    }
    return { kind: 'map', loc: over.loc, entries };
  }
  if (base.kind === 'seq' && over.kind === 'seq') return mergeSeq(base, over, path);
  return over;
}

function mergeSeq(base: LSeq, over: LSeq, path: readonly string[]): LSeq {
  const key = path[path.length - 1] ?? '';
  const serviceLevel = path[0] === 'services' && path.length === 3;
  if (REPLACED_LISTS.has(key)) return over;
  const identity =
    serviceLevel && (key === 'volumes' || key === 'devices') ? mountTarget
    : serviceLevel && (key === 'secrets' || key === 'configs') ? refSource
    : scalarIdentity;
  const items = [...base.items];
  for (const item of over.items) {
    const id = identity(item);
    const at = id === undefined ? -1 : items.findIndex((b) => identity(b) === id);
    if (at >= 0) items[at] = item;
    else items.push(item);
  }
  return { kind: 'seq', loc: over.loc, items };
}

function scalarIdentity(n: LNode): string | undefined {
  return n.kind === 'scalar' ? JSON.stringify(n.value) : undefined;
}

/** `src:/target[:mode]` or `{target: /x}`: two mounts on the same container path are one mount. */
function mountTarget(n: LNode): string | undefined {
  if (n.kind === 'scalar') {
    const parts = String(n.value).split(':');
    return parts.length === 1 ? parts[0] : parts[1];
  }
  if (n.kind === 'map') {
    const t = n.entries.get('target')?.value;
    return t?.kind === 'scalar' ? String(t.value) : undefined;
  }
  return undefined;
}

function refSource(n: LNode): string | undefined {
  if (n.kind === 'scalar') return String(n.value);
  const s = n.kind === 'map' ? n.entries.get('source')?.value : undefined;
  return s?.kind === 'scalar' ? String(s.value) : undefined;
}
