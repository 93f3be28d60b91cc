import { isFixedHostPort } from '../../compose/ports.js';
import type { SourceLocation } from '../../errors.js';
import type { RawFinding } from '../findings.js';
import { isUpdatedByDeploy, strategyOf, type RuleContext, type ServiceView } from './context.js';
import { isProxy } from './edge.js';
import { publishedPorts } from './published-ports.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function checkPortsProxyOnly(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => !isProxy(s, ctx)).flatMap((s) =>
    publishedPorts(s.get('ports'), ctx.vars)
      // Loopback-only ports are not reachable from outside (an SSH tunnel to the database, say); an HTTP
      // proxy cannot carry UDP (media, DNS, VPN), so those ports are published by whoever serves them.
      .filter((p) => !LOOPBACK.test(p.hostIp) && p.protocol === 'tcp')
      .map((p) => ({
        service: s.name,
        message: `service "${s.name}" publishes host port ${p.text}, but only the proxy should face the network; route it through the proxy, bind it to 127.0.0.1, or list the service in validate.proxy`,
        loc: p.loc,
      })),
  );
}

/** Only services the deploy updates (the release's own images): third-party ones are started with `up -d`, never two at once. */
export function checkRollingConflict(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of ctx.services.filter((x) => isUpdatedByDeploy(x, ctx))) {
    const { strategy, explicit } = strategyOf(s, ctx);
    if (strategy === 'recreate') continue;
    const fixed = publishedPorts(s.get('ports'), ctx.vars).filter(isFixedHostPort);
    const reasons: { what: string; loc: SourceLocation }[] = [
      ...fixed.map((p) => ({ what: `publishes the fixed host port ${p.hostPort}${p.text.includes('$') ? ` (written ${p.text})` : ''}`, loc: p.loc })),
      ...(s.has('container_name') ? [{ what: `sets container_name "${s.str('container_name') ?? ''}"`, loc: s.loc('container_name') }] : []),
    ];
    for (const r of reasons) out.push({ service: s.name, message: rollingMessage(s, r.what, explicit), loc: r.loc });
  }
  return out;
}

/** What deploy's planUpdates does with such a service: recreate it, whatever strategy was asked for, and warn. */
function rollingMessage(s: ServiceView, what: string, explicit: boolean): string {
  const head = `service "${s.name}" ${what}, so two copies cannot run at once`;
  return explicit
    ? `${head}: deploy.services.${s.name}.strategy asks for rolling, but every deploy recreates it instead (stop, then start: a short outage); set strategy: recreate, or drop the fixed port/name`
    : `${head}: every deploy recreates it instead of rolling it (stop, then start: a short outage) and warns; say so with deploy.services.${s.name}.strategy: recreate, or drop the fixed port/name to update it rolling`;
}
