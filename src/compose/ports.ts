/*
 * `ports:` entries, read the same way by deploy (on the rendered set) and validate (on the
 * interpolated source), so both agree on which services publish a fixed host port.
 */

export interface PortSpec {
  /** "" when Compose picks the host port. */
  hostPort: string;
  hostIp: string;
  target: string;
}

/** Short syntax: `[ip:][host:]container[/protocol]`; an IPv6 host address is in brackets. */
export function parsePortText(text: string): PortSpec {
  const spec = text.replace(/\/(tcp|udp|sctp)$/, '');
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
  const parts = v6 ? [v6[1]!, ...v6[2]!.split(':')] : spec.split(':');
  if (parts.length === 1) return { hostPort: '', hostIp: '', target: parts[0]! };
  return {
    hostPort: parts.length === 2 ? parts[0]! : parts[1]!,
    hostIp: parts.length >= 3 ? parts[0]! : '',
    target: parts[parts.length - 1]!,
  };
}

/** A `ports:` item as plain data: a number, a short-syntax string, or the long syntax. */
export function portSpec(item: unknown): PortSpec | undefined {
  if (typeof item === 'string' || typeof item === 'number') return parsePortText(String(item));
  if (item === null || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  return { hostPort: text(o['published']), hostIp: text(o['host_ip']), target: text(o['target']) };
}

/** A fixed host port (or range) can be bound by one container only, so two copies cannot run at once. */
export function isFixedHostPort(p: PortSpec): boolean {
  return p.hostPort !== '';
}
