import { parse } from 'yaml';
import { deployRole, releaseVariables } from '../compose/deploy-role.js';
import { checkServiceName } from '../compose/service-name.js';
import { interpolate } from '../compose/model-vars.js';
import { hostScript } from '../host/script.js';
import type { AuditRecord } from '../host/probe.js';
import type { Command } from '../runner/runner.js';
import type { RolloutSettings } from './deploy-settings.js';
import { SERVICE_WAIT_SCRIPT, STACK_DEPLOY_SCRIPT } from './shell-scripts.js';

/** Each remote step of the swarm target as a Command: pure functions, unit-tested, printed by dry-run. */

/** One service of a stack as the swarm target handles it. */
export interface SwarmService {
  name: string;
  /** Rolled by the deploy (the release's own image, or a strategy in the config): it gets the update_config the deploy sets. */
  rolled: boolean;
  /** Tasks the spec asks for (deploy.replicas; 1 when unset). */
  replicas: number;
  /** The image pinned by digest, as a release's audit record keeps it (a kept release is made live with these). */
  image?: string;
}

/** What a release's audit record keeps for the swarm target: its services and their digests. */
export interface SwarmRecord {
  services: SwarmService[];
}

/** The update_config the deploy sets (validate's summary shows the same, src/validate/rules/swarm.ts). */
export function updateConfig(healthTimeout: number): Record<string, string | number> {
  return { parallelism: 1, order: 'start-first', failure_action: 'rollback', monitor: `${healthTimeout}s` };
}

/**
 * The file laid over the release's Compose files: every rolled service gets the update_config the
 * deploy sets (and a start-first rollback_config, for Swarm's own rollback), and with `pin`, each
 * service the image its digest names. JSON is YAML: no quoting of our own.
 */
export function stackOverride(services: readonly SwarmService[], healthTimeout: number, pin: boolean): string {
  const out: Record<string, unknown> = {};
  for (const s of services) {
    const deploy = s.rolled ? { update_config: updateConfig(healthTimeout), rollback_config: { parallelism: 1, order: 'start-first' } } : undefined;
    const image = pin ? s.image : undefined;
    if (deploy || image) out[s.name] = { ...(image ? { image } : {}), ...(deploy ? { deploy } : {}) };
  }
  return `services: ${JSON.stringify(out)}`;
}

/**
 * The release's services as the runner reads its Compose files (the swarm target has no Compose on the
 * manager to render them): names, replicas, and which the deploy rolls, judged as the compose target
 * judges it (deployRole) on the image with the release's variables and the env-file's values.
 */
export function releaseServices(composeTexts: readonly string[], sha: string, deployPath: string, env: Readonly<Record<string, string>>, rs: Pick<RolloutSettings, 'migrate' | 'services'>): SwarmService[] {
  const merged = new Map<string, { image?: string; replicas?: number; profiles: string[]; restart?: string }>();
  for (const text of composeTexts) {
    const doc = parse(text) as { services?: Record<string, Record<string, unknown> | null> } | null;
    for (const [name, s] of Object.entries(doc?.services ?? {})) {
      const was = merged.get(name) ?? { profiles: [] };
      const deploy = (s?.['deploy'] ?? {}) as { replicas?: unknown };
      merged.set(name, {
        image: typeof s?.['image'] === 'string' ? (s['image'] as string) : was.image,
        replicas: typeof deploy.replicas === 'number' ? deploy.replicas : was.replicas,
        profiles: Array.isArray(s?.['profiles']) ? (s['profiles'] as string[]) : was.profiles,
        restart: typeof s?.['restart'] === 'string' ? (s['restart'] as string) : was.restart,
      });
    }
  }
  const vars = new Map(Object.entries({ ...env, ...releaseVariables(sha, deployPath) }));
  return [...merged].map(([name, s]) => {
    checkServiceName(name, 'the prod Compose set');
    const image = s.image === undefined ? undefined : interpolate(s.image, vars, () => undefined);
    const role = deployRole({ name, image, profiles: s.profiles, restart: s.restart }, sha, { migrateService: rs.migrate?.service, perService: rs.services });
    return { name, rolled: role === 'update', replicas: s.replicas ?? 1 };
  });
}

