import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { defaultImagePrefix } from '../build/prefix.js';
import { toInt, type Settings } from '../config/settings.js';
import { deployTarget } from '../config/deploy-target.js';
import { containPath, readContainedText } from '../config/contained-file.js';
import { InputError } from '../errors.js';
import type { Finding } from './findings.js';
import type { LoadedSet } from './load.js';
import type { ValidateSettings } from './validate-settings.js';
import { RULES, type RuleId } from '../config/rule-catalog.js';
import { RELEASE_SHA, servicesOf, type RuleContext } from './rules/context.js';
import { releaseVariables } from '../compose/deploy-role.js';
import { envValues } from '../compose/model-env.js';
import { CHECKS } from './rules/index.js';
import { isCaddyfileName } from './caddyfile.js';

/** Runs the rules that apply to this set, at the severity the config gives each. */
export function policyFindings(loaded: LoadedSet, ctx: RuleContext, opts: ValidateSettings): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const severity = opts.severity[rule.id];
    const { check, sets, targets } = CHECKS[rule.id as RuleId];
    if (severity === 'off' || !sets.includes(loaded.set.name) || !targets.includes(ctx.target)) continue;
    for (const f of check(ctx)) {
      if (f.service !== undefined && opts.ignore[rule.id]?.has(f.service)) continue;
      out.push({ severity, rule: rule.id, message: f.message, loc: f.loc });
    }
  }
  return out;
}

export function ruleContext(loaded: LoadedSet, settings: Settings, opts: ValidateSettings, builtServices: ReadonlySet<string>): RuleContext {
  const projectDir = dirname(resolve(settings.cwd, loaded.set.files[0]!));
  const known = [settings.config.imagePrefix, settings.run.repository && defaultImagePrefix(settings.registry, settings.run.repository)].filter((p): p is string => !!p);
  // Run locally without GITHUB_REPOSITORY or image-prefix: everything on our registry counts as ours.
  const ownPrefixes = known.length > 0 ? known : [settings.registry];
  const target = deployTarget(settings.config);
  return {
    setName: loaded.set.name,
    target,
    // Read (and checked) only for the swarm target, whose summary shows it: the compose target's validate never needed it.
    healthTimeout: target === 'swarm' ? toInt('health-timeout', settings.option('health-timeout', settings.config.deploy?.healthTimeout)!, 1, 3600) : 120,
    backupService: settings.config.backup?.service,
    envFile: loaded.set.envFile,
    env: loaded.env,
    vars: new Map(Object.entries({ ...Object.fromEntries(loaded.includedEnv), ...envValues(loaded.env ?? new Map()), ...releaseVariables(RELEASE_SHA) })),
    includedEnv: loaded.includedEnv,
    tree: loaded.merged!,
    services: servicesOf(loaded.merged!),
    deploy: settings.config.deploy ?? {},
    proxy: opts.proxy,
    jobs: opts.jobs,
    allowDockerSocket: opts.allowDockerSocket,
    allowSourceMounts: opts.allowSourceMounts,
    builtServices,
    ownPrefixes,
    proxyConfigs: proxyConfigs(settings.cwd, settings.config.deploy?.files ?? []),
    isSourceTree: (source) => isSourceTree(projectDir, source),
    readRepoText: (path) => readInside(settings.cwd, projectDir, path),
    readRepoTexts: (path) => readInsideAll(settings.cwd, projectDir, path).map((f) => f.text),
    readRepoFiles: (path) => readInsideAll(settings.cwd, projectDir, path),
  };
}

/** A file the model points at (a build's Dockerfile, a mounted proxy config), read only when it is a regular file inside the repository. */
function readInside(root: string, base: string, path: string): string | undefined {
  if (path.includes('$')) return undefined;
  try {
    return readContainedText(root, base, path, { key: 'a file the set names', what: 'file', displayName: path });
  } catch (err) {
    if (err instanceof InputError) return undefined;
    throw err;
  }
}

/** At most this many files of a mounted folder are read for routes (conf.d holds a handful). */
const MAX_FOLDER_FILES = 16;
/** The files of a mounted folder that can hold routes: nginx, Caddy and Traefik configs (and their templates). */
const PROXY_CONFIG_NAME = /\.(?:conf|caddy|ya?ml|toml|template|tmpl)$|caddyfile/i;

function readInsideAll(root: string, base: string, path: string): Array<{ file: string; text: string }> {
  if (path.includes('$')) return [];
  const c = containPath(root, base, path);
  if (!c.inside || !c.exists) return [];
  try {
    const names = statSync(c.real).isDirectory() ? readdirSync(c.real).filter((n) => PROXY_CONFIG_NAME.test(n)).sort().slice(0, MAX_FOLDER_FILES).map((n) => join(path, n)) : [path];
    return names.flatMap((p) => {
      const one = readInside(root, base, p);
      // Named as findings name files: from the repository root.
      return one === undefined ? [] : [{ file: relative(root, resolve(base, p)).split(sep).join('/'), text: one }];
    });
  } catch {
    // An unreadable folder names no routes.
    return [];
  }
}

/**
 * The Caddyfiles among deploy.files, each read only when it is a regular file inside the repository;
 * one that is not is left to the deploy, which refuses it (the rule then has nothing to say about it).
 */
function proxyConfigs(cwd: string, files: readonly string[]): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const file of files.filter(isCaddyfileName)) {
    try {
      out.push({ file, text: readContainedText(cwd, cwd, file, { key: 'deploy.files', what: 'file', displayName: file }) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
    }
  }
  return out;
}

const CODE_MARKERS = ['Dockerfile', 'package.json', 'pyproject.toml', 'requirements.txt', 'manage.py', 'go.mod', 'Gemfile', 'composer.json', 'Cargo.toml', 'pom.xml'];

/** The project directory, one of its parents, or a directory holding code (a Dockerfile, package.json...). */
export function isSourceTree(projectDir: string, source: string): boolean {
  const src = source.replace(/^\$\{?PWD\}?/, '.');
  if (!src.startsWith('.')) return false;
  const abs = resolve(projectDir, src);
  if (abs === projectDir || projectDir.startsWith(abs + sep)) return true;
  try {
    return statSync(abs).isDirectory() && CODE_MARKERS.some((m) => existsSync(resolve(abs, m)));
  } catch {
    return false;
  }
}
