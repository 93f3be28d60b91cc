import { relative } from 'node:path';
import { InputError, shownValue } from '../errors.js';
import { refuseUnavailableTarget } from './deploy-target.js';
import { closest } from './schema.js';
import { COMMANDS, envName, findOption, type CommandName, type OptionName } from './options.js';
import { loadProjectConfig, type ProjectConfig } from './project-config.js';
import { HOSTNAME, REGISTRY, REGISTRY_USER, REMOTE_PATH, REMOTE_PATH_HINT, SHA, SHA_HINT, USERNAME } from './names.js';

/** Option values as the front door read them: undefined (or '') means "not given". */
export type RawOptions = Readonly<Record<string, string | undefined>>;

/** Facts about the CI run, from the GITHUB_* variables when present. */
export interface RunContext {
  repository?: string;
  actor?: string;
  runUrl?: string;
  /** GITHUB_RUN_ID: names what this run saves in the Actions cache. */
  runId?: string;
  ref?: string;
  /** The REST API of the GitHub instance the run belongs to (GHES has its own). */
  apiUrl: string;
}

/** Everything a command needs, parsed and validated once. */
export interface Settings {
  command: CommandName;
  cwd: string;
  configPath?: string;
  config: ProjectConfig;
  sha?: string;
  host?: string;
  port: number;
  user?: string;
  sshPrivateKey?: string;
  sshPassphrase?: string;
  knownHosts?: string;
  hostKeyFingerprint?: string;
  insecureSkipHostKeyCheck: boolean;
  deployPath?: string;
  registry: string;
  registryUsername?: string;
  registryPassword?: string;
  environment: string;
  dryRun: boolean;
  /**
   * The same precedence for options a capability parses itself (e.g. validate's fail-on):
   * it reads them here and turns them into its own typed settings at its boundary. Only a name of the
   * option table is accepted.
   */
  option(name: OptionName, fromConfig?: string | number | boolean): string | undefined;
  run: RunContext;
}

export interface ResolveInput {
  /** Action inputs or CLI flags: they win. */
  explicit: RawOptions;
  /** The process environment: COMPOSE_DEPLOY_* options and GITHUB_* context. */
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Called for every secret value as soon as it is read, so it can be masked; for the env file, with the
   * keys whose values are public (deploy.public-env).
   */
  onSecret?: (value: string, publicKeys?: readonly string[]) => void;
}

/** Reads one option: explicit value, then COMPOSE_DEPLOY_<NAME>, then the config file, then the default. */
export function pickOption(name: OptionName, input: ResolveInput, fromConfig?: string | number | boolean): string | undefined {
  const given = nonEmpty(input.explicit[name]) ?? nonEmpty(input.env[envName(name)]);
  if (given !== undefined) return given;
  if (fromConfig !== undefined) return String(fromConfig);
  return findOption(name)?.default;
}

