import { releaseVariables } from '../compose/deploy-role.js';
import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { parseKeyValues } from '../host/key-values.js';
import type { AuditRecord } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import { tarArchive } from '../runtime/tar.js';
import { connectHost, type HostConnector } from '../ssh/connect.js';
import { PreDeployBackup } from '../backup/pre-deploy.js';
import * as cmd from './commands.js';
import { deploySettings, type DeploySettings } from './deploy-settings.js';
import { checkEnvFileInput } from './env-file-input.js';
import { printPlan } from './dry-run.js';
import type { HostSteps, ReleaseMoment, RunKind } from './run-kind.js';
import { runOnHost } from './run-on-host.js';
import { dependenciesOf } from './compose-services.js';
import { releaseServices, type SwarmService } from './swarm-commands.js';
import { envValues, parseEnvText } from '../compose/model-env.js';
import { InputError } from '../errors.js';

/** `deploy`: the commit's images to the host, gated and rolling, or the previous release left serving. */
export async function deployCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const ds = deploySettings(settings);
  const backup = PreDeployBackup.forDeploy(settings, ds);
  if (ds.deployTarget === 'swarm') refuseOnSwarm(ds, backup);
  const kind = deployKind(ds, { backup, connect: services.connectHost ?? connectHost });
  if (ds.dryRun) return printPlan(ds, kind.plan, reporter);
  return runOnHost(ds, kind, reporter, services);
}

/**
 * A deploy as a kind of run: its commit is known from the start; its files and .env are uploaded;
 * after the pull come the pre-deploy backup (deploy.backup) and the migration; a success prunes old
 * releases.
 */
export function deployKind(ds: DeploySettings, { backup, connect = connectHost }: { backup?: PreDeployBackup; connect?: HostConnector } = {}): RunKind {
  const swarmServices = ds.deployTarget === 'swarm' ? swarmServicesOf(ds) : undefined;
  return {
    name: 'deploy',
    knownSha: ds.sha,
    swarmServices,
    plan: {
      what: `deploy of ${ds.sha} to`,
      title: 'Deploy',
      sha: ds.sha,
      stage: ['upload the release (tar on stdin)', cmd.unpackCommand(ds.deployPath, ds.sha, '')],
      beforeSwitch: (target) =>
        ds.migrate
          ? [
              ['start what the migration needs, recreating nothing that runs', cmd.migrationDependenciesCommand(target, ['MIGRATION_DEPENDENCIES...'])],
              ['run the migration', cmd.migrateCommand(target, ds.migrate)],
            ]
          : [],
      record: ['append to the audit log (record on stdin), then prune old releases', cmd.auditAndPruneCommand(ds.deployPath, {}, [ds.sha, '<kept releases>'])],
      swarmServices,
    },
    words: {
      notStarted: `Deploy of ${ds.sha} to`,
      notStartedTitle: '❌ Deploy failed',
      failedLine: (sha) => `deploy of ${sha}`,
      failedMessage: (sha) => `Deploy of ${sha} to`,
      succeededTitle: '✅ Deployed',
      failedTitle: (rolledBack) => (rolledBack ? '↩️ Rolled back' : '❌ Deploy failed'),
      successSuffix: '',
    },
    preflight(facts, where) {
      if (ds.envFileContent !== undefined) checkEnvFileInput(ds.envFileContent, facts.composeCommand!, where);
    },
    resolveTarget: () => ds.sha,
    // A deploy of the live release is a redeploy: it runs.
    nothingToDo: () => undefined,
    stage: (steps, sha, startedAt) => upload(steps, ds, sha, startedAt),
    async beforeSwitch(steps, at, adds) {
      if (backup) adds.outputs = await backup.run(steps.runner, connect, { live: at.facts.current, deploying: at.sha, running: at.facts.running, services: at.services.map((s) => s.name) }, steps.reporter);
      if (ds.migrate) {
        await migrate(steps, ds.migrate, at);
        adds.audit = { migration: ds.migrate.service };
      }
    },
    auditFields: () => ({}),
    async recordSuccess(steps, record, sha, facts) {
      const keep = keptReleases([...facts.audit, record], sha, ds.keepReleases);
      const pruned = (await steps.exec(cmd.auditAndPruneCommand(ds.deployPath, record, keep), 'appending to the audit log, pruning old releases')).stdout
        .split('\n')
        .filter((l) => l.startsWith('pruned='))
        .map((l) => l.slice(7));
      if (pruned.length > 0) steps.reporter.info(`pruned releases: ${pruned.join(', ')}`);
    },
    successNotes: () => [],
  };
}

