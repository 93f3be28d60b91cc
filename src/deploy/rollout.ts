import type { CommandResult } from '../engine/result.js';
import { OperationError } from '../errors.js';
import { drillLivenessWarning } from '../restore/drill-liveness.js';
import * as cmd from './commands.js';
import { failRollout } from './rollout-recovery.js';
import { RolloutSteps } from './rollout-steps.js';
import { auditRecord, runOutputs, runSummary } from './run-report.js';
import { parseRenderedCompose, type ServiceUpdate, type UpdatePlan } from './compose-services.js';

/**
 * The rolling procedure, one for every kind of run: the release `sha` (resolved before it starts,
 * never changed) is put in place, rendered and pulled; the kind's own steps run; then `current`
 * moves, third-party services converge and each service rolls behind its health gate. Any failure
 * from there on is answered by a rollback (or, on a first release, a clean-up).
 */
export class Rollout extends RolloutSteps {
  async run(): Promise<CommandResult> {
    const { hostRun, sha, facts } = this;
    const { rs, kind } = hostRun;
    let plan: UpdatePlan | undefined;
    const moved: ServiceUpdate[] = [];
    try {
      this.readReleaseRecords(await kind.stage(hostRun, sha, hostRun.startedAt));
      const target = this.compose(sha);
      if (!this.previous && facts.current !== sha) await this.exec(cmd.switchCurrentCommand(rs.deployPath, sha), 'pointing current at the first release');
      const services = parseRenderedCompose((await this.exec(cmd.renderCommand(target), 'rendering the release\'s Compose files')).stdout);
      this.services = services;
      plan = this.planFor(services, sha);
      this.outcomes = plan.updates.map((u) => ({
        service: u.service,
        strategy: u.strategy,
        newImage: u.image,
        oldImage: facts.running[u.service],
        result: 'not-started',
        note: u.note,
      }));
      for (const u of plan.updates) if (u.note) hostRun.reporter.warning(`${u.service}: ${u.note}`);
      await this.pull(services);
      hostRun.checkCancelled();
      await kind.beforeSwitch(hostRun, { sha, facts, previous: this.previous, target, services }, this.additions);
      hostRun.checkCancelled();
      this.touched = true;
      if (this.previous) await this.exec(cmd.switchCurrentCommand(rs.deployPath, sha), 'pointing current at the new release');
      await this.converge(target, services, plan.converge);
      for (const u of plan.updates) {
        hostRun.checkCancelled();
        await this.roll(target, u, 'updated');
        moved.push(u);
      }
      if (rs.smokeUrl) await this.smoke(rs.smokeUrl);
      return await this.succeed();
    } catch (err) {
      return await failRollout(this, err, moved, plan);
    }
  }

  private async smoke(url: string): Promise<void> {
    const { reporter } = this.hostRun;
    let last = '';
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        if (res.ok) return void reporter.info(`smoke check ${url}: ${res.status}`);
        last = `HTTP ${res.status}`;
      } catch (err) {
        last = (err as Error).message;
      }
      if (attempt < 3) await sleep(2000);
    }
    throw new OperationError(`smoke check ${url} failed: ${last}`);
  }

  private async succeed(): Promise<CommandResult> {
    const { hostRun, sha, facts } = this;
    const { kind, reporter, runner } = hostRun;
    await kind.recordSuccess(hostRun, auditRecord(hostRun.state, 'success'), sha, facts);
    const notes = [...kind.successNotes(sha, facts, reporter), ...(await this.drillWarning())];
    const live = `\`${sha}\` is live on ${runner.where}${this.previous ? `, replacing \`${this.previous.slice(0, 12)}\`` : ''}.${kind.words.successSuffix}`;
    reporter.summary(runSummary(hostRun.state, kind.words.succeededTitle, live, notes));
    return { ok: true, outputs: runOutputs(hostRun.state, 'success', false) };
  }

  /** Backups nobody restore-tested for too long: said where the team looks after every deploy. */
  private async drillWarning(): Promise<string[]> {
    const { drillCheck, github } = this.hostRun.rs;
    if (!drillCheck || !github) return [];
    const warning = await drillLivenessWarning({ ...drillCheck, token: github.token, apiUrl: github.apiUrl, repository: github.repository }, Date.now());
    if (!warning) return [];
    this.hostRun.reporter.warning(warning);
    return [`> ⚠️ ${warning}`];
  }

}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
