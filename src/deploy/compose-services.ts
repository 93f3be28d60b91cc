import { parse } from 'yaml';
import { deployRole } from '../compose/deploy-role.js';
import { checkServiceName } from '../compose/service-name.js';
import { isFixedHostPort, portSpec } from '../compose/ports.js';
import type { DeployServiceConfig } from '../config/sections/deploy.js';

/** What deploy needs to know of a service, read from `compose config` (the merged, interpolated set). */
export interface ServiceInfo {
  name: string;
  image?: string;
  replicas: number;
  hasHealthcheck: boolean;
  /** The healthcheck's test as a command to run in the container (CMD-SHELL through /bin/sh -c); none without a test. */
  healthProbe?: string[];
  fixedHostPorts: string[];
  containerName?: string;
  profiles: string[];
  restart?: string;
  stopGraceSeconds: number;
  /** Host paths bind-mounted into the service (absolute, as `compose config` resolves them). */
  bindSources: string[];
  /** Services it depends on (depends_on), directly. */
  dependsOn: string[];
}

export function parseRenderedCompose(text: string): ServiceInfo[] {
  const doc = parse(text) as { services?: Record<string, Record<string, unknown>> } | null;
  const services = doc?.services ?? {};
  return Object.entries(services).map(([name, s]) => {
    // The files were checked before upload; a service that came in another way (include:) is checked here.
    checkServiceName(name, 'the rendered release');
    const hc = s['healthcheck'] as { disable?: boolean; test?: unknown } | undefined;
    const test = hc?.test;
    const noTest = test === undefined || (Array.isArray(test) && (test[0] === 'NONE' || test.length === 0)) || test === 'NONE';
    const deploy = s['deploy'] as { replicas?: number } | undefined;
    return {
      name,
      image: typeof s['image'] === 'string' ? (s['image'] as string) : undefined,
      replicas: Number(deploy?.replicas ?? s['scale'] ?? 1) || 1,
      hasHealthcheck: hc !== undefined && !hc.disable && !noTest,
      healthProbe: hc !== undefined && !hc.disable && !noTest ? healthProbe(test) : undefined,
      fixedHostPorts: fixedPorts(s['ports']),
      containerName: typeof s['container_name'] === 'string' ? (s['container_name'] as string) : undefined,
      profiles: Array.isArray(s['profiles']) ? (s['profiles'] as string[]) : [],
      restart: typeof s['restart'] === 'string' ? (s['restart'] as string) : undefined,
      stopGraceSeconds: durationSeconds(s['stop_grace_period']) ?? 10,
      bindSources: bindSources(s['volumes']),
      dependsOn: dependsOn(s['depends_on']),
    };
  });
}

/**
 * The healthcheck test as Docker runs it: ["CMD", argv...] as is, ["CMD-SHELL", text] and a plain
 * string through /bin/sh -c. Anything else: no probe (the wait then relies on Docker's status alone).
 */
export function healthProbe(test: unknown): string[] | undefined {
  if (typeof test === 'string') return test.trim() ? ['/bin/sh', '-c', test] : undefined;
  if (!Array.isArray(test) || !test.every((t) => typeof t === 'string')) return undefined;
  const [kind, ...rest] = test as string[];
  if (kind === 'CMD' && rest.length > 0) return rest;
  if (kind === 'CMD-SHELL' && rest.length > 0) return ['/bin/sh', '-c', rest.join(' ')];
  return undefined;
}

/** A list (short syntax) or a map of service -> condition (what both versions' `config` render). */
function dependsOn(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return value && typeof value === 'object' ? Object.keys(value) : [];
}

/** Everything `name` needs running, directly or through another dependency, in no particular order. */
export function dependenciesOf(services: readonly ServiceInfo[], name: string): string[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const seen = new Set<string>();
  const visit = (n: string) => {
    for (const d of byName.get(n)?.dependsOn ?? []) {
      if (seen.has(d) || d === name) continue;
      seen.add(d);
      visit(d);
    }
  };
  visit(name);
  return [...seen];
}