export function resolveSettings(input: ResolveInput): Settings {
  const commandRaw = pickOption('command', input);
  if (!commandRaw) throw new InputError(`missing required input "command" (one of ${COMMANDS.join(', ')})`);
  if (!(COMMANDS as readonly string[]).includes(commandRaw)) {
    const hint = closest(commandRaw, COMMANDS);
    throw new InputError(`unknown command "${commandRaw}"${hint ? `; did you mean "${hint}"?` : ''} (expected one of ${COMMANDS.join(', ')})`);
  }
  const command = commandRaw as CommandName;

  const loaded = loadProjectConfig(nonEmpty(input.explicit['config']) ?? nonEmpty(input.env[envName('config')]), input.cwd);
  const cfg = loaded.config;
  refuseUnavailableTarget(command, cfg, loaded.path && relative(input.cwd, loaded.path));
  /** Reads an option; a secret one is handed to onSecret (masked) as soon as it is read. */
  const pick = (name: OptionName, fromConfig?: string | number | boolean) => {
    const v = pickOption(name, input, fromConfig);
    if (v !== undefined && findOption(name)?.kind === 'secret') input.onSecret?.(v, name === 'env-file' ? cfg.deploy?.publicEnv : undefined);
    return v;
  };

  const sha = pick('sha') ?? nonEmpty(input.env['GITHUB_SHA']);
  if (sha !== undefined && !SHA.test(sha)) {
    throw new InputError(`input "sha" must be ${SHA_HINT}, got ${shownValue(sha)}`);
  }
  const host = pick('host', cfg.host?.address);
  if (host !== undefined && (!HOSTNAME.test(host) || host.length > 253)) throw new InputError(`input "host" is not a host name or IP address: ${shownValue(host)}`);
  const user = pick('user', cfg.host?.user);
  if (user !== undefined && (!USERNAME.test(user) || user.length > 32)) throw new InputError(`input "user" is not a valid user name: ${shownValue(user)}`);
  const deployPath = pick('deploy-path', cfg.host?.path);
  if (deployPath !== undefined && (!REMOTE_PATH.test(deployPath) || deployPath.length > 1024 || deployPath.split('/').some((part) => part === '..' || part === '.'))) {
    // "..": the path the scripts work in would not be the one the user reads (and backup.dir's inside-the-deploy-path check compares text).
    throw new InputError(`input "deploy-path" must be ${REMOTE_PATH_HINT}, with no "." or ".." part and at most 1024 characters, got ${shownValue(deployPath)}`);
  }
  const registry = pick('registry', cfg.registry)!;
  if (!REGISTRY.test(registry) || registry.length > 255) throw new InputError(`input "registry" must be a registry host (host[:port][/namespace]), got ${shownValue(registry)}`);
  const registryUsername = pick('registry-username') ?? nonEmpty(input.env['GITHUB_ACTOR']);
  if (registryUsername !== undefined && (!REGISTRY_USER.test(registryUsername) || registryUsername.length > 256)) {
    throw new InputError(`input "registry-username" must be a registry login (letters, digits and "._@+-[]", not starting with "-"), got ${shownValue(registryUsername)}`);
  }
  const fingerprint = pick('host-key-fingerprint');
  if (fingerprint !== undefined && !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(fingerprint)) {
    throw new InputError(`input "host-key-fingerprint" must look like SHA256:<43 base64 characters>, as ssh-keygen -lf prints it`);
  }

  return {
    command,
    cwd: input.cwd,
    configPath: loaded.path,
    config: cfg,
    sha,
    host,
    port: toInt('port', pick('port', cfg.host?.port)!, 1, 65535),
    user,
    sshPrivateKey: pick('ssh-private-key'),
    sshPassphrase: pick('ssh-passphrase'),
    knownHosts: pick('known-hosts'),
    hostKeyFingerprint: fingerprint,
    insecureSkipHostKeyCheck: toBool('insecure-skip-host-key-check', pick('insecure-skip-host-key-check')!),
    deployPath,
    registry,
    registryUsername,
    registryPassword: pick('registry-password'),
    environment: pick('environment', cfg.environment)!,
    dryRun: toBool('dry-run', pick('dry-run')!),
    option: pick,
    run: runContext(input.env),
  };
}

function runContext(env: NodeJS.ProcessEnv): RunContext {
  const server = nonEmpty(env['GITHUB_SERVER_URL']) ?? 'https://github.com';
  const repository = nonEmpty(env['GITHUB_REPOSITORY']);
  const runId = nonEmpty(env['GITHUB_RUN_ID']);
  return {
    repository,
    actor: nonEmpty(env['GITHUB_ACTOR']),
    ref: nonEmpty(env['GITHUB_REF']),
    runUrl: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined,
    runId,
    apiUrl: nonEmpty(env['GITHUB_API_URL']) ?? 'https://api.github.com',
  };
}

export function toBool(name: OptionName, value: string): boolean {
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  throw new InputError(`input "${name}" must be true or false, got ${shownValue(value)}`);
}

export function toInt(name: OptionName, value: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(value)) throw new InputError(`input "${name}" must be a whole number, got ${shownValue(value)}`);
  const n = Number(value);
  if (n < min || n > max) throw new InputError(`input "${name}" must be between ${min} and ${max}, got ${n}`);
  return n;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}
