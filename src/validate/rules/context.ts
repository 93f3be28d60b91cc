import type { DeployConfig } from '../../config/sections/deploy.js';
import type { DeployTarget } from '../../config/deploy-target.js';
import { locate, mapEntries, nodeAt, scalarString, type LMap, type LNode, type Path } from '../../compose/model.js';
import { commandFinishes, shellText } from './commands.js';
import { deployRole } from '../../compose/deploy-role.js';
import { interpolate, InterpolationError } from '../../compose/model-vars.js';
import type { EnvEntry } from '../../compose/model-env.js';
import type { SourceLocation } from '../../errors.js';
import type { RawFinding } from '../findings.js';

/** One service of the merged set, with the line of every key it has. */
export class ServiceView {
  constructor(
    readonly name: string,
    readonly node: LNode,
    /** The `name:` key under services in the last file that mentions the service. */
    readonly keyLoc: SourceLocation,
  ) {}
  get(...path: Path): LNode | undefined {
    return nodeAt(this.node, path);
  }
  str(...path: Path): string | undefined {
    return scalarString(this.get(...path));
  }
  has(key: string): boolean {
    return this.node.kind === 'map' && this.node.entries.has(key);
  }
  /** The line of a key (or list item); the service's own line when the key is absent. */
  loc(...path: Path): SourceLocation {
    if (path.length === 0 || !this.get(path[0]!)) return this.keyLoc;
    return locate(this.node, path);
  }
}

export interface RuleContext {
  setName: 'dev' | 'prod';
  /** What the prod set runs on (the config's target:): Swarm ignores or rejects some keys Compose honours. */
  target: DeployTarget;
  /** Seconds a new copy may take to turn healthy (deploy.health-timeout): the Swarm monitor window the deploy sets. */
  healthTimeout: number;
  /** backup.service: the database the deploy backs up. */
  backupService?: string;
  /** The set's env file as written (for messages), and what it declares. */
  envFile?: string;
  env?: ReadonlyMap<string, EnvEntry>;
  /** Variables included projects' env files declare (see LoadedSet.includedEnv). */
  includedEnv: ReadonlyMap<string, string>;
  /** Variables as a release fills them: included projects' env files', the env file's, then the deploy's own (IMAGE_TAG for RELEASE_SHA). */
  vars: ReadonlyMap<string, string>;
  tree: LMap;
  services: ServiceView[];
  deploy: DeployConfig;
  proxy: ReadonlySet<string>;
  jobs: ReadonlySet<string>;
  allowDockerSocket: ReadonlySet<string>;
  allowSourceMounts: ReadonlySet<string>;
  /** Services that have build: in some set, and so have images of our own. */
  builtServices: ReadonlySet<string>;
  /** Image repository prefixes that are ours (image-prefix, or the registry when no prefix is known). */
  ownPrefixes: readonly string[];
  /** Proxy configs the release ships (Caddyfiles in deploy.files), read from inside the repository. */
  proxyConfigs: ReadonlyArray<{ file: string; text: string }>;
  /** true when a bind-mount source (relative to the project directory) is a source tree. */
  isSourceTree(source: string): boolean;
  /** A file inside the repository (relative to the project directory), or undefined when it is not one. */
  readRepoText(path: string): string | undefined;
  /** A mounted file's text, or the files of a mounted folder (not recursively): proxy configs to read routes from. */
  readRepoTexts(path: string): string[];
  /** The same files with their names relative to the repository root, for findings in them. */
  readRepoFiles(path: string): Array<{ file: string; text: string }>;
}

export type RuleCheck = (ctx: RuleContext) => RawFinding[];

export function servicesOf(tree: LMap): ServiceView[] {
  return mapEntries(nodeAt(tree, ['services'])).map(([name, e]) => new ServiceView(name, e.value, e.keyLoc));
}

/** Whole words of a name only: `init`, `db-init`, `seed_data`, not `initializer` or `setups`. */
const JOB_NAME = /(^|[-_.])(migrate|migrations?|migrator|seed|seeder|init|setup|job|once)([-_.]|$)/i;

/**
 * Declared one-shot: not started by a plain `up` (profiles) or never restarted. Swarm ignores `restart:`,
 * so there only deploy.restart_policy.condition none says it.
 */