/** v1 renders short syntax ("/abs/src:/dst:ro"), v2 long syntax ({type: bind, source}). */
function bindSources(volumes: unknown): string[] {
  if (!Array.isArray(volumes)) return [];
  const out: string[] = [];
  for (const v of volumes) {
    if (typeof v === 'string') {
      const source = v.split(':')[0]!;
      if (source.startsWith('/')) out.push(source);
    } else if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'bind' && typeof (v as { source?: unknown }).source === 'string') {
      out.push((v as { source: string }).source);
    }
  }
  return out;
}

function fixedPorts(ports: unknown): string[] {
  if (!Array.isArray(ports)) return [];
  return ports.flatMap((p: unknown) => {
    const spec = portSpec(p);
    if (!spec || !isFixedHostPort(spec)) return [];
    // One spelling whichever Compose rendered it (v1: "127.0.0.1:8080:80/tcp", v2: the long syntax).
    return [`${spec.hostIp ? `${spec.hostIp}:` : ''}${spec.hostPort}:${spec.target}`];
  });
}

/** Compose durations: "10s", "1m30s", "500ms", or a number of seconds. */
export function durationSeconds(v: unknown): number | undefined {
  if (typeof v === 'number') return Math.ceil(v);
  if (typeof v !== 'string' || !v) return undefined;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|us|ns|h|m|s)/g;
  let m: RegExpExecArray | null;
  let matched = '';
  while ((m = re.exec(v))) {
    matched += m[0];
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : m[2] === 'ms' ? n / 1000 : 0;
  }
  return matched === v ? Math.ceil(total) : undefined;
}

export type Strategy = 'rolling' | 'recreate';

export interface ServiceUpdate {
  service: string;
  strategy: Strategy;
  replicas: number;
  healthUrl?: string;
  /** The service's healthcheck command, run by the roll itself while Docker still says "starting". */
  healthProbe?: string[];
  stopGraceSeconds: number;
  image?: string;
  /** Why the strategy differs from what was asked, if it does. */
  note?: string;
}

export interface UpdatePlan {
  /** Services updated one by one, in order: the release's own images. */
  updates: ServiceUpdate[];
  /** Third-party services (db, proxy): brought to the declared state with one `up`, recreated only when changed. */
  converge: string[];
  /** Jobs not kept running (migrations, profiled tools). */
  oneShot: string[];
}

/**
 * Which services roll and how (deployRole decides which); a service that cannot run twice
 * (fixed host port, container_name) is recreated instead, and says so.
 */
export function planUpdates(
  services: readonly ServiceInfo[],
  sha: string,
  opts: { order: readonly string[]; migrateService?: string; perService: Readonly<Record<string, DeployServiceConfig>> },
): UpdatePlan {
  const oneShot: string[] = [];
  const converge: string[] = [];
  const ours: ServiceInfo[] = [];
  for (const s of services) {
    const role = deployRole(s, sha, opts);
    if (role === 'one-shot') oneShot.push(s.name);
    else if (role === 'update') ours.push(s);
    else converge.push(s.name);
  }
  const rank = (name: string) => {
    const i = opts.order.indexOf(name);
    return i < 0 ? opts.order.length : i;
  };
  ours.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  const updates = ours.map((s): ServiceUpdate => {
    const cfg = opts.perService[s.name] ?? {};
    const asked: Strategy = cfg.strategy ?? 'rolling';
    const blocker = s.containerName ? `container_name "${s.containerName}"` : s.fixedHostPorts.length > 0 ? `fixed host port ${s.fixedHostPorts[0]}` : undefined;
    const strategy: Strategy = asked === 'rolling' && blocker ? 'recreate' : asked;
    return {
      service: s.name,
      strategy,
      replicas: s.replicas,
      healthUrl: cfg.healthUrl,
      healthProbe: s.healthProbe,
      stopGraceSeconds: s.stopGraceSeconds,
      image: s.image,
      note: asked === 'rolling' && blocker ? `${blocker} means two copies cannot run at once: recreated (a short outage). Declare strategy: recreate to silence this` : undefined,
    };
  });
  return { updates, converge: converge.sort(), oneShot: oneShot.sort() };
}
