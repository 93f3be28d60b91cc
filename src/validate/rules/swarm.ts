import { mapEntries, nodeAt, scalarString, type LNode } from '../../compose/model.js';
import { imageBaseName } from '../../compose/image-ref.js';
import type { SourceLocation } from '../../errors.js';
import type { RawFinding } from '../findings.js';
import { isUpdatedByDeploy, rendered, type RuleContext, type ServiceView } from './context.js';
import { isProxy } from './edge.js';
import { bindMounts, DOCKER_SOCKET } from './mounts.js';
import { publishedPorts } from './published-ports.js';

/*
 * What `docker stack deploy` does with a Compose file differs from `docker compose up`: some keys it ignores
 * (with a line in its output nobody reads), some it rejects, and a service may land on any node.
 * These rules run only with `target: swarm`.
 */

/** Keys the stack deploy ignores or rejects, reported at the key. */
export function checkSwarmIgnoredKey(ctx: RuleContext): RawFinding[] {
  return ctx.services.flatMap((s) => {
    const out: RawFinding[] = [];
    const add = (key: string, message: string) => out.push({ service: s.name, message: `service "${s.name}": ${message}`, loc: s.loc(key) });
    if (s.has('container_name')) add('container_name', `docker stack deploy ignores container_name "${s.str('container_name') ?? ''}" (tasks are named <stack>_<service>.<slot>); other services reach it by its service name, so drop the key`);
    if (s.has('network_mode')) add('network_mode', `docker stack deploy ignores network_mode "${s.str('network_mode') ?? ''}": the service joins the stack's overlay network instead; attach it to networks: (an external network named host for the host's) or drop the key`);
    if (s.has('restart') && !s.get('deploy', 'restart_policy')) {
      const value = s.str('restart') ?? '';
      const never = value === 'no' || value === 'false';
      add('restart', never
        ? `docker stack deploy ignores restart: "no", and Swarm restarts every task that exits (restart_policy condition any), so this one would run again and again; set deploy.restart_policy.condition: none instead`
        : `docker stack deploy ignores restart: ${value} (Swarm restarts by deploy.restart_policy, condition any by default); say it with deploy.restart_policy (e.g. condition: any) and drop restart`);
    }
    for (const [dep, e] of mapEntries(s.get('depends_on'))) {
      const condition = scalarString(nodeAt(e.value, ['condition']));
      if (condition === undefined) continue;
      out.push({
        service: s.name,
        message: `service "${s.name}": depends_on ${dep} with condition ${condition}: docker stack deploy accepts depends_on only as a list of names and starts services in no order, waiting for no condition; the deploy orders them (deploy.migrate first, then deploy.order), so write depends_on as a list or drop it`,
        loc: e.keyLoc,
      });
    }
    return out;
  });
}

/** A placement constraint that keeps every task of the service on one node: its hostname, its id, or a node label. */
export function pinnedToOneNode(s: ServiceView): boolean {
  const c = s.get('deploy', 'placement', 'constraints');
  const items = c?.kind === 'seq' ? c.items.map((i) => scalarString(i) ?? '') : [];
  return items.some((text) => /^\s*node\.(?:hostname|id|labels\.[\w.-]+)\s*==\s*\S/.test(text));
}

/** Every node has these: a bind of one of them does not tie the service to a node. */
const ON_EVERY_NODE = /^\/etc\/(?:localtime|timezone)$/;

export function checkSwarmHostMount(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => !pinnedToOneNode(s)).flatMap((s) =>
    bindMounts(s.get('volumes'), ctx.vars)
      .filter((m) => !DOCKER_SOCKET.test(m.source) && !ON_EVERY_NODE.test(m.source))
      .map((m) => ({
        service: s.name,
        message: `service "${s.name}" bind-mounts the host path ${m.written}, but nothing keeps it on one node: a task on another node finds that path empty or missing (a relative path is in the release directory, on the manager only); pin it with deploy.placement.constraints (node.hostname == <node>), or ship the file as a config: or the data in a volume`,
        loc: m.loc,
      })),
  );
}

/** Images that keep state on their node's disk. */
const DATABASE_IMAGE = /^(?:postgres|postgis|timescaledb(?:-ha)?|mysql|mariadb|percona(?:-server)?|mongo(?:db)?|redis|redis-stack-server|valkey|keydb|elasticsearch|opensearch|clickhouse(?:-server)?|couchdb|cassandra|scylla|neo4j|influxdb|cockroach|rethinkdb|memcached|etcd|rabbitmq|nats|minio|meilisearch|typesense|qdrant)$/;

export function isDatabase(s: ServiceView, ctx: RuleContext): boolean {
  if (ctx.backupService === s.name) return true;
  const image = s.str('image');
  if (image === undefined) return false;
  return DATABASE_IMAGE.test(imageBaseName(rendered(image, ctx.vars) ?? image));
}

