import { scalarString, toPlain, type LNode } from '../../compose/model.js';
import { portSpec, type PortSpec } from '../../compose/ports.js';
import type { SourceLocation } from '../../errors.js';
import { rendered, type RuleContext } from './context.js';

export interface Published extends PortSpec {
  /** As written, for messages. */
  text: string;
  /** tcp unless the item says udp or sctp. */
  protocol: string;
  loc: SourceLocation;
}

/**
 * Ports a service publishes on the host, short (`[ip:]host:container[/proto]`) or long syntax, read after
 * interpolation ("${PORT:-8080}:80" publishes 8080) but located at the line that wrote them.
 */
export function publishedPorts(ports: LNode | undefined, vars: RuleContext['vars']): Published[] {
  if (ports?.kind !== 'seq') return [];
  return ports.items.flatMap((item): Published[] => {
    const plain = renderedPlain(toPlain(item), vars);
    const spec = portSpec(plain);
    if (!spec) return [];
    const text = item.kind === 'map'
      ? `${scalarString(item.entries.get('published')?.value) || '(any)'}->${scalarString(item.entries.get('target')?.value) ?? '?'}`
      : scalarString(item) ?? '';
    return [{ ...spec, text, protocol: protocolOf(plain), loc: item.loc }];
  });
}

function protocolOf(plain: unknown): string {
  if (typeof plain === 'string') return /\/(udp|sctp)$/i.exec(plain)?.[1]?.toLowerCase() ?? 'tcp';
  if (plain !== null && typeof plain === 'object') return String((plain as Record<string, unknown>)['protocol'] ?? 'tcp').toLowerCase();
  return 'tcp';
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
