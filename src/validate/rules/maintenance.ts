import { posix } from 'node:path';
import { scalarString } from '../../compose/model.js';
import { DEPLOY_PATH_PLACEHOLDER } from '../../compose/deploy-role.js';
import { imageBaseName } from '../../compose/image-ref.js';
import { formatLocation, type SourceLocation } from '../../errors.js';
import { isCaddyfileName } from '../caddyfile.js';
import type { RawFinding } from '../findings.js';
import { caddyMaintenanceFacts, looksLikeNginx, nginxMaintenanceFacts, type MaintenanceFacts, type MaintenanceTest } from '../maintenance-config.js';
import { rendered, type RuleContext, type ServiceView } from './context.js';
import { edgeServices, splitVolume } from './edge.js';

/*
 * The maintenance switch: `maintenance on` creates <deploy path>/maintenance/on; the proxy mounts that
 * folder read-only and answers 503 with Retry-After while `on` exists. Opt-in: a project whose proxy
 * neither mounts the folder nor tests an `on` file hears nothing. Only Caddy and nginx configs the
 * repository holds are read; for any other proxy only the mount itself is judged.
 */

interface Mount {
  /** Rendered source, normalised. */
  source: string;
  target: string;
  readOnly: boolean;
  /** A host path (not a named volume): a config in the repository may be behind it. */
  bind: boolean;
  loc: SourceLocation;
}

interface SwitchMount extends Mount {
  /** Where the deploy's maintenance folder shows inside the container. */
  dir: string;
}

interface Config {
  file: string;
  text: string;
  facts: MaintenanceFacts;
}

const CADDY_LIKE = /caddy|frankenphp/i;
const DOCS = 'docs/deploy.md#maintenance-mode';

export function checkProxyMaintenance(ctx: RuleContext): RawFinding[] {
  const deployPath = norm(ctx.vars.get('COMPOSE_DEPLOY_PATH') ?? DEPLOY_PATH_PLACEHOLDER);
  const edges = edgeServices(ctx);
  const out: RawFinding[] = [];
  for (const s of ctx.services.filter((x) => edges.has(x.name))) {
    const mounts = mountsOf(s, ctx);
    const switches = mounts.flatMap((m): SwitchMount[] => {
      if (m.source === `${deployPath}/maintenance`) return [{ ...m, dir: m.target }];
      if (m.source === deployPath) return [{ ...m, dir: posix.join(m.target, 'maintenance') }];
      return [];
    });
    for (const m of switches.filter((x) => !x.readOnly)) {
      out.push({ service: s.name, loc: m.loc, message: `service "${s.name}" mounts the deploy's maintenance folder writable (at ${m.target}); add :ro (read_only: true in the long syntax): the proxy only reads the switch, and a writable mount lets anything running in the proxy switch maintenance on or off` });
    }
    const configs = withWorkdir(configsOf(s, ctx), workdirOf(s, ctx));
    if (configs.length > 0) out.push(...judgeConfigs(s, configs, switches, mounts, deployPath));
  }
  return out;
}