export function checkSwarmDbPlacement(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => isDatabase(s, ctx) && !pinnedToOneNode(s)).map((s) => ({
    service: s.name,
    message: `service "${s.name}" is a database with no placement constraint: Swarm may start it on another node, where its volume is a new, empty one; pin it with deploy.placement.constraints: [node.hostname == <node>] (or a node label on one node)`,
    loc: s.get('deploy', 'placement') ? s.loc('deploy', 'placement') : s.keyLoc,
  }));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Ports published through the routing mesh (ingress: the short syntax always, the long one unless mode: host). */
export function checkSwarmIngressPort(ctx: RuleContext): RawFinding[] {
  return ctx.services.flatMap((s) => {
    const items = s.get('ports');
    const hostMode = new Set((items?.kind === 'seq' ? items.items : []).filter((i) => portMode(i, ctx) === 'host').map((i) => `${i.loc.line}:${i.loc.column}`));
    return publishedPorts(items, ctx.vars)
      .filter((p) => !hostMode.has(`${p.loc.line}:${p.loc.column}`))
      .map((p) => {
        const loopback = LOOPBACK.test(p.hostIp) ? ` Its address ${p.hostIp} does not apply: Swarm publishes on every address of every node.` : '';
        const fix = isProxy(s, ctx)
          ? 'publish it on the proxy in the long syntax with mode: host (the proxy then runs where its port is, and sees client addresses)'
          : 'route it through the proxy, which publishes its ports with mode: host';
        return {
          service: s.name,
          message: `service "${s.name}" publishes port ${p.text} in ingress mode, through Swarm's routing mesh, which needs IPVS on every node and hides client addresses; ${fix}.${loopback}`,
          loc: p.loc,
        };
      });
  });
}

function portMode(item: LNode, ctx: RuleContext): string | undefined {
  if (item.kind !== 'map') return undefined;
  const mode = scalarString(item.entries.get('mode')?.value);
  return mode === undefined ? undefined : rendered(mode, ctx.vars);
}

/** One key of update_config the deploy sets, and what the file says when it says something else. */
export interface SwarmUpdateSetting {
  key: 'parallelism' | 'order' | 'failure_action' | 'monitor';
  value: string;
  /** Why this value: where it comes from. */
  from: string;
}

/** What the deploy sets in every service it rolls: one task at a time, the new one first, back on failure, watched for the health gate. */
export function swarmUpdateSettings(ctx: RuleContext): SwarmUpdateSetting[] {
  return [
    { key: 'parallelism', value: '1', from: 'one task at a time, as the compose target rolls one copy at a time' },
    { key: 'order', value: 'start-first', from: 'the new task runs and is healthy before the old one stops' },
    { key: 'failure_action', value: 'rollback', from: 'a task that fails its gate takes the service back' },
    { key: 'monitor', value: `${ctx.healthTimeout}s`, from: 'deploy.health-timeout' },
  ];
}

export interface SwarmServiceRow {
  service: string;
  settings: SwarmUpdateSetting[];
  /** Keys the file sets to another value, with that value as written. */
  differs: { key: SwarmUpdateSetting['key']; written: string; loc: SourceLocation }[];
}

/** The services the deploy rolls, each with what it sets and where the file says otherwise. */
export function swarmUpdateRows(ctx: RuleContext): SwarmServiceRow[] {
  const settings = swarmUpdateSettings(ctx);
  return ctx.services.filter((s) => isUpdatedByDeploy(s, ctx)).map((s) => ({
    service: s.name,
    settings,
    differs: settings.flatMap((want) => {
      const written = s.str('deploy', 'update_config', want.key);
      if (written === undefined) return [];
      const value = rendered(written, ctx.vars) ?? written;
      if (sameSetting(want, value)) return [];
      return [{ key: want.key, written, loc: s.loc('deploy', 'update_config', want.key) }];
    }),
  }));
}

function sameSetting(want: SwarmUpdateSetting, value: string): boolean {
  if (want.key === 'monitor') return goDurationMs(value) === goDurationMs(want.value);
  return value.trim() === want.value;
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, ns: 0.000001 };

/** A Go duration (1m30s, 90s, 500ms) in milliseconds; a bare number is nanoseconds, as Compose reads it. Undefined when it is not one. */
export function goDurationMs(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) / 1e6;
  if (!/^(?:\d+(?:\.\d+)?(?:h|m|s|ms|us|µs|ns))+$/.test(t)) return undefined;
  let ms = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ms;
}

export function checkSwarmUpdateConfig(ctx: RuleContext): RawFinding[] {
  return swarmUpdateRows(ctx).flatMap((row) => row.differs.map((d) => {
    const want = row.settings.find((x) => x.key === d.key)!;
    return {
      service: row.service,
      message: `service "${row.service}" sets deploy.update_config.${d.key}: ${d.written}, but the deploy rolls it with ${d.key} ${want.value} (${want.from}) and would not do what the file says; drop the key or set it to ${want.value}`,
      loc: d.loc,
    };
  }));
}