export function isMarkedOneShot(s: ServiceView, target: DeployTarget = 'compose'): boolean {
  const profiles = s.get('profiles');
  if (profiles?.kind === 'seq' && profiles.items.length > 0) return true;
  if (target === 'swarm') return s.str('deploy', 'restart_policy', 'condition') === 'none';
  const restart = s.get('restart');
  return restart?.kind === 'scalar' && (restart.value === 'no' || restart.value === false);
}

/**
 * Looks like a job that runs and exits: configured as one, waited for to complete by another service
 * (`condition: service_completed_successfully`), or named or commanded like one. What only a server does
 * outweighs the guess: a healthcheck, a published or exposed port. A restart policy that always restarts
 * outweighs the command (`migrate && gunicorn` is an app that migrates first), not a job's name or a
 * dependant's wait: a `migrate` service restarted forever is the mistake oneshot-marked is for.
 */
export function looksLikeJob(s: ServiceView, ctx: RuleContext): boolean {
  if (ctx.jobs.has(s.name) || ctx.deploy.migrate?.service === s.name) return true;
  if (servesTraffic(s)) return false;
  if (JOB_NAME.test(s.name) || awaitedToComplete(ctx).has(s.name)) return true;
  if (RESTARTS_ALWAYS.has(s.str('restart') ?? '')) return false;
  return commandFinishes(shellText(s.get('entrypoint'), s.get('command')));
}

const completedCache = new WeakMap<RuleContext, Set<string>>();

/** Services another one waits for to exit successfully (depends_on with condition: service_completed_successfully). */
function awaitedToComplete(ctx: RuleContext): Set<string> {
  let names = completedCache.get(ctx);
  if (!names) {
    names = new Set(ctx.services.flatMap((s) => mapEntries(s.get('depends_on'))
      .filter(([, e]) => scalarString(nodeAt(e.value, ['condition'])) === 'service_completed_successfully')
      .map(([dep]) => dep)));
    completedCache.set(ctx, names);
  }
  return names;
}

const RESTARTS_ALWAYS = new Set(['always', 'unless-stopped']);

/** A healthcheck that is on, or a port published or exposed: something answers, so it runs on. */
function servesTraffic(s: ServiceView): boolean {
  const hc = s.get('healthcheck');
  const healthcheck = hc !== undefined && s.str('healthcheck', 'disable') !== 'true' && !/^\s*NONE\b/.test(scalarOrList(s.get('healthcheck', 'test')));
  const listed = (key: string) => {
    const n = s.get(key);
    return n?.kind === 'seq' && n.items.length > 0;
  };
  return healthcheck || listed('ports') || listed('expose');
}

function scalarOrList(n: LNode | undefined): string {
  return n?.kind === 'seq' ? n.items.map(scalarString).join(' ') : scalarString(n) ?? '';
}

export function isLongRunning(s: ServiceView, ctx: RuleContext): boolean {
  return !isMarkedOneShot(s, ctx.target) && !looksLikeJob(s, ctx);
}

export function strategyOf(s: ServiceView, ctx: RuleContext): { strategy: 'rolling' | 'recreate'; explicit: boolean } {
  const configured = ctx.deploy.services?.[s.name]?.strategy;
  return { strategy: configured ?? 'rolling', explicit: configured !== undefined };
}

/**
 * Stands in for the release's commit in rendered image tags. Not hex, so no tag written in a file
 * (sha-<40 hex>) can be taken for the release's own.
 */
export const RELEASE_SHA = '<release>';

/** Text with its variables filled as a release fills them; undefined when Compose would refuse it (${VAR:?} unset). */
export function rendered(text: string, vars: RuleContext['vars']): string | undefined {
  try {
    return interpolate(text, vars);
  } catch (err) {
    if (err instanceof InterpolationError) return undefined;
    throw err;
  }
}

/** The deploy replaces it one copy at a time and gates on its health (deployRole); other services are just started. */
export function isUpdatedByDeploy(s: ServiceView, ctx: RuleContext): boolean {
  if (!isLongRunning(s, ctx)) return false;
  const image = s.str('image');
  const profiles = s.get('profiles');
  const facts = {
    name: s.name,
    image: image === undefined ? undefined : rendered(image, ctx.vars),
    profiles: profiles?.kind === 'seq' ? profiles.items.map((i) => scalarString(i) ?? '') : [],
    restart: s.str('restart'),
  };
  return deployRole(facts, RELEASE_SHA, { migrateService: ctx.deploy.migrate?.service, perService: ctx.deploy.services ?? {} }) === 'update';
}
