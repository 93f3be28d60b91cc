import { mapEntries, scalarString } from '../../compose/model.js';
import type { RawFinding } from '../findings.js';
import { rendered, type RuleContext } from './context.js';
import { publishedPorts } from './published-ports.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** POSTGRES_HOST_AUTH_METHOD=trust (rendered) on a service that publishes a port beyond loopback: no password at all, open to the network. */
export function checkDbTrustAuth(ctx: RuleContext): RawFinding[] {
  return ctx.services.flatMap((s) => {
    const entry = mapEntries(s.get('environment')).find(([k]) => k === 'POSTGRES_HOST_AUTH_METHOD')?.[1];
    const value = entry && rendered(scalarString(entry.value) ?? '', ctx.vars);
    if (!entry || value?.trim().toLowerCase() !== 'trust') return [];
    const open = publishedPorts(s.get('ports'), ctx.vars).filter((p) => !LOOPBACK.test(p.hostIp));
    if (open.length === 0) return [];
    return [{
      service: s.name,
      message: `service "${s.name}" sets POSTGRES_HOST_AUTH_METHOD=trust and publishes host port ${open[0]!.text}: anyone who reaches the host connects without a password; drop trust (set POSTGRES_PASSWORD from the env file) or stop publishing the port`,
      loc: entry.keyLoc,
    }];
  });
}
