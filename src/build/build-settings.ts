import { readFileSync } from 'node:fs';
import type { Settings } from '../config/settings.js';
import { toBool } from '../config/settings.js';
import { InputError } from '../errors.js';
import type { Runner } from '../runner/runner.js';
import { checkImagePrefix, defaultImagePrefix, parseRepositorySlug, repositoryFromRemoteUrl } from './prefix.js';
import { computeTags, type ExtraTag, type TagPlan } from './tags.js';

/** Everything build needs, typed and checked before anything runs. */
export interface BuildSettings {
  sha: string;
  registry: string;
  prefix: string;
  /** owner/name with GitHub's casing, for the source label; undefined when only image-prefix was given. */
  repository?: string;
  username?: string;
  password?: string;
  /** Where the password came from, for the log and a refused login; never the value. */
  passwordFrom?: string;
  force: boolean;
  parallel: number;
  tags: TagPlan;
  sourceUrl?: string;
}

/**
 * Reads build's options. The CI facts not in Settings (GITHUB_TOKEN, the event payload) come from env;
 * the CLI's fall back to git (HEAD, origin) through the runner.
 */
export async function resolveBuildSettings(s: Settings, env: NodeJS.ProcessEnv, git: Runner): Promise<BuildSettings> {
  const gitOut = async (...args: string[]) => {
    const r = await git.run({ argv: ['git', ...args], cwd: s.cwd });
    return r.code === 0 ? r.stdout.trim() || undefined : undefined;
  };
  const sha = s.sha ?? (await gitOut('rev-parse', '--verify', 'HEAD'));
  if (!sha) throw new InputError('no commit to build: pass "sha" (40 hex), or run inside a git checkout');

  const repoOption = s.option('repository');
  if (repoOption !== undefined) parseRepositorySlug(repoOption, 'input "repository"');
  const remote = (repoOption ?? s.run.repository) ? undefined : await gitOut('config', '--get', 'remote.origin.url');
  const repository = repoOption ?? s.run.repository ?? (remote ? repositoryFromRemoteUrl(remote) : undefined);

  const prefixGiven = s.option('image-prefix', s.config.imagePrefix);
  let prefix: string;
  if (prefixGiven !== undefined) {
    checkImagePrefix(prefixGiven, s.registry, 'image-prefix');
    prefix = prefixGiven;
  } else {
    if (!repository) throw new InputError('cannot tell where to push: set "image-prefix", or "repository" (owner/name), or run in a checkout whose remote "origin" is on GitHub');
    prefix = defaultImagePrefix(s.registry, repository);
    try {
      checkImagePrefix(prefix, s.registry, 'the image prefix');
    } catch (err) {
      throw new InputError(`${(err as Error).message}; it was derived from the repository ${JSON.stringify(repository)}: set "image-prefix" explicitly`);
    }
  }

  const force = toBool('force', s.option('force')!);
  const branch = branchOf(env) ?? (env['GITHUB_ACTIONS'] ? undefined : await gitOut('symbolic-ref', '--short', '-q', 'HEAD'));
  const defaultBranch =
    s.config.build?.defaultBranch ??
    eventDefaultBranch(env) ??
    (env['GITHUB_ACTIONS'] ? undefined : (await gitOut('symbolic-ref', '--short', '-q', 'refs/remotes/origin/HEAD'))?.replace(/^origin\//, ''));
  const extras: ExtraTag[] = s.config.build?.tags ?? [];
  const server = env['GITHUB_SERVER_URL'] || 'https://github.com';

  const { password, from: passwordFrom } = registryPassword(s, env);
  return {
    sha,
    registry: s.registry,
    prefix,
    repository,
    username: s.registryUsername,
    password,
    passwordFrom,
    force,
    parallel: s.config.build?.parallel ?? 2,
    tags: computeTags({ sha, extras, branch, defaultBranch }),
    sourceUrl: repository ? `${server}/${repository}` : undefined,
  };
}

/** The workflow token goes to GitHub's own registry only: any other registry would receive a GitHub credential. */
export const GHCR = 'ghcr.io';

/**
 * registry-password; else, for ghcr.io only, workflow-token (the action declares github.token as its
 * default, since a JavaScript action is not handed the token otherwise), then GITHUB_TOKEN from the
 * environment (how the CLI and workflows that export it pass it). Both are GitHub credentials: any
 * other registry would receive a token that can act on the repository, so it gets neither.
 */
export function registryPassword(s: Pick<Settings, 'registry' | 'registryPassword' | 'option'>, env: NodeJS.ProcessEnv): { password?: string; from?: string } {
  if (s.registryPassword !== undefined) return { password: s.registryPassword, from: 'registry-password' };
  if (s.registry !== GHCR) return {};
  const token = s.option('workflow-token');
  if (token !== undefined) return { password: token, from: 'workflow-token (default: the workflow\'s github.token)' };
  if (env['GITHUB_TOKEN']) return { password: env['GITHUB_TOKEN'], from: 'the GITHUB_TOKEN environment variable' };
  return {};
}

/** The branch being built: the PR's head branch, else refs/heads/<name>; undefined for tags. */
export function branchOf(env: NodeJS.ProcessEnv): string | undefined {
  if (env['GITHUB_HEAD_REF']) return env['GITHUB_HEAD_REF'];
  const ref = env['GITHUB_REF'];
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

function eventDefaultBranch(env: NodeJS.ProcessEnv): string | undefined {
  const path = env['GITHUB_EVENT_PATH'];
  if (!path) return undefined;
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as { repository?: { default_branch?: string } };
    return event.repository?.default_branch;
  } catch {
    return undefined;
  }
}
