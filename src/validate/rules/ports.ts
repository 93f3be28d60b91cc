import { scalarString, toPlain, type LNode } from '../../compose/model.js';
import { isFixedHostPort, portSpec, type PortSpec } from '../../compose/ports.js';
import type { SourceLocation } from '../../errors.js';
import type { RawFinding } from '../findings.js';
import { isProxy, isUpdatedByDeploy, rendered, strategyOf, type RuleContext, type ServiceView } from './context.js';

interface Published extends PortSpec {
  /** As written, for messages. */
  text: string;
  loc: SourceLocation;
}

/**
 * Ports a service publishes on the host, short (`[ip:]host:container`) or long syntax, read after
 * interpolation ("${PORT:-8080}:80" publishes 8080) but located at the line that wrote them.
 */
export function publishedPorts(ports: LNode | undefined, vars: RuleContext['vars']): Published[] {
  if (ports?.kind !== 'seq') return [];
  return ports.items.flatMap((item): Published[] => {
    const spec = portSpec(renderedPlain(toPlain(item), vars));
    if (!spec) return [];
    const text = item.kind === 'map'
      ? `${scalarString(item.entries.get('published')?.value) || '(any)'}->${scalarString(item.entries.get('target')?.value) ?? '?'}`
      : scalarString(item) ?? '';
    return [{ ...spec, text, loc: item.loc }];
  });
}

/**
 * Strings interpolated. Undefined when Compose would refuse one (an unset ${VAR:?}): the render
 * and env-declared report that, and the port it would publish is unknown.
 */
function renderedPlain(value: unknown, vars: RuleContext['vars']): unknown {
  if (typeof value === 'string') return rendered(value, vars);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, renderedPlain(v, vars)] as const);
  return entries.some(([k, v]) => v === undefined && (value as Record<string, unknown>)[k] !== undefined) ? undefined : Object.fromEntries(entries);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function checkPortsProxyOnly(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => !isProxy(s, ctx)).flatMap((s) =>
    publishedPorts(s.get('ports'), ctx.vars)
      // Loopback-only ports are not reachable from outside (an SSH tunnel to the database, say).
      .filter((p) => !LOOPBACK.test(p.hostIp))
      .map((p) => ({
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
    for (const r of reasons) out.push({ message: rollingMessage(s, r.what, explicit), loc: r.loc });
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
