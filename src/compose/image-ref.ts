/*
 * Image references as Compose files write them (`registry/path/name:tag@sha256:...`), possibly with
 * variables: the one parser validate and build use.
 */

/** `registry/path/name:tag@sha256:...` split into its parts; variables are kept as written. */
export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
  /** Registry host when the first path segment is one (has a "." or ":" or is localhost). */
  registry?: string;
}

export function parseImage(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const name = at >= 0 ? ref.slice(0, at) : ref;
  // A tag follows the last ":" after the last "/" (a registry port comes before a "/"). Variables may hold "/".
  const lastSlash = lastSlashOutsideVars(name);
  const colon = tagColon(name, lastSlash);
  const repository = colon >= 0 ? name.slice(0, colon) : name;
  const tag = colon >= 0 ? name.slice(colon + 1) : undefined;
  const first = repository.split('/')[0]!;
  const registry = repository.includes('/') && !first.includes('$') && (/[.:]/.test(first) || first === 'localhost') ? first : undefined;
  return { repository, tag, digest, registry };
}

function lastSlashOutsideVars(s: string): number {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === '/' && depth === 0) last = i;
  }
  return last;
}

function tagColon(s: string, from: number): number {
  let depth = 0;
  for (let i = from + 1; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === ':' && depth === 0) return i;
  }
  return -1;
}

/** `name[:tag][@digest]` -> name. The tag's ":" is the one after the last "/", not a registry port. */
export function imageRepository(image: string): string {
  return parseImage(image).repository;
}

/** The last path component of the repository: `ghcr.io/a/caddy:2` -> `caddy`. */
export function imageBaseName(image: string): string {
  return parseImage(image).repository.split('/').pop() ?? '';
}
