/**
 * Every public option, once. The action's inputs, the CLI's flags and the COMPOSE_DEPLOY_* variables
 * are three spellings of this table; a unit test keeps action.yml in step with it.
 * Names are a promise to users: add, never rename.
 */
export const COMMANDS = ['validate', 'build', 'deploy', 'rollback', 'releases', 'backup', 'restore-test'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface OptionSpec {
  name: string;
  description: string;
  /** How the value reads; secrets are masked as soon as they are read. */
  kind: 'string' | 'int' | 'bool' | 'secret';
  /** Shown in docs; applied by the settings resolver, not by the runner (so the config file can win over it). */
  default?: string;
  /** Commands that use it; undefined means all. */
  commands?: readonly CommandName[];
}

const REMOTE: readonly CommandName[] = ['deploy', 'rollback', 'releases', 'backup', 'restore-test'];

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'command', kind: 'string', description: `What to do: ${COMMANDS.join(' | ')}` },
  { name: 'config', kind: 'string', default: 'compose-deploy.yml', description: 'Path of the project config file, relative to the working directory' },
  { name: 'sha', kind: 'string', description: 'Commit to build or deploy (40 hex). Default: the event\'s commit (GITHUB_SHA)' },
  { name: 'host', kind: 'string', commands: REMOTE, description: 'Production host name or IP (config: host.address)' },
  { name: 'port', kind: 'int', default: '22', commands: REMOTE, description: 'SSH port (config: host.port)' },
  { name: 'user', kind: 'string', commands: REMOTE, description: 'SSH user, allowed to run docker (config: host.user)' },
  { name: 'ssh-private-key', kind: 'secret', commands: REMOTE, description: 'SSH private key (OpenSSH or PEM). Pass it from a secret' },
  { name: 'ssh-passphrase', kind: 'secret', commands: REMOTE, description: 'Passphrase of the SSH private key, if it has one' },
  { name: 'known-hosts', kind: 'string', commands: REMOTE, description: 'The host\'s public key(s), as `ssh-keyscan` prints them (hashed or not). Required unless host-key-fingerprint is set' },
  { name: 'host-key-fingerprint', kind: 'string', commands: REMOTE, description: 'Alternative to known-hosts: the host key\'s SHA256 fingerprint (SHA256:...), as `ssh-keygen -lf` prints it' },
  { name: 'insecure-skip-host-key-check', kind: 'bool', default: 'false', commands: REMOTE, description: 'Connect without verifying the host key. Dangerous: anyone on the path can impersonate the host' },
  { name: 'deploy-path', kind: 'string', commands: REMOTE, description: 'Deploy directory on the host (config: host.path)' },
  { name: 'registry', kind: 'string', default: 'ghcr.io', description: 'Container registry host (config: registry)' },
  { name: 'registry-username', kind: 'string', description: 'Registry user. Default: the workflow actor (GITHUB_ACTOR)' },
  { name: 'registry-password', kind: 'secret', description: 'Registry password or token (for GHCR: secrets.GITHUB_TOKEN)' },
  { name: 'environment', kind: 'string', default: 'production', description: 'Deployment environment name (config: environment)' },
  { name: 'dry-run', kind: 'bool', default: 'false', description: 'Print the plan (every remote command, quoted) and change nothing' },
];

/** COMPOSE_DEPLOY_<NAME>: upper-case, "-" becomes "_". */
export function envName(option: string): string {
  return `COMPOSE_DEPLOY_${option.toUpperCase().replace(/-/g, '_')}`;
}

export function findOption(name: string): OptionSpec | undefined {
  return OPTIONS.find((o) => o.name === name);
}

export interface OutputSpec {
  name: string;
  description: string;
}

/** Every action output; commands set the ones that concern them. */
export const OUTPUTS: readonly OutputSpec[] = [
  { name: 'docker-version', description: 'releases/deploy: Docker server version on the host' },
  { name: 'compose-command', description: 'releases/deploy: the Compose the host has: "docker compose" (v2) or "docker-compose" (v1)' },
  { name: 'compose-version', description: 'releases/deploy: version of that Compose' },
  { name: 'current-sha', description: 'releases: the commit the host runs now (empty before the first deploy)' },
  { name: 'releases', description: 'releases: JSON array of kept releases, newest first: {sha, current, deployedAt, actor, result}' },
  { name: 'dry-run', description: '"true" when nothing was changed because dry-run was set' },
];
