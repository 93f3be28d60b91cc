import type { ComposeFlavor } from '../compose/cli.js';
import type { CommandResult } from '../engine/result.js';
import { probeCommand } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import { shellText, type Command } from '../runner/runner.js';
import * as cmd from './commands.js';
import { lockCommand, unlockCommand } from '../host/lock.js';
import { registryLogin, type DeploySettings, type RollbackRequest } from './deploy-settings.js';

/**
 * dry-run: the deploy's remote commands, built by the same functions the real run uses and quoted
 * the same way. Values only known on the host (images, kept releases) are shown as <placeholders>.
 */
export function printPlan(ds: DeploySettings, reporter: Reporter, rollback?: RollbackRequest): CommandResult {
  const flavor: ComposeFlavor = 'docker compose';
  const sha = rollback ? (ds.sha || '<target>') : ds.sha;
  const target = cmd.releaseCompose(ds, flavor, sha);
  const token = '<run-token>';
  const login = registryLogin(ds);
  const steps: Array<[string, Command]> = [
    ['take the deploy lock (owner record on stdin)', lockCommand(ds.deployPath, token, ds.staleLockAfter, ds.forceUnlock, '')],
    ['read the host state', probeCommand(ds.deployPath, ds.project)],
    rollback
      ? [`read the kept release ${rollback.to ? `matching ${rollback.to}` : 'live before the current one'}`, cmd.keptReleaseCommand(ds.deployPath, sha)]
      : ['upload the release (tar on stdin)', cmd.unpackCommand(ds.deployPath, sha, '')],
    ['render the release', cmd.renderCommand(target)],
    [login ? 'log in (password on stdin) and pull images not on the host' : 'pull images not on the host', cmd.pullCommand(['<images of the release>'], login && { ...login, password: '' })],
    ...(ds.migrate && !rollback
      ? ([
          ['start what the migration needs, recreating nothing that runs', cmd.migrationDependenciesCommand(target, ['MIGRATION_DEPENDENCIES...'])],
          ['run the migration', cmd.migrateCommand(target, ds.migrate)],
        ] as Array<[string, Command]>)
      : []),
    ['point current at the release', cmd.switchCurrentCommand(ds.deployPath, sha)],
    // Placeholders within the service-name grammar: the names reach the same checked argv builder.
    ['start changed third-party services', cmd.convergeCommand(target, ['THIRD_PARTY_SERVICES...'])],
    ...ds.order.map((s): [string, Command] => [
      `roll ${s}`,
      cmd.rollCommand(target, { service: s, strategy: ds.services[s]?.strategy ?? 'rolling', replicas: 1, stopGraceSeconds: 10, healthUrl: ds.services[s]?.healthUrl }, ds),
    ]),
    rollback
      ? ['append to the audit log (record on stdin)', cmd.auditCommand(ds.deployPath, {})]
      : ['append to the audit log (record on stdin), then prune old releases', cmd.auditAndPruneCommand(ds.deployPath, {}, [sha, '<kept releases>'])],
    ['release the lock', unlockCommand(ds.deployPath, token)],
  ];
  const what = rollback ? `rollback to ${rollback.to ?? 'the release live before the current one'}` : `deploy of ${sha}`;
  const text = steps.map(([step, c], i) => `${i + 1}. ${step}\n   ${shellText(c).replace(/\n/g, '\n   ')}`).join('\n');
  reporter.info(`dry-run: ${what} ${rollback ? 'on' : 'to'} ${ds.target.user}@${ds.target.host}:${ds.target.port}${ds.deployPath} (Compose v2 shown; a v1 host runs docker-compose with the same arguments). Nothing is changed.\n${text}`);
  reporter.summary(`### ${rollback ? 'Rollback' : 'Deploy'} plan (dry-run)\n\n\`\`\`\n${text}\n\`\`\`\n`);
  return { ok: true, outputs: { 'dry-run': 'true', plan: text } };
}
