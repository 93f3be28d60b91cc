import { mapEntries, scalarString } from '../../compose/model.js';
import { imageBaseName } from '../../compose/image-ref.js';
import { findDirectives, parseCaddyfile } from '../caddyfile.js';
import { upstreamHosts } from './proxy.js';
import { commandWords } from './commands.js';
import { publishedPorts } from './published-ports.js';
import { rendered, type RuleContext, type ServiceView } from './context.js';

/*
 * The edge: the service that faces the network (a proxy or a web server with TLS), recognised by what the
 * model says about it rather than by its name alone, and the services it routes to.
 */

const PROXY_NAME = /(^|[-_.])(proxy|caddy|traefik|nginx|haproxy|envoy|frankenphp|openresty)([-_.]|$)/i;
/** A web server's name as a word of a path, an image or a build target (docker/production/nginx/Dockerfile, frankenphp_prod). */
const SERVER_WORD = /(?:^|[^a-z0-9])(caddy|traefik|nginx|haproxy|envoy|frankenphp|openresty|proxy)(?:[^a-z0-9]|$)/i;
/** Where web servers read their configuration, and Caddy's certificate store. */
const SERVER_MOUNT = /^\/etc\/(?:nginx|caddy|traefik|envoy|haproxy)(?:\/|$)|^\/usr\/local\/etc\/haproxy(?:\/|$)|^\/usr\/local\/openresty(?:\/|$)|(?:^|\/)Caddyfile$/;
const WEB_PORTS = new Set(['80', '443']);
const TLS_TARGETS = new Set(['443', '8443']);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

const edgeCache = new WeakMap<RuleContext, Set<string>>();

/** The services that may face the network: validate.proxy when set, else every service the model shows to be a web server at the edge. */
export function edgeServices(ctx: RuleContext): Set<string> {
  const cached = edgeCache.get(ctx);
  if (cached) return cached;
  let edges: Set<string>;
  if (ctx.proxy.size > 0) edges = new Set(ctx.proxy);
  else {
    edges = new Set(ctx.services.filter((s) => edgeReason(s, ctx) !== undefined).map((s) => s.name));
    // The one service publishing 80 or 443 on the host, or serving TLS (443, 8443 inside), is the edge, whatever it is.
    const web = ctx.services.filter((s) => publishedPorts(s.get('ports'), ctx.vars).some((p) => (WEB_PORTS.has(p.hostPort) || TLS_TARGETS.has(p.target)) && !LOOPBACK.test(p.hostIp)));
    if (web.length === 1) edges.add(web[0]!.name);
  }
  edgeCache.set(ctx, edges);
  return edges;
}

export function isProxy(s: ServiceView, ctx: RuleContext): boolean {
  return edgeServices(ctx).has(s.name);
}