/**
 * What the swarm target does not do in this version, refused before anything connects: the migration
 * (Compose's one-off run has no stack counterpart the deploy drives yet) and the pre-deploy backup
 * (it reaches the database through the host's Compose project).
 */
function refuseOnSwarm(ds: DeploySettings, backup: PreDeployBackup | undefined): void {
  const refused = [ds.migrate ? 'deploy.migrate' : '', backup ? 'deploy.backup' : ''].filter(Boolean);
  if (refused.length > 0) throw new InputError(`target: swarm: ${refused.join(' and ')} ${refused.length > 1 ? 'are' : 'is'} not available for a swarm in this version; remove ${refused.length > 1 ? 'them' : 'it'} from the config (run the migration and the backup outside the deploy) or deploy with target: compose. Nothing was done`);
}

/** The release's services as its Compose files and the env-file input name them (the manager has no Compose to render them). */
function swarmServicesOf(ds: DeploySettings): SwarmService[] {
  const texts = ds.files.filter((f) => ds.composeFiles.includes(f.path)).map((f) => f.content.toString('utf8'));
  const env = ds.envFileContent === undefined ? {} : envValues(parseEnvText(ds.envFileContent, 'input env-file'));
  return releaseServices(texts, ds.sha, ds.deployPath, env, ds);
}

/** The release's files, its .env and the Compose files it is made with, unpacked on the host; returns the host's release records. */
async function upload(steps: HostSteps, ds: DeploySettings, sha: string, startedAt: Date): Promise<string> {
  const env = [ds.envFileContent?.replace(/\n?$/, '\n') ?? '', ...Object.entries(releaseVariables(sha, ds.deployPath)).map(([k, v]) => `${k}=${v}\n`)].join('');
  const tar = tarArchive(
    [
      ...ds.files.map((f) => ({ path: f.path, data: f.content, mode: f.mode })),
      { path: cmd.COMPOSE_FILES_RECORD, data: ds.composeFiles.map((f) => `${f}\n`).join(''), mode: 0o644 },
      { path: '.env', data: env, mode: 0o600 },
    ],
    Math.floor(startedAt.getTime() / 1000),
  );
  const res = await steps.exec(cmd.unpackCommand(ds.deployPath, sha, tar.toString('base64')), `uploading release ${sha.slice(0, 12)} (${ds.files.length} files and .env)`);
  for (const dir of parseKeyValues(res.stdout).get('removed-leftover') ?? []) steps.reporter.warning(`removed ${dir}, left on the host by an upload that was killed (it held a release's .env)`);
  return res.stdout;
}

async function migrate(steps: HostSteps, migration: NonNullable<DeploySettings['migrate']>, at: ReleaseMoment): Promise<void> {
  const { reporter, runner } = steps;
  const started = Date.now();
  const dependencies = dependenciesOf(at.services, migration.service);
  // `up --no-recreate` of what already runs changes nothing: the host's answer saves a Compose start.
  const stopped = dependencies.filter((d) => !at.facts.running[d]);
  if (stopped.length > 0) await steps.exec(cmd.migrationDependenciesCommand(at.target, dependencies), `starting what the migration needs (${dependencies.join(', ')})`);
  else if (dependencies.length > 0) reporter.info(`what the migration needs is running (${dependencies.join(', ')})`);
  const res = await runner.run(cmd.migrateCommand(at.target, migration));
  if (res.code !== 0) {
    // The output stays in the (masked) log and summary: migrations print connection strings, and
    // the error message travels on to the audit log and the GitHub deployment status.
    const output = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-30).join('\n');
    reporter.info(`migration output:\n${output}`);
    reporter.summary(`#### Migration output (exit ${res.code})\n\n\`\`\`\n${output}\n\`\`\`\n`);
    const serving = at.previous ? `release ${at.previous.slice(0, 12)} keeps serving` : 'nothing was running before';
    throw new Error(`migration "${migration.service}" exited with ${res.code}; no service was touched, ${serving} (its output is in the log and the summary)`);
  }
  reporter.info(`▸ migration ${migration.service} finished (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

/** The newest successful releases, the live one always among them. */
export function keptReleases(audit: readonly AuditRecord[], live: string, keep: number): string[] {
  const out = [live];
  for (let i = audit.length - 1; i >= 0 && out.length < keep; i--) {
    const r = audit[i]!;
    if (r.result === 'success' && !out.includes(r.sha)) out.push(r.sha);
  }
  return out;
}
