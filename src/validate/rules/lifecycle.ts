import type { RawFinding } from '../findings.js';
import { isLongRunning, isMarkedOneShot, isUpdatedByDeploy, looksLikeJob, type RuleContext, type ServiceView } from './context.js';
import { isProxy, routedServices } from './edge.js';
import { runsOwnImage } from './images.js';

/**
 * Services something waits on to be ready: those the deploy rolls (it gates each new copy on its health) and
 * our own services the edge routes to (a new or restarted copy gets requests as soon as it runs). Third-party
 * services (postgres, redis, adminer) are only started: their readiness is depends_on's business.
 */
export function checkHealthcheck(ctx: RuleContext): RawFinding[] {
  const routed = routedServices(ctx, (s) => runsOwnImage(s, ctx));
  return ctx.services.flatMap((s) => {
    const rolled = isUpdatedByDeploy(s, ctx);
    // Our own images: a third-party one routed to (adminer, grafana) is only started, and often defines its own HEALTHCHECK.
    const reached = routed.has(s.name) && isLongRunning(s, ctx) && !isProxy(s, ctx) && runsOwnImage(s, ctx);
    if (!rolled && !reached) return [];
    if (ctx.deploy.services?.[s.name]?.healthUrl) return [];
    const hc = s.get('healthcheck');
    const disabled = s.str('healthcheck', 'disable') === 'true' || /^\s*NONE\b/.test(healthTest(s));
    if (hc && !disabled) return [];
    const what = rolled
      ? 'so the deploy cannot tell when a new copy is ready and only checks that it stays up for deploy.min-ready-seconds'
      : 'though the proxy routes to it, so nothing tells when a new or restarted copy is ready and requests reach it while it starts';
    return [{
      service: s.name,
      message: `service "${s.name}" has no healthcheck${disabled ? ' (it is disabled)' : ''}, ${what}; add healthcheck: (unless the image defines one) or deploy.services.${s.name}.health-url`,
      loc: disabled ? s.loc('healthcheck') : s.keyLoc,
    }];
  });
}

function healthTest(s: ServiceView): string {
  const t = s.get('healthcheck', 'test');
  return t?.kind === 'seq' ? t.items.map((i) => (i.kind === 'scalar' ? String(i.value) : '')).join(' ') : s.str('healthcheck', 'test') ?? '';
}

export function checkOneshotMarked(ctx: RuleContext): RawFinding[] {
  const mark = ctx.target === 'swarm' ? 'deploy.restart_policy.condition: none (Swarm ignores restart:)' : 'restart: "no" or a profile (profiles: [jobs])';
  return ctx.services.filter((s) => looksLikeJob(s, ctx) && !isMarkedOneShot(s, ctx.target)).map((s) => ({
    service: s.name,
    message: `service "${s.name}" looks like a one-shot job but would be started and restarted with the stack; give it ${mark}`,
    loc: s.has('restart') ? s.loc('restart') : s.keyLoc,
  }));
}

export function checkRestartPolicy(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => isLongRunning(s, ctx) && !s.has('restart') && !s.get('deploy', 'restart_policy')).map((s) => ({
    service: s.name,
    message: `service "${s.name}" has no restart policy, so a crash or a host reboot leaves it down; add restart: unless-stopped (or always)`,
    loc: s.keyLoc,
  }));
}
