import { scalarString, type LNode } from '../../compose/model.js';
import type { SourceLocation } from '../../errors.js';
import type { RawFinding } from '../findings.js';
import { isLongRunning, isProxy, strategyOf, type RuleContext, type ServiceView } from './context.js';

interface Published {
  /** Host port as written ("" when Compose picks one). */
  hostPort: string;
  hostIp: string;
  text: string;
  loc: SourceLocation;
}

/** Ports a service publishes on the host, short (`[ip:]host:container`) or long syntax. */
export function publishedPorts(ports: LNode | undefined): Published[] {
  if (ports?.kind !== 'seq') return [];
  return ports.items.flatMap((item): Published[] => {
    if (item.kind === 'scalar') {
      const text = scalarString(item) ?? '';
      const spec = text.replace(/\/(tcp|udp|sctp)$/, '');
      // An IPv6 host address is in brackets; split off "[::1]:" first.
      const v6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
      const parts = v6 ? [v6[1]!, ...v6[2]!.split(':')] : spec.split(':');
      if (parts.length === 1) return [{ hostPort: '', hostIp: '', text, loc: item.loc }];
      const hostPort = parts.length === 2 ? parts[0]! : parts[1]!;
      const hostIp = parts.length === 3 ? parts[0]! : '';
      return [{ hostPort, hostIp, text, loc: item.loc }];
    }
    if (item.kind === 'map') {
      const published = scalarString(item.entries.get('published')?.value) ?? '';
      const hostIp = scalarString(item.entries.get('host_ip')?.value) ?? '';
      return [{ hostPort: published, hostIp, text: `${published || '(any)'}->${scalarString(item.entries.get('target')?.value) ?? '?'}`, loc: item.loc }];
    }
    return [];
  });
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function checkPortsProxyOnly(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => !isProxy(s, ctx)).flatMap((s) =>
    publishedPorts(s.get('ports'))
      // Loopback-only ports are not reachable from outside (an SSH tunnel to the database, say).
      .filter((p) => !LOOPBACK.test(p.hostIp))
      .map((p) => ({
        message: `service "${s.name}" publishes host port ${p.text}, but only the proxy should face the network; route it through the proxy, bind it to 127.0.0.1, or list the service in validate.proxy`,
        loc: p.loc,
      })),
  );
}

export function checkRollingConflict(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of ctx.services.filter((x) => isLongRunning(x, ctx))) {
    const { strategy, explicit } = strategyOf(s, ctx);
    if (strategy === 'recreate') continue;
    const fixed = publishedPorts(s.get('ports')).filter((p) => /^[0-9]+$/.test(p.hostPort));
    const reasons: { what: string; loc: SourceLocation }[] = [
      ...fixed.map((p) => ({ what: `publishes the fixed host port ${p.hostPort}`, loc: p.loc })),
      ...(s.has('container_name') ? [{ what: `sets container_name "${s.str('container_name') ?? ''}"`, loc: s.loc('container_name') }] : []),
    ];
    for (const r of reasons) out.push({ message: rollingMessage(s, r.what, explicit), loc: r.loc });
  }
  return out;
}

function rollingMessage(s: ServiceView, what: string, explicit: boolean): string {
  const head = `service "${s.name}" ${what}, so two copies cannot run at once`;
  return explicit
    ? `${head}, but deploy.services.${s.name}.strategy is rolling; set it to recreate (stop, then start: a short outage) or drop the fixed port/name`
    : `${head}: the deploy will use strategy recreate for it (stop, then start: a short outage); say so with deploy.services.${s.name}.strategy: recreate, or drop the fixed port/name to update it rolling`;
}
