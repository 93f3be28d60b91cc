import type { ComposeFlavor, ComposeTarget } from '../compose/cli.js';
import type { CommandResult } from '../engine/result.js';
import { cancelMarker, lockCommand, unlockCommand } from '../host/lock.js';
import { probeCommand } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import { shellText, type Command } from '../runner/runner.js';
import * as cmd from './commands.js';
import { registryLogin, type RolloutSettings } from './deploy-settings.js';
import { serviceWaitCommand, stackDeployCommand, stackOverride, watchOrder, type SwarmService } from './swarm-commands.js';

/** One step of a dry-run plan: what it does, and the command the real run sends. */
export type PlanStep = [string, Command];

/** What a kind of run shows of itself in a dry-run plan. */
export interface KindPlan {
  /** How the plan names the run, up to the host: "deploy of <sha> to", "rollback to <to> on". */
  what: string;
  /** The summary's heading: "Deploy", "Rollback". */
  title: string;
  /** The release as the plan shows it (a placeholder while it is resolved on the host). */
  sha: string;
  /** How the release's files get in place. */
  stage: PlanStep;
  /** The kind's own steps after the pull, before anything running changes. */
  beforeSwitch(target: ComposeTarget): PlanStep[];
  /** How the audit log gets the record. */
  record: PlanStep;
  /** The swarm target: the release's services, when the runner knows them (a deploy). */
  swarmServices?: SwarmService[];
}

/**
 * dry-run: the run's remote commands, built by the same functions the real run uses and quoted
 * the same way. Values only known on the host (images, kept releases) are shown as <placeholders>.
 */
export function printPlan(rs: RolloutSettings, plan: KindPlan, reporter: Reporter): CommandResult {
  const flavor: ComposeFlavor = 'docker compose';
  const { sha } = plan;
  const target = cmd.releaseCompose(rs, flavor, sha);
  const token = '<run-token>';
  const steps: PlanStep[] = [
    ['take the deploy lock (owner record on stdin)', lockCommand(rs.deployPath, token, rs.staleLockAfter, rs.forceUnlock, '')],
    ['read the host state', probeCommand(rs.deployPath, rs.project, rs.deployTarget)],
    plan.stage,
    ...(rs.deployTarget === 'swarm' ? swarmSteps(rs, plan, sha) : composeSteps(rs, plan, target)),
    plan.record,
    ['release the lock', unlockCommand(rs.deployPath, token)],
  ];
  const text = steps.map(([step, c], i) => `${i + 1}. ${step}\n   ${shellText(c).replace(/\n/g, '\n   ')}`).join('\n');
  const how = rs.deployTarget === 'swarm' ? 'the swarm its manager runs' : 'Compose v2 shown; a v1 host runs docker-compose with the same arguments';
  reporter.info(`dry-run: ${plan.what} ${rs.target.user}@${rs.target.host}:${rs.target.port}${rs.deployPath} (${how}). Nothing is changed.\n${text}`);
  reporter.summary(`### ${plan.title} plan (dry-run)\n\n\`\`\`\n${text}\n\`\`\`\n`);
  return { ok: true, outputs: { 'dry-run': 'true', plan: text } };
}

/** The compose target's steps between the staging and the audit record. */
function composeSteps(rs: RolloutSettings, plan: KindPlan, target: ComposeTarget): PlanStep[] {
  const login = registryLogin(rs);
  return [
    ['render the release', cmd.renderCommand(target)],
    [login ? 'log in (password on stdin) and pull images not on the host' : 'pull images not on the host', cmd.pullCommand(['<images of the release>'], login && { ...login, password: '' })],
    ...plan.beforeSwitch(target),
    ['point current at the release', cmd.switchCurrentCommand(rs.deployPath, plan.sha)],
    // Placeholders within the service-name grammar: the names reach the same checked argv builder.
    ['start changed third-party services', cmd.convergeCommand(target, ['THIRD_PARTY_SERVICES...'])],
    ...rs.order.map((s): PlanStep => [
      `roll ${s}`,
      cmd.rollCommand(target, { service: s, strategy: rs.services[s]?.strategy ?? 'rolling', replicas: 1, stopGraceSeconds: 10, healthUrl: rs.services[s]?.healthUrl }, rs),
    ]),
  ];
}

/**
 * The swarm target's: one stack deploy with the update_config the deploy sets (a kept release: with
 * its recorded digests), current moved, then every service watched in the config's order.
 */
function swarmSteps(rs: RolloutSettings, plan: KindPlan, sha: string): PlanStep[] {
  const services = plan.swarmServices ?? [{ name: 'SERVICES_OF_THE_KEPT_RELEASE', rolled: true, replicas: 1, image: '<digest from its audit record>' }];
  const login = registryLogin(rs);
  const files = rs.composeFiles.map((f) => `${cmd.releaseDir(rs.deployPath, sha)}/${f}`);
  return [
    [
      `${login ? 'log in (password on stdin), ' : ''}docker stack deploy (digests pinned by the manager; the update_config the deploy sets laid over the files)`,
      stackDeployCommand({ dir: cmd.releaseDir(rs.deployPath, sha), files }, rs.project, stackOverride(services, rs.healthTimeout, !plan.swarmServices), login && { ...login, password: '' }),
    ],
    ['point current at the release', cmd.switchCurrentCommand(rs.deployPath, sha)],
    ['watch every service converge, in the config\'s order', serviceWaitCommand(rs.project, watchOrder(services, rs.order), rs.healthTimeout, 0, cancelMarker(rs.deployPath))],
  ];
}
