import type { DeployServiceConfig } from '../config/sections/deploy.js';

/*
 * What the deploy does with each service of the prod set. deploy plans its updates with it and
 * validate judges services by it, so a warning about how a service is updated is about what
 * really happens to that service.
 */

/**
 * update: replaced by the release one service at a time and gated on health, rolling or recreated (the release's own images);
 * converge: brought to the declared state with one `up -d --no-deps`, recreated only when its definition changed (db, proxy);
 * one-shot: not kept running (the migration, profiled tools, restart "no").
 */
export type DeployRole = 'update' | 'converge' | 'one-shot';

/** A service as the deploy sees it once the release is rendered. */
export interface RoleFacts {
  name: string;
  /** The image with its variables filled as the release fills them. */
  image?: string;
  profiles: readonly string[];
  restart?: string;
}

export interface RoleOptions {
  migrateService?: string;
  perService: Readonly<Record<string, DeployServiceConfig>>;
}

/** The tag the release's own images carry. */
export function releaseTag(sha: string): string {
  return `sha-${sha}`;
}

/** What validate renders COMPOSE_DEPLOY_PATH as: the deploy path is known only on the host. */
export const DEPLOY_PATH_PLACEHOLDER = '/srv/compose-deploy';

/**
 * Variables the deploy appends to the release's .env, after the user's own: on the host they win.
 * COMPOSE_DEPLOY_PATH lets a proxy mount `${COMPOSE_DEPLOY_PATH}/maintenance` (the maintenance switch).
 */
export function releaseVariables(sha: string, deployPath = DEPLOY_PATH_PLACEHOLDER): Record<string, string> {
  return { IMAGE_TAG: releaseTag(sha), COMPOSE_DEPLOY_SHA: sha, COMPOSE_DEPLOY_PATH: deployPath };
}

/** A service given a strategy is updated whatever its image: the config names it. */
export function deployRole(s: RoleFacts, sha: string, opts: RoleOptions): DeployRole {
  if (s.name === opts.migrateService || s.profiles.length > 0 || s.restart === 'no') return 'one-shot';
  if (s.image?.endsWith(`:${releaseTag(sha)}`) || opts.perService[s.name]?.strategy !== undefined) return 'update';
  return 'converge';
}
