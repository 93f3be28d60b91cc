import { caddyDurationMs, findDirectives, parseCaddyfile, type CaddyDirective } from '../caddyfile.js';
import type { RawFinding } from '../findings.js';
import { isUpdatedByDeploy, type RuleContext } from './context.js';

/** Caddy's own dial timeout when the transport sets none. */
const CADDY_DEFAULT_DIAL = '3s';
const MAX_DIAL_MS = 250;
/** What docs/deploy.md recommends; bench/proxy-gap.ts measures it against the other variants. */
export const RECOMMENDED_CADDY_BLOCK = 'reverse_proxy <service>:<port> { lb_try_duration 3s; lb_try_interval 100ms; transport http { dial_timeout 250ms } }';

/**
 * A reverse_proxy (in a Caddyfile the release ships) to a service the deploy rolls must retry dials,
 * with a short dial timeout: Docker's DNS lists a new container a moment before it answers and an old
 * one a moment after it stopped, so a dial there fails the request (no retries) or stalls it (long timeout).
 */
export function checkProxyRetries(ctx: RuleContext): RawFinding[] {
  const rolled = new Set(ctx.services.filter((s) => isUpdatedByDeploy(s, ctx)).map((s) => s.name));
  const out: RawFinding[] = [];
  for (const { file, text } of ctx.proxyConfigs) {
    for (const rp of findDirectives(parseCaddyfile(text), 'reverse_proxy')) {
      const targets = [...new Set(upstreamHosts(rp).filter((h) => rolled.has(h)))];
      if (targets.length === 0) continue;
      const problems = retryProblems(rp.block ?? []);
      if (problems.length === 0) continue;
      out.push({
        message: `reverse_proxy to ${targets.join(', ')} (rolled one copy at a time by the deploy): ${problems.join('; ')}. Suggested: ${RECOMMENDED_CADDY_BLOCK.replace('<service>', targets[0]!)} (see docs/deploy.md)`,
        loc: { file, line: rp.line, column: (text.replace(/^\uFEFF/, '').split(/\r?\n/)[rp.line - 1]?.search(/\S/) ?? 0) + 1 },
      });
    }
  }
  return out;
}

function retryProblems(block: readonly CaddyDirective[]): string[] {
  const problems: string[] = [];
  const arg = (name: string, within = block) => within.find((d) => d.name === name)?.args[0];
  const tryMs = caddyDurationMs(arg('lb_try_duration') ?? '0');
  const retries = Number(arg('lb_retries') ?? 0);
  if (tryMs === 0 && !(retries > 0)) problems.push('no retries (lb_try_duration is not set)');
  const transport = block.find((d) => d.name === 'transport' && d.args[0] === 'http');
  const dial = arg('dial_timeout', transport?.block ?? []);
  const dialMs = caddyDurationMs(dial ?? CADDY_DEFAULT_DIAL);
  if (dialMs !== undefined && dialMs > MAX_DIAL_MS) problems.push(`dial timeout ${dial ?? `${CADDY_DEFAULT_DIAL} (Caddy's default)`} above ${MAX_DIAL_MS}ms`);
  return problems;
}

/** The host names a reverse_proxy sends to: its arguments (after a matcher), `to`, and `dynamic a <name>`. */
export function upstreamHosts(rp: CaddyDirective): string[] {
  const args = [...rp.args];
  if (args[0] !== undefined && (args[0] === '*' || args[0].startsWith('/') || args[0].startsWith('@'))) args.shift();
  const block = rp.block ?? [];
  for (const d of block) if (d.name === 'to') args.push(...d.args);
  const hosts = args.map(hostOf);
  for (const d of block.filter((x) => x.name === 'dynamic' && x.args[0] === 'a')) {
    hosts.push(d.args[1] ?? d.block?.find((x) => x.name === 'name')?.args[0]);
  }
  return hosts.filter((h): h is string => h !== undefined && h !== '');
}

function hostOf(upstream: string): string | undefined {
  if (upstream.includes('{')) return undefined;
  const rest = upstream.replace(/^[a-z0-9+]+:\/\//i, '');
  return /^([^:/[\]]+)/.exec(rest)?.[1];
}
