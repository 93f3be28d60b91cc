import type { RawFinding } from '../findings.js';
import { isLongRunning, isMarkedOneShot, isUpdatedByDeploy, looksLikeJob, type RuleContext } from './context.js';

/** Only services the deploy gates on health (the release's own images); third-party ones are just started. */
export function checkHealthcheck(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => isUpdatedByDeploy(s, ctx)).flatMap((s) => {
    if (ctx.deploy.services?.[s.name]?.healthUrl) return [];
    const hc = s.get('healthcheck');
    const disabled = s.str('healthcheck', 'disable') === 'true';
    if (hc && !disabled) return [];
    return [{
      message: `service "${s.name}" has no healthcheck${disabled ? ' (it is disabled)' : ''}, so the deploy cannot tell when a new copy is ready and only checks that it stays up for deploy.min-ready-seconds; add healthcheck: (unless the image defines one) or deploy.services.${s.name}.health-url`,
      loc: disabled ? s.loc('healthcheck') : s.keyLoc,
    }];
  });
}

export function checkOneshotMarked(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => looksLikeJob(s, ctx) && !isMarkedOneShot(s)).map((s) => ({
    message: `service "${s.name}" looks like a one-shot job but would be started and restarted with the stack; give it restart: "no" or a profile (profiles: [jobs])`,
    loc: s.has('restart') ? s.loc('restart') : s.keyLoc,
  }));
}

export function checkRestartPolicy(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => isLongRunning(s, ctx) && !s.has('restart') && !s.get('deploy', 'restart_policy')).map((s) => ({
    message: `service "${s.name}" has no restart policy, so a crash or a host reboot leaves it down; add restart: unless-stopped (or always)`,
    loc: s.keyLoc,
  }));
}