function judgeConfigs(s: ServiceView, configs: readonly Config[], switches: readonly SwitchMount[], mounts: readonly Mount[], deployPath: string): RawFinding[] {
  const out: RawFinding[] = [];
  const tests = configs.flatMap((c) => c.facts.tests.map((t) => ({ c, t })));
  const at = (c: Config, line: number): SourceLocation => ({ file: c.file, line, column: columnOf(c.text, line) });
  const name = (t: MaintenanceTest) => t.matcher ?? `if (-f ${t.written})`;
  const onFile = (m: SwitchMount) => posix.join(m.dir, 'on');
  const judged = new Set<MaintenanceTest>();

  for (const m of switches) {
    const hits = tests.filter(({ t }) => t.path === onFile(m));
    if (hits.length === 0) {
      const near = tests.filter(({ t }) => t.path !== undefined && t.path.startsWith(`${m.dir}/`));
      for (const { c, t } of near) {
        judged.add(t);
        out.push({ service: s.name, loc: at(c, t.line), message: `${name(t)} tests ${t.path}${rootNote(t)}, but \`maintenance on\` creates ${onFile(m)} (the deploy's maintenance folder, mounted at ${formatLocation(m.loc)}): the page would never show` });
      }
      if (near.length > 0 || mayTestElsewhere(configs, tests.map((x) => x.t), m)) continue;
      // A maintenance test under another root is said at its own line (below), not twice.
      if (tests.some(({ t }) => looksLikeSwitch(t) && !under(t.path, switches))) continue;
      out.push({ service: s.name, loc: m.loc, message: `service "${s.name}" mounts the deploy's maintenance folder at ${m.dir}, but ${configs.map((c) => c.file).join(', ')} never ${configs.length > 1 ? 'test' : 'tests'} ${onFile(m)}: \`maintenance on\` (and every restore) would change nothing users see. ${suggestion(configs[0]!.facts.kind, m.dir)} (see ${DOCS})` });
      continue;
    }
    for (const { c, t } of hits) {
      judged.add(t);
      if (t.guards.length === 0) {
        out.push({ service: s.name, loc: at(c, t.line), message: `${name(t)} tests ${t.path} (the deploy's maintenance switch) but nothing answers for it: while maintenance is on, requests still reach the app. ${suggestion(c.facts.kind, m.dir)} (see ${DOCS})` });
        continue;
      }
      for (const g of t.guards) {
        if (g.status !== undefined && g.status !== 503) {
          out.push({ service: s.name, loc: at(c, g.line), message: `while maintenance is on, ${g.what} answers ${g.status}, not 503: clients, monitors and search engines take the maintenance page for a normal answer (and caches may keep it); answer 503 with a Retry-After header` });
        } else if (g.status === 503 && c.facts.retryAfter !== 'yes') {
          out.push({ service: s.name, loc: at(c, g.line), message: c.facts.retryAfter === 'not-always'
            ? `the 503 while maintenance is on is sent without Retry-After: nginx adds an add_header only to 2xx and 3xx answers unless it ends with always (add_header Retry-After 30 always;)`
            : `the 503 while maintenance is on carries no Retry-After header, so clients and crawlers are not told when to come back; add ${c.facts.kind === 'caddy' ? 'header Retry-After 30' : 'add_header Retry-After 30 always;'} beside it` });
        }
      }
    }
  }

  // A switch file tested where no mount of the deploy's maintenance folder puts it.
  for (const { c, t } of tests) {
    if (judged.has(t) || !looksLikeSwitch(t) || t.path === undefined || under(t.path, switches)) continue;
    if (!t.guards.some((g) => g.status === 503) && !/maint/i.test(t.matcher ?? '')) continue;
    if (switches.length > 0) {
      out.push({ service: s.name, loc: at(c, t.line), message: `${name(t)} tests ${t.path}${rootNote(t)}, but the deploy's maintenance folder is mounted at ${switches[0]!.dir} (${formatLocation(switches[0]!.loc)}): \`maintenance on\` creates ${posix.join(switches[0]!.dir, 'on')}, so the page would never show` });
    } else if (posix.basename(t.path) === 'on') {
      // Another folder of the deploy path (a typo, `current/maintenance`) or of the release (`./maintenance`,
      // which is <deploy path>/current/maintenance on the host) mounted there is as wrong as none.
      const cover = mounts.find((m) => t.path!.startsWith(`${m.target}/`));
      const ofRelease = cover !== undefined && cover.bind && !cover.source.startsWith('/') && !cover.source.startsWith('..');
      if (cover && !ofRelease && !cover.source.startsWith(`${deployPath}/`)) continue;
      const fix = `Mount the deploy's maintenance folder there read-only: \${COMPOSE_DEPLOY_PATH}/maintenance:${posix.dirname(t.path)}:ro (see ${DOCS})`;
      const shown = cover && (ofRelease ? `./${cover.source} (a folder of the release, <deploy path>/current/${cover.source} on the host)` : `\${COMPOSE_DEPLOY_PATH}${cover.source.slice(deployPath.length)}`);
      out.push({ service: s.name, loc: at(c, t.line), message: cover
        ? `${name(t)} tests ${t.path}${rootNote(t)}, but service "${s.name}" mounts ${shown} there (${formatLocation(cover.loc)}), not the deploy's maintenance folder: \`maintenance on\` creates <deploy path>/maintenance/on, so the page would never show. ${fix}`
        : `${name(t)} tests ${t.path}${rootNote(t)}, but service "${s.name}" mounts nothing at ${posix.dirname(t.path)}: the page would never show. ${fix}` });
    }
  }
  return out;
}

/** The proxy's working directory: working_dir, else /srv for the official Caddy image (its WORKDIR). */
function workdirOf(s: ServiceView, ctx: RuleContext): string | undefined {
  const wd = s.str('working_dir');
  if (wd !== undefined) return rendered(wd, ctx.vars);
  return imageBaseName(rendered(s.str('image') ?? '', ctx.vars) ?? '') === 'caddy' ? '/srv' : undefined;
}