/** Why a service is a web server at the edge, or undefined: each clue is something the model (or its build's Dockerfile) says. */
export function edgeReason(s: ServiceView, ctx: RuleContext): string | undefined {
  if (PROXY_NAME.test(s.name)) return 'its name';
  const image = rendered(s.str('image') ?? '', ctx.vars) ?? s.str('image') ?? '';
  if (SERVER_WORD.test(imageBaseName(image))) return 'its image';
  const build = buildOf(s);
  if (build && [build.context, build.dockerfile, build.target].some((t) => t !== undefined && SERVER_WORD.test(t))) return 'its build';
  const program = [commandWords(s.get('entrypoint')), commandWords(s.get('command'))].map((t) => t.trim().split(/\s+/)[0] ?? '').find(Boolean);
  if (program && SERVER_WORD.test(program.replace(/^.*\//, ''))) return 'its command';
  if (mounts(s).some((m) => SERVER_MOUNT.test(m.target) || (m.named && SERVER_WORD.test(m.source)))) return 'its mounts';
  const env = new Set(mapEntries(s.get('environment')).map(([k]) => k));
  if (env.has('SERVER_NAME') && publishedPorts(s.get('ports'), ctx.vars).some((p) => WEB_PORTS.has(p.target))) return 'SERVER_NAME with port 80/443';
  if (build) {
    const base = dockerfileBase(ctx.readRepoText(build.dockerfilePath), build.target);
    if (base && SERVER_WORD.test(imageBaseName(base))) return 'its Dockerfile';
  }
  return undefined;
}

interface BuildInfo {
  context?: string;
  dockerfile?: string;
  target?: string;
  /** The Dockerfile relative to the project directory. */
  dockerfilePath: string;
}

function buildOf(s: ServiceView): BuildInfo | undefined {
  const b = s.get('build');
  if (!b) return undefined;
  const context = b.kind === 'scalar' ? scalarString(b) : s.str('build', 'context');
  const dockerfile = b.kind === 'map' ? s.str('build', 'dockerfile') : undefined;
  const target = b.kind === 'map' ? s.str('build', 'target') : undefined;
  const dir = (context ?? '.').replace(/\/+$/, '');
  const dockerfilePath = dockerfile?.startsWith('/') ? dockerfile : `${dir}/${dockerfile ?? 'Dockerfile'}`;
  return { context, dockerfile, target, dockerfilePath };
}

/** The image the built stage starts from: the target stage (or the last), followed through earlier stages by name. */
export function dockerfileBase(text: string | undefined, target?: string): string | undefined {
  if (text === undefined) return undefined;
  const stages: { image: string; name?: string }[] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (m) stages.push({ image: m[1]!, name: m[2]?.toLowerCase() });
  }
  let stage = target ? stages.find((st) => st.name === target.toLowerCase()) : stages.at(-1);
  for (let hops = 0; stage && hops <= stages.length; hops++) {
    const from = stages.find((st) => st.name !== undefined && st.name === stage!.image.toLowerCase());
    if (!from) return stage.image;
    stage = from;
  }
  return undefined;
}

interface Mount {
  source: string;
  target: string;
  named: boolean;
}

/** A service's volumes, short or long syntax: named volumes (`caddy_data:/data`) and binds alike. */
function mounts(s: ServiceView): Mount[] {
  const v = s.get('volumes');
  if (v?.kind !== 'seq') return [];
  return v.items.flatMap((item): Mount[] => {
    if (item.kind === 'map') {
      const get = (k: string) => scalarString(item.entries.get(k)?.value) ?? '';
      return [{ source: get('source'), target: get('target'), named: get('type') === 'volume' }];
    }
    const parts = splitVolume(scalarString(item) ?? '');
    if (parts.length < 2) return [{ source: '', target: parts[0] ?? '', named: false }];
    return [{ source: parts[0]!, target: parts[1]!, named: !/^[./~$]/.test(parts[0]!) }];
  });
}

/** `src:dst[:mode]` split on the colons outside `${…}` (a default may hold one: `${SOCK:-/run/docker.sock}`). */
export function splitVolume(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '$' && text[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ':' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

const routedCache = new WeakMap<RuleContext, Set<string>>();

/**
 * Services the edge routes to: named by a proxy config (a Caddyfile the release ships or one mounted into
 * the edge from the repository, an nginx or Traefik file there), by routing labels (Traefik, caddy-docker-proxy)
 * or VIRTUAL_HOST (nginx-proxy), or an own-image service the edge depends on.
 */
export function routedServices(ctx: RuleContext, ours: (s: ServiceView) => boolean): Set<string> {
  const cached = routedCache.get(ctx);
  if (cached) return cached;
  const byHost = new Map<string, string>();
  for (const s of ctx.services) {
    byHost.set(s.name, s.name);
    const cn = s.str('container_name');
    if (cn) byHost.set(cn, s.name);
  }
  const routed = new Set<string>();
  const addHost = (h: string | undefined) => {
    const name = h && byHost.get(h);
    if (name) routed.add(name);
  };
  const edges = edgeServices(ctx);
  const texts = [...ctx.proxyConfigs.map((c) => c.text)];
  for (const s of ctx.services) {
    if (labelsRoute(s, ctx)) routed.add(s.name);
    if (!edges.has(s.name)) continue;
    for (const m of mounts(s)) if (!m.named && m.source) texts.push(...ctx.readRepoTexts(m.source));
    for (const dep of dependsOn(s)) {
      const d = ctx.services.find((x) => x.name === dep);
      if (d && ours(d)) routed.add(dep);
    }
  }
  for (const text of texts) for (const h of configUpstreams(text)) addHost(h);
  for (const e of edges) routed.delete(e);
  routedCache.set(ctx, routed);
  return routed;
}

function labelsRoute(s: ServiceView, ctx: RuleContext): boolean {
  const labels = mapEntries(s.get('labels'));
  if (labels.some(([k]) => /^traefik\.(?:http|tcp)\.(?:routers|services)\./.test(k) || /^caddy(?:_\d+)?(?:\.reverse_proxy)?$/.test(k))) return true;
  if (labels.some(([k, e]) => k === 'traefik.enable' && rendered(scalarString(e.value) ?? '', ctx.vars) === 'true')) return true;
  return mapEntries(s.get('environment')).some(([k]) => k === 'VIRTUAL_HOST');
}

function dependsOn(s: ServiceView): string[] {
  const d = s.get('depends_on');
  if (d?.kind === 'seq') return d.items.map((i) => scalarString(i) ?? '');
  return mapEntries(d).map(([k]) => k);
}

/** Host names a proxy config sends to: Caddy's reverse_proxy and php_fastcgi, nginx's *_pass and upstream servers, Traefik's url. */
export function configUpstreams(text: string): string[] {
  const hosts: string[] = [];
  if (/\breverse_proxy\b|\bphp_fastcgi\b/.test(text)) {
    const tree = parseCaddyfile(text);
    for (const rp of findDirectives(tree, 'reverse_proxy')) hosts.push(...upstreamHosts(rp));
    for (const fc of findDirectives(tree, 'php_fastcgi')) hosts.push(...fc.args.map((a) => /^(?:[a-z]+:\/\/)?([\w.-]+)/.exec(a)?.[1] ?? ''));
  }
  for (const m of text.matchAll(/\b(?:proxy|fastcgi|uwsgi|grpc|scgi)_pass\s+(?:[a-z]+:\/\/)?([\w.-]+)/g)) hosts.push(m[1]!);
  for (const m of text.matchAll(/(?:^|[{;])\s*server\s+([\w.-]+):\d+/gm)) hosts.push(m[1]!);
  for (const m of text.matchAll(/\burl:\s*["']?https?:\/\/([\w.-]+)/g)) hosts.push(m[1]!);
  return hosts.filter(Boolean);
}