/** The services a kept release ran, pinned by digest, from its last successful audit record. */
export function keptStack(audit: readonly AuditRecord[], sha: string): SwarmRecord | undefined {
  const r = [...audit].reverse().find((x) => x.sha === sha && x.result === 'success' && x['swarm']);
  const swarm = r?.['swarm'] as SwarmRecord | undefined;
  if (!swarm || !Array.isArray(swarm.services) || swarm.services.some((s) => typeof s.image !== 'string' || !s.image.includes('@sha256:'))) return undefined;
  return { services: swarm.services.map((s) => ({ name: checkServiceName(s.name, 'the audit log'), rolled: !!s.rolled, replicas: Number(s.replicas) || 1, image: s.image })) };
}

/** The order services are watched in: the config's order first, then the others as the files list them. */
export function watchOrder(services: readonly SwarmService[], order: readonly string[]): SwarmService[] {
  const first = order.map((n) => services.find((s) => s.name === n)).filter((s): s is SwarmService => !!s);
  return [...first, ...services.filter((s) => !order.includes(s.name))];
}

/**
 * How long one service may take to converge: a health-timeout for each task replaced one at a time,
 * one more for Swarm's monitor window after the last, and a minute for the pulls on the nodes.
 */
export function convergeSeconds(s: SwarmService, healthTimeout: number): number {
  return healthTimeout * (s.rolled ? s.replicas + 1 : 1) + 60;
}

/** `docker stack deploy` of a release's files with the override laid over them; the password on stdin. */
export function stackDeployCommand(
  release: { dir: string; files: readonly string[] },
  stack: string,
  override: string,
  login?: { registry: string; user: string; password: string },
): Command {
  return hostScript('stack-deploy', STACK_DEPLOY_SCRIPT, [release.dir, checkServiceName(stack, 'the stack'), override, login?.registry ?? '', login?.user ?? '', ...release.files], login?.password);
}

/** Waits for each service in turn (one round trip); `cancelMarker`: none for a rollback, which must finish. */
export function serviceWaitCommand(stack: string, services: readonly SwarmService[], healthTimeout: number, since: number, cancelMarker = '', mode: 'update' | 'return' = 'update'): Command {
  return hostScript('service-wait', SERVICE_WAIT_SCRIPT, [stack, cancelMarker, String(since), mode, ...services.map((s) => `${s.name}:${convergeSeconds(s, healthTimeout)}`)]);
}

/** Removes what a failed first release started (volumes stay). */
export const stackRemoveCommand = (stack: string): Command => ({ argv: ['docker', 'stack', 'rm', checkServiceName(stack, 'the stack')] });

/** The manager's clock before its stack deploy, from stack-deploy's since= line (0: take every update status as this run's). */
export function parseSince(stdout: string): number {
  const m = /^since=(\d+)$/m.exec(stdout);
  return m ? Number(m[1]) : 0;
}

/** The images the stack's services run, from stack-deploy's image=<stack> <stack>_<service> <ref> lines. */
export function parseStackImages(stdout: string, stack: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^image=(\S*) (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== stack || !m[2]!.startsWith(`${stack}_`)) continue;
    out.set(m[2]!.slice(stack.length + 1), m[3]!);
  }
  return out;
}

export interface WaitReport {
  converged: { service: string; seconds: number }[];
  failed?: string;
  reason?: string;
  tasks: string;
}

export function parseWaitOutput(stdout: string): WaitReport {
  const lines = stdout.split('\n');
  const converged = lines
    .map((l) => /^converged=(\S+) after=(\d+)/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ service: m[1]!, seconds: Number(m[2]) }));
  const value = (key: string) => lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);
  return { converged, failed: value('failed'), reason: value('reason'), tasks: lines.filter((l) => l.startsWith('task| ')).join('\n') };
}