/** Caddy joins a file matcher's files to its working directory when nothing sets a root: `file /srv/maintenance/on` in /srv tests /srv/srv/maintenance/on. */
function withWorkdir(configs: Config[], workdir: string | undefined): Config[] {
  if (workdir === undefined) return configs;
  return configs.map((c) => ({ ...c, facts: { ...c.facts, tests: c.facts.tests.map((t) => (t.rootless ? { ...t, path: posix.join(workdir, t.written) } : t)) } }));
}

/** What a rootless test resolves to, said beside its path. */
function rootNote(t: MaintenanceTest): string {
  return t.rootless ? ` (with no root set, Caddy looks for ${t.written} under its working directory)` : '';
}

/** A test that may reach the switch in a form not read here: an import, a placeholder, the folder named anywhere. */
function mayTestElsewhere(configs: readonly Config[], tests: readonly MaintenanceTest[], m: SwitchMount): boolean {
  if (configs.some((c) => c.facts.opaque || c.text.includes(m.dir))) return true;
  return tests.some((t) => t.path === undefined && /(?:^|\/)on$/.test(t.written));
}

/** Tests a file named `on`, or one under a maintenance path: a switch, not a static file check. */
function looksLikeSwitch(t: MaintenanceTest): boolean {
  return t.path !== undefined && (posix.basename(t.path) === 'on' || /maint/i.test(t.path));
}

function under(path: string | undefined, switches: readonly SwitchMount[]): boolean {
  return path !== undefined && switches.some((m) => path.startsWith(`${m.dir}/`));
}

function suggestion(kind: MaintenanceFacts['kind'], dir: string): string {
  return kind === 'caddy'
    ? `Add: @maintenance file { root ${dir}; try_files /on } and handle @maintenance { header Retry-After 30; respond "Down for maintenance" 503 }, with the reverse_proxy inside handle { … }`
    : `Add to the server block: if (-f ${dir}/on) { return 503; } and add_header Retry-After 30 always;`;
}

/** The service's volumes, short or long syntax, with their sources rendered as a release renders them. */
function mountsOf(s: ServiceView, ctx: RuleContext): Mount[] {
  const v = s.get('volumes');
  if (v?.kind !== 'seq') return [];
  return v.items.flatMap((item): Mount[] => {
    if (item.kind === 'scalar') {
      const parts = splitVolume(scalarString(item) ?? '');
      const source = parts.length < 2 ? undefined : rendered(parts[0]!, ctx.vars);
      if (source === undefined) return [];
      const mode = (parts[2] ?? '').split(',');
      return [{ source: norm(source), target: norm(parts[1]!), readOnly: mode.includes('ro'), bind: /^[./~]/.test(source), loc: item.loc }];
    }
    if (item.kind === 'map') {
      const get = (k: string) => {
        const text = scalarString(item.entries.get(k)?.value);
        return text === undefined ? undefined : rendered(text, ctx.vars);
      };
      const source = get('source');
      const target = get('target');
      if (source === undefined || target === undefined) return [];
      return [{ source: norm(source), target: norm(target), readOnly: get('read_only') === 'true', bind: get('type') === 'bind', loc: item.loc }];
    }
    return [];
  });
}

/**
 * The proxy configs the service reads: Caddyfiles and nginx configs it bind-mounts from the repository;
 * when it mounts none and is a Caddy, the Caddyfiles the release ships (deploy.files).
 */
function configsOf(s: ServiceView, ctx: RuleContext): Config[] {
  const seen = new Set<string>();
  const configs: Config[] = [];
  for (const m of mountsOf(s, ctx)) {
    if (!m.bind || m.source.startsWith('/')) continue;
    for (const f of ctx.readRepoFiles(m.source)) {
      if (seen.has(f.file)) continue;
      seen.add(f.file);
      const facts = isCaddyfileName(f.file) ? caddyMaintenanceFacts(f.text) : looksLikeNginx(f.text) ? nginxMaintenanceFacts(f.text) : undefined;
      if (facts) configs.push({ ...f, facts });
    }
  }
  if (configs.length > 0) return configs;
  const image = rendered(s.str('image') ?? '', ctx.vars) ?? '';
  if (!CADDY_LIKE.test(s.name) && !CADDY_LIKE.test(image)) return [];
  return ctx.proxyConfigs.map((c) => ({ ...c, facts: caddyMaintenanceFacts(c.text) }));
}

function norm(path: string): string {
  const n = posix.normalize(path);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

function columnOf(text: string, line: number): number {
  return (text.replace(/^\uFEFF/, '').split(/\r?\n/)[line - 1]?.search(/\S/) ?? 0) + 1;
}
