import { InputError } from '../errors.js';

/** One path component of an image name, as the distribution spec allows it (lower-case only). */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const REGISTRY_HOST = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]+)?$/;

/** "owner/name" as GitHub prints it; case is kept here and dropped only where GHCR needs it. */
export function parseRepositorySlug(slug: string, from: string): { owner: string; name: string } {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(slug.trim());
  if (!m) throw new InputError(`${from} must be "owner/name", got ${JSON.stringify(slug)}`);
  return { owner: m[1]!, name: m[2]!.replace(/\.git$/, '') };
}

/**
 * owner/name from a git remote URL: git@github.com:Owner/Repo.git, https://github.com/Owner/Repo,
 * ssh://git@github.com:22/Owner/Repo.git. Undefined when the URL has no two path segments.
 */
export function repositoryFromRemoteUrl(url: string): string | undefined {
  const trimmed = url.trim().replace(/\/+$/, '').replace(/\.git$/, '');
  const path = /^[a-z+]+:\/\//i.test(trimmed) ? trimmed.replace(/^[a-z+]+:\/\/[^/]+/i, '') : trimmed.replace(/^[^:/]+:/, '');
  const parts = path.split('/').filter(Boolean);
  if (parts.length < 2) return undefined;
  return `${parts[parts.length - 2]}/${parts[parts.length - 1]}`;
}

/** `<registry>/<owner>/<repo>`, lower-cased: GHCR rejects upper-case names and GitHub owners often have them. */
export function defaultImagePrefix(registry: string, repository: string): string {
  const { owner, name } = parseRepositorySlug(repository, 'the repository');
  return `${registry}/${owner}/${name}`.toLowerCase();
}

/** Throws an InputError saying exactly what is wrong with the prefix and what would be valid. */
export function checkImagePrefix(prefix: string, registry: string, from: string): void {
  if (prefix !== prefix.toLowerCase()) {
    throw new InputError(`${from} ${JSON.stringify(prefix)} has upper-case letters; registries (GHCR included) accept lower-case names only: use ${JSON.stringify(prefix.toLowerCase())}`);
  }
  const [host, ...path] = prefix.split('/');
  if (!host || !REGISTRY_HOST.test(host)) throw new InputError(`${from} ${JSON.stringify(prefix)} must start with a registry host (e.g. ghcr.io/owner/repo)`);
  if (host !== registry) {
    throw new InputError(`${from} ${JSON.stringify(prefix)} is on ${host} but the registry to log in to is ${registry}: set "registry" to ${host} or fix the prefix`);
  }
  if (path.length === 0) throw new InputError(`${from} ${JSON.stringify(prefix)} needs a path after the registry (e.g. ${registry}/owner/repo)`);
  const bad = path.find((p) => !PATH_COMPONENT.test(p));
  if (bad !== undefined) {
    throw new InputError(`${from} ${JSON.stringify(prefix)} has an invalid path component ${JSON.stringify(bad)}: use lower-case letters and digits, separated by ".", "_", "__" or "-"`);
  }
}
