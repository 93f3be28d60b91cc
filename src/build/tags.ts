import { InputError } from '../errors.js';
import { SHA, SHA_HINT } from '../config/names.js';

export type ExtraTag = 'sha-short' | 'branch' | 'latest';

export interface TagInput {
  sha: string;
  extras: readonly ExtraTag[];
  branch?: string;
  defaultBranch?: string;
}

export interface TagPlan {
  /** `sha-<40 hex>`: the one deploys use, first in the list. */
  primary: string;
  all: string[];
  /** Why a requested extra tag was left out, for the log. */
  notes: string[];
}

/** The immutable tag every deploy and rollback names. */
export function shaTag(sha: string): string {
  if (!SHA.test(sha)) throw new InputError(`sha must be ${SHA_HINT}, got ${JSON.stringify(sha)}`);
  return `sha-${sha}`;
}

export function computeTags(input: TagInput): TagPlan {
  const primary = shaTag(input.sha);
  const all = [primary];
  const notes: string[] = [];
  const add = (t: string) => {
    if (!all.includes(t)) all.push(t);
  };
  for (const extra of input.extras) {
    if (extra === 'sha-short') add(`sha-${input.sha.slice(0, 7)}`);
    if (extra === 'branch') {
      const tag = input.branch ? branchTag(input.branch) : undefined;
      if (!input.branch) notes.push('branch tag skipped: not on a branch (tag or detached commit)');
      else if (!tag) notes.push(`branch tag skipped: ${JSON.stringify(input.branch)} would collide with the sha or latest tags or is empty once sanitised`);
      else add(tag);
    }
    if (extra === 'latest') {
      // Convenience only; deploy never reads it. Only the default branch may move it.
      if (!input.defaultBranch) notes.push('latest skipped: default branch unknown (set build.default-branch)');
      else if (input.branch !== input.defaultBranch) notes.push(`latest skipped: ${input.branch ? `branch ${JSON.stringify(input.branch)}` : 'this commit'} is not the default branch ${JSON.stringify(input.defaultBranch)}`);
      else add('latest');
    }
  }
  return { primary, all, notes };
}

/**
 * A branch name as a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}): "feature/Login page" -> "feature-Login-page".
 * Undefined when nothing is left or it would impersonate a sha-* or latest tag.
 */
export function branchTag(branch: string): string | undefined {
  const t = branch
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128)
    .replace(/[.-]+$/, '');
  if (!t || t === 'latest' || /^sha-/.test(t)) return undefined;
  return t;
}
