import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InputError, formatLocation, type SourceLocation } from '../errors.js';
import type { BuildServiceConfig } from '../config/sections/build.js';
import type { ComposeBuildSpec, ComposeService } from './compose-files.js';
import { interpolate } from '../compose/model-vars.js';
import { imageRepository } from '../compose/image-ref.js';

/** One image to build: several services may run it (api, worker, migrate). */
export interface ImagePlan {
  /** registry/path, no tag: 127.0.0.1:5000/acme/shop/api */
  repository: string;
  /** The part after the registry host, as the HTTP API names it: acme/shop/api */
  path: string;
  /** Sorted; the first is the one whose build settings were used when several had them. */
  services: string[];
  context: string;
  dockerfile: string;
  target?: string;
  args: Record<string, string>;
  /** Those of args whose value is the runner's environment variable of that name (never on a command line). */
  argsFromEnv: string[];
  /** Where the build settings came from, for the log and for errors. */
  from: string;
}

export interface PlanInput {
  prefix: string;
  prod: ReadonlyMap<string, ComposeService>;
  dev?: ReadonlyMap<string, ComposeService>;
  config?: Readonly<Record<string, BuildServiceConfig>>;
  /** Variables for interpolating image names (env file, environment, IMAGE_TAG). */
  vars: Readonly<Record<string, string | undefined>>;
  /** Repository root: config-file paths are relative to it. */
  cwd: string;
  configFile?: string;
}

export interface Plan {
  images: ImagePlan[];
  /** Things worth a line in the log: third-party images skipped, unknown services in the config. */
  notes: string[];
}

export function planImages(input: PlanInput): Plan {
  const notes: string[] = [];
  const byRepository = new Map<string, string[]>();
  const vars = new Map(Object.entries(input.vars).filter((kv): kv is [string, string] => kv[1] !== undefined));
  for (const svc of [...input.prod.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!svc.image) continue;
    const missing: string[] = [];
    const value = interpolate(svc.image, vars, (name) => missing.push(name));
    if (missing.length > 0) notes.push(`service ${svc.name}: image ${JSON.stringify(svc.image)} uses unset ${missing.join(', ')}`);
    const repository = imageRepository(value);
    if (!repository.startsWith(`${input.prefix}/`)) {
      notes.push(`service ${svc.name}: ${repository} is not under ${input.prefix}/, not built here`);
      continue;
    }
    byRepository.set(repository, [...(byRepository.get(repository) ?? []), svc.name]);
  }
  for (const name of Object.keys(input.config ?? {})) {
    if (!input.prod.has(name)) notes.push(`build.services.${name} in the config file names no prod service; ignored`);
  }
  const images = [...byRepository].map(([repository, services]) => planOne(repository, services, input));
  return { images, notes };
}

function planOne(repository: string, services: string[], input: PlanInput): ImagePlan {
  const last = repository.split('/').pop();
  // The service named like the image (api for .../api) speaks for it when several have build settings.
  const ordered = [...services].sort((a, b) => Number(b === last) - Number(a === last) || a.localeCompare(b));
  const path = repository.slice(repository.indexOf('/') + 1);
  const configFile = input.configFile ?? 'compose-deploy.yml';
  const fromConfig = ordered.map((svc) => ({ svc, c: input.config?.[svc] })).find(({ c }) => c && (c.context || c.dockerfile || c.target || c.args));
  const fromCompose = composeBuild(ordered, input);
  if (!fromConfig && !fromCompose) {
    throw new InputError(
      `image ${repository} (service${services.length > 1 ? 's' : ''} ${services.join(', ')}) has no build settings: add build: to the service in the dev or prod Compose files, or build.services.${ordered[0]}.context to compose-deploy.yml`,
      input.prod.get(ordered[0]!)?.imageLocation,
    );
  }
  // The config file's keys win one by one over the Compose build: section, as a later Compose file's would.
  const c = fromConfig?.c ?? {};
  const b = fromCompose?.build;
  const from = [fromConfig && `${configFile} build.services.${fromConfig.svc}`, fromCompose && `${fromCompose.set} set, service ${fromCompose.svc} (${formatLocation(fromCompose.build.location)})`].filter(Boolean).join(' over ');
  const pathsFromConfig = c.context !== undefined || c.dockerfile !== undefined || !b;
  return finish(
    {
      repository,
      path,
      services: ordered,
      context: c.context !== undefined ? resolve(input.cwd, c.context) : (b?.context ?? input.cwd),
      dockerfile: c.dockerfile ?? b?.dockerfile,
      target: c.target ?? b?.target,
      args: { ...b?.args, ...c.args },
      // A value the config file gives is a literal, whatever Compose took from the environment.
      argsFromEnv: (b?.argsFromEnv ?? []).filter((k) => c.args?.[k] === undefined),
      from,
    },
    pathsFromConfig ? { file: configFile } : b.location,
  );

  function finish(p: Omit<ImagePlan, 'dockerfile'> & { dockerfile?: string }, where: SourceLocation): ImagePlan {
    if (!existsSync(p.context) || !statSync(p.context).isDirectory()) {
      throw new InputError(`build context ${rel(p.context)} for ${repository} (from ${p.from}) is not a directory`, where);
    }
    const dockerfile = resolve(p.context, p.dockerfile ?? 'Dockerfile');
    if (!existsSync(dockerfile)) {
      throw new InputError(`no Dockerfile at ${rel(dockerfile)} for ${repository} (from ${p.from}): add it or point dockerfile: at the right file`, where);
    }
    return { ...p, dockerfile };
  }

  function rel(p: string): string {
    return relative(input.cwd, p) || '.';
  }
}

/** The first Compose build: section among the image's services, prod set before dev. */
function composeBuild(ordered: readonly string[], input: PlanInput): { set: 'prod' | 'dev'; svc: string; build: ComposeBuildSpec } | undefined {
  for (const [set, map] of [['prod', input.prod], ['dev', input.dev]] as const) {
    for (const svc of ordered) {
      const build = map?.get(svc)?.build;
      if (build) return { set, svc, build };
    }
  }
  return undefined;
}
