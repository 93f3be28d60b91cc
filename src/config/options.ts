/**
 * Every public option, once. The action's inputs, the CLI's flags and the COMPOSE_DEPLOY_* variables
 * are three spellings of this table; a unit test keeps action.yml in step with it.
 * Names are a promise to users: add, never rename.
 */
export const COMMANDS = ['validate', 'build', 'deploy', 'rollback', 'releases', 'backup', 'restore-test', 'restore', 'maintenance'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface OptionSpec {
  name: string;
  description: string;
  /** How the value reads; secrets are masked as soon as they are read. */
  kind: 'string' | 'int' | 'bool' | 'secret';
  /** Shown in docs; applied by the settings resolver, not by the runner (so the config file can win over it). */
  default?: string;
  /**
   * Declared in action.yml, so the runner fills it in: only for what the runner alone can give (the
   * workflow's token, which a JavaScript action is not handed otherwise), never for a value the config file could set.
   */
  actionDefault?: string;
  /** Commands that use it; undefined means all. */
  commands?: readonly CommandName[];
}

const REMOTE: readonly CommandName[] = ['deploy', 'rollback', 'releases', 'backup', 'restore-test', 'restore', 'maintenance'];

/** The table itself, kept literal so its names make the type `OptionName`. */
const OPTION_TABLE = [
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
  { name: 'registry-password', kind: 'secret', description: 'Registry password or token (for GHCR: secrets.GITHUB_TOKEN). build, when not given: for ghcr.io only, workflow-token, else the GITHUB_TOKEN environment variable' },
  { name: 'environment', kind: 'string', default: 'production', description: 'Deployment environment name (config: environment)' },
  { name: 'dry-run', kind: 'bool', default: 'false', description: 'Print the plan (every remote command, quoted) and change nothing' },
  { name: 'image-prefix', kind: 'string', commands: ['build', 'deploy', 'rollback'], description: 'Where images are pushed: <registry>/<path>, lower-case (config: image-prefix). Default: <registry>/<owner>/<repo> from the repository, lower-cased' },
  { name: 'repository', kind: 'string', commands: ['build'], description: 'owner/name of the GitHub repository, for the default image prefix and the source label. Default: GITHUB_REPOSITORY, or the git remote origin in the CLI' },
  {
    name: 'workflow-token',
    kind: 'secret',
    commands: ['build'],
    actionDefault: '${{ github.token }}',
    description: 'build: the workflow\'s token, the registry password for ghcr.io when registry-password is not given (needs permissions: packages: write). Default: github.token in the action, the GITHUB_TOKEN environment variable in the CLI; never sent to another registry',
  },
  { name: 'force', kind: 'bool', default: 'false', commands: ['build'], description: 'Build and push even when the sha tag is already in the registry' },
  { name: 'fail-on', kind: 'string', default: 'error', commands: ['validate'], description: 'validate: fail the step on "error" findings only, or on "warning" too (config: validate.fail-on)' },
  { name: 'renderer', kind: 'string', default: 'auto', commands: ['validate'], description: 'validate: render sets with the Compose CLI when present ("auto"), always ("compose"), or only with the built-in merge and schema check ("schema") (config: validate.renderer)' },
  { name: 'report-file', kind: 'string', commands: ['validate', 'restore-test'], description: 'validate, restore-test: where to write the JSON report. Default: compose-deploy-validate.json (compose-deploy-restore-test.json) in RUNNER_TEMP (or the system temp directory)' },
  { name: 'workflows', kind: 'string', commands: ['validate'], description: 'validate: workflow files or folders to check with GitHub\'s workflow parser, separated by commas or new lines (config: validate.workflows)' },
  { name: 'project', kind: 'string', commands: ['deploy', 'rollback', 'backup', 'restore', 'maintenance'], description: 'deploy: Compose project name on the host (config: project). Default: the last part of deploy-path' },
  { name: 'env-file', kind: 'secret', commands: ['deploy'], description: 'deploy: the prod .env (app secrets), written with mode 0600 into the release. Pass it from a secret' },
  { name: 'health-timeout', kind: 'int', default: '120', commands: ['deploy', 'rollback', 'restore'], description: 'deploy: seconds a new container may take to become healthy (config: deploy.health-timeout)' },
  { name: 'keep-releases', kind: 'int', default: '5', commands: ['deploy', 'rollback'], description: 'deploy: releases kept on the host for rollback (config: deploy.keep-releases)' },
  { name: 'lock-timeout', kind: 'int', default: '300', commands: ['deploy', 'rollback', 'backup', 'restore'], description: 'deploy: seconds to wait for another deploy\'s lock before failing (config: deploy.lock-timeout)' },
  { name: 'lock-lease', kind: 'int', default: '180', commands: ['deploy', 'rollback', 'backup', 'restore'], description: 'deploy: seconds a running deploy\'s lock stays valid without renewal; a run killed outright stops renewing it, and the next deploy takes it over after this (config: deploy.lock-lease)' },
  { name: 'force-unlock', kind: 'bool', default: 'false', commands: ['deploy', 'rollback', 'backup', 'restore'], description: 'deploy: break a deploy lock older than stale-lock-after whose run is gone' },
  { name: 'smoke-url', kind: 'string', commands: ['deploy', 'rollback'], description: 'deploy: URL fetched from the runner after the deploy; a failure rolls back' },
  { name: 'github-token', kind: 'secret', commands: ['deploy', 'rollback', 'restore-test'], description: 'deploy: a token with deployments: write (e.g. github.token); when set, a GitHub Deployment for the environment tracks the deploy. restore-test: a token with issues: write; when set, a failed drill opens (or comments on) one issue labelled restore-test, and the next success closes it' },
  { name: 'download', kind: 'string', commands: ['backup'], description: 'backup: a local directory that receives the dump, its manifest and sidecar (checksum verified on arrival), e.g. to upload as a workflow artifact' },
  { name: 'verify', kind: 'string', commands: ['backup'], description: 'backup: instead of taking a backup, check an existing dump on the host (path, or a name in backup.dir): its sidecar checksum, manifest size, PGDMP header, and a full pg_restore read' },
  { name: 'copy-to-ssh-private-key', kind: 'secret', commands: ['backup', 'deploy', 'restore-test', 'restore', 'rollback'], description: 'backup: SSH private key for the backup.copy-to host. Pass it from a secret' },
  { name: 'copy-to-known-hosts', kind: 'string', commands: ['backup', 'deploy', 'restore-test', 'restore', 'rollback'], description: 'backup: the backup.copy-to host\'s public key(s), as ssh-keyscan prints them (its host key is pinned like the deploy host\'s)' },
  { name: 'environment-url', kind: 'string', commands: ['deploy', 'rollback'], description: 'deploy: the URL shown for the environment on GitHub after a successful deploy' },
  { name: 'to', kind: 'string', commands: ['rollback'], description: 'rollback: the kept release to go back to, a full sha or an unambiguous prefix of one. Default: the release that was live before the current one' },
  { name: 'reason', kind: 'string', commands: ['rollback', 'restore', 'maintenance'], description: 'rollback, restore, maintenance: why, in a few words; written to the audit log and the summary' },
  { name: 'backup', kind: 'string', commands: ['restore'], description: 'restore: the dump to restore, by its file name in the host\'s backup dir (backup.dir). Default: the newest verified one' },
  {
    name: 'confirm',
    kind: 'string',
    commands: ['restore', 'rollback'],
    description: 'restore, rollback with-data: must equal the project name, or nothing is touched (exit 2, and what would be restored and lost is printed)',
  },
  { name: 'with-data', kind: 'bool', default: 'false', commands: ['rollback'], description: 'rollback: also put the database back to the pre-deploy backup taken just before the release after the target was deployed (needs confirm)' },
  { name: 'maintenance', kind: 'string', commands: ['maintenance'], description: 'maintenance: on | off. on creates <deploy-path>/maintenance/on, which the proxy answers 503 for (CLI: compose-deploy maintenance on|off)' },
  { name: 'backup-file', kind: 'string', commands: ['restore-test'], description: 'restore-test: a local backup file or glob (the newest match is tested); implies source: file' },
] as const satisfies readonly OptionSpec[];

/** The name of a public option: `settings.option()` takes nothing else, so a typo is a type error. */
export type OptionName = (typeof OPTION_TABLE)[number]['name'];

export const OPTIONS: readonly OptionSpec[] = OPTION_TABLE;

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
  { name: 'images', description: 'build: JSON map service -> {image, tag, digest} of the pushed (or already present) images' },
  { name: 'image-tag', description: 'build: the immutable tag every image got, sha-<40 hex>' },
  { name: 'errors', description: 'validate: number of error findings' },
  { name: 'warnings', description: 'validate: number of warning findings' },
  { name: 'deployed-sha', description: 'deploy/rollback: the commit now live (empty when it failed)' },
  { name: 'previous-sha', description: 'deploy/rollback: the commit that was live before' },
  { name: 'result', description: 'deploy/rollback: success | rolled-back | failed; restore-test: success | failed; restore: restored | failed | unchanged; maintenance: on | off' },
  { name: 'rolled-back', description: 'deploy: "true" when the deploy failed and the previous release was restored' },
  { name: 'duration-seconds', description: 'deploy: wall time of the deploy' },
  { name: 'services', description: 'deploy: JSON array, per service: old and new image, strategy, seconds to healthy, result' },
  { name: 'round-trips', description: 'deploy: SSH commands sent (health polling runs on the host, so this does not grow with the wait)' },
  { name: 'backup-file', description: 'backup (and deploy with deploy.backup): path on the host of the verified dump, <project>-<UTC yyyymmddThhmmssZ>-<sha>.dump (empty when skipped)' },
  { name: 'backup-manifest', description: 'backup (and deploy with deploy.backup): the manifest JSON: database, versions, size, sha256, created_at, sha, tables {"schema.table": rows}' },
  { name: 'plan', description: 'deploy with dry-run: the plan, every remote command quoted' },
  { name: 'backup', description: 'restore-test: the backup file that was tested; restore: the dump restored (or that would be)' },
  { name: 'rpo-seconds', description: 'restore-test, restore: age of the backup (how much would be lost)' },
  { name: 'downtime-seconds', description: 'restore: seconds from maintenance on to maintenance off' },
  { name: 'previous-database', description: 'restore: the name the replaced database is kept under (dropped after restore.keep-previous)' },
  { name: 'maintenance', description: 'releases, maintenance: "on" when <deploy-path>/maintenance/on exists, else "off"' },
  { name: 'rto-seconds', description: 'restore-test: seconds the restore phase took (how long a restore takes)' },
  { name: 'tables', description: 'restore-test: tables restored' },
  { name: 'rows', description: 'restore-test: rows restored, all tables together' },
  { name: 'report', description: 'validate: path of the JSON report (every finding with rule, file, line, column); restore-test: path of the JSON report (per-table expected and restored rows, each phase\'s seconds)' },
];
