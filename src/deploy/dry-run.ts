import type { ComposeFlavor, ComposeTarget } from '../compose/cli.js';
import type { CommandResult } from '../engine/result.js';
import { lockCommand, unlockCommand } from '../host/lock.js';
import { probeCommand } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import { shellText, type Command } from '../runner/runner.js';
import * as cmd from './commands.js';
import { registryLogin, type RolloutSettings } from './deploy-settings.js';

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
  const login = registryLogin(rs);
  const steps: PlanStep[] = [
    ['take the deploy lock (owner record on stdin)', lockCommand(rs.deployPath, token, rs.staleLockAfter, rs.forceUnlock, '')],
    ['read the host state', probeCommand(rs.deployPath, rs.project)],
    plan.stage,
    ['render the release', cmd.renderCommand(target)],
    [login ? 'log in (password on stdin) and pull images not on the host' : 'pull images not on the host', cmd.pullCommand(['<images of the release>'], login && { ...login, password: '' })],
    ...plan.beforeSwitch(target),
    ['point current at the release', cmd.switchCurrentCommand(rs.deployPath, sha)],
    // Placeholders within the service-name grammar: the names reach the same checked argv builder.
    ['start changed third-party services', cmd.convergeCommand(target, ['THIRD_PARTY_SERVICES...'])],
    ...rs.order.map((s): PlanStep => [
      `roll ${s}`,
      cmd.rollCommand(target, { service: s, strategy: rs.services[s]?.strategy ?? 'rolling', replicas: 1, stopGraceSeconds: 10, healthUrl: rs.services[s]?.healthUrl }, rs),
    ]),
    plan.record,
    ['release the lock', unlockCommand(rs.deployPath, token)],
  ];
  const text = steps.map(([step, c], i) => `${i + 1}. ${step}\n   ${shellText(c).replace(/\n/g, '\n   ')}`).join('\n');
  reporter.info(`dry-run: ${plan.what} ${rs.target.user}@${rs.target.host}:${rs.target.port}${rs.deployPath} (Compose v2 shown; a v1 host runs docker-compose with the same arguments). Nothing is changed.\n${text}`);
  reporter.summary(`### ${plan.title} plan (dry-run)\n\n\`\`\`\n${text}\n\`\`\`\n`);
  return { ok: true, outputs: { 'dry-run': 'true', plan: text } };
}
