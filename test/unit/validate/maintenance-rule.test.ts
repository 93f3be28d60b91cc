import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { validateDir } from './helpers.js';

/*
 * proxy-maintenance on small projects written for each case: what the rule says, where, and that a
 * project not using the maintenance switch hears nothing.
 */

const root = mkdtempSync(join(tmpdir(), 'cd-maint-rule-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const CONFIG = 'compose:\n  prod:\n    files: [compose.yaml]\ndeploy:\n  files: [Caddyfile]\n';
const API = '  api:\n    image: ghcr.io/acme/shop/api:${IMAGE_TAG}\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD", "true"]\n';
const MOUNT = '${COMPOSE_DEPLOY_PATH}/maintenance:/srv/maintenance:ro';
const ROUTE = '\thandle {\n\t\treverse_proxy api:8080 {\n\t\t\tlb_try_duration 3s\n\t\t\ttransport http {\n\t\t\t\tdial_timeout 250ms\n\t\t\t}\n\t\t}\n\t}\n';
const MATCHER = '\t@maintenance file {\n\t\troot /srv/maintenance\n\t\ttry_files /on\n\t}\n';
const GUARD = '\thandle @maintenance {\n\t\theader Retry-After 30\n\t\trespond "Down" 503\n\t}\n';

/** A Caddy proxy service with these volumes (short-syntax lines or long-syntax YAML). */
function caddy(volumes: string[], name = 'proxy', image = 'caddy:2.8'): string {
  return `  ${name}:\n    image: ${image}\n    restart: unless-stopped\n    ports: ["80:80"]\n    volumes:\n${volumes.map((v) => (v.startsWith('-') ? `      ${v}` : `      - ${v}`)).join('\n')}\n`;
}

async function run(files: Record<string, string>, explicit: Record<string, string> = {}) {
  const dir = join(root, `p${++n}`);
  for (const [name, text] of Object.entries({ 'compose-deploy.yml': CONFIG, ...files })) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const { findings } = await validateDir(dir, explicit);
  // A set that does not load has no findings of any rule: "nothing said" must not come from that.
  assert.deepEqual(findings.filter((f) => ['parse', 'schema', 'outside-repository'].includes(f.rule)), []);
  return findings.filter((f) => f.rule === 'proxy-maintenance').map((f) => ({ at: `${f.file}:${f.line}`, message: f.message }));
}

const compose = (...services: string[]) => `services:\n${services.join('')}${API}`;

describe('proxy-maintenance', () => {
  it('says nothing about examples/shop, which carries the documented lines', async () => {
    const dir = join(root, 'shop');
    cpSync(resolve(import.meta.dirname, '../../../examples/shop'), dir, { recursive: true });
    const { findings } = await validateDir(dir);
    assert.deepEqual(findings.filter((f) => f.rule === 'proxy-maintenance'), []);
  });

  it('says nothing to a project that uses no maintenance switch', async () => {
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro'])), Caddyfile: `:80 {\n${ROUTE}}\n` }), []);
  });

  it('says nothing to a maintenance page of the project\'s own, under a folder it mounts', async () => {
    const own = ':80 {\n\t@maintenance file /var/www/maintenance.html\n\troot * /\n\thandle @maintenance {\n\t\trespond "Down" 503\n\t}\n' + ROUTE + '}\n';
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', './www:/var/www:ro'])), Caddyfile: own, 'www/index.html': 'x' }), []);
    const nginx = 'server {\n    listen 80;\n    if (-f $document_root/maintenance.html) { return 503; }\n    location / { proxy_pass http://api:8080; }\n}\n';
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./site.conf:/etc/nginx/conf.d/default.conf:ro'], 'nginx', 'nginx:1.27')), 'site.conf': nginx }), []);
  });

  it('a) the folder is mounted but the Caddyfile never tests its on file: at the mount, with the lines to add', async () => {
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT])), Caddyfile: `:80 {\n${ROUTE}}\n` });
    assert.equal(found.length, 1);
    assert.equal(found[0]!.at, 'compose.yaml:8');
    assert.match(found[0]!.message, /^service "proxy" mounts the deploy's maintenance folder at \/srv\/maintenance, but Caddyfile never tests \/srv\/maintenance\/on: `maintenance on` \(and every restore\) would change nothing users see\. Add: @maintenance file \{ root \/srv\/maintenance; try_files \/on \}/);
  });

  it('a) the same for nginx, with nginx\'s lines', async () => {
    const conf = 'server {\n    listen 80;\n    location / { proxy_pass http://api:8080; }\n}\n';
    const found = await run({ 'compose.yaml': compose(caddy(['./site.conf:/etc/nginx/conf.d/default.conf:ro', '${COMPOSE_DEPLOY_PATH}/maintenance:/maint:ro'], 'nginx', 'nginx:1.27')), 'site.conf': conf });
    assert.deepEqual(found.map((f) => f.at), ['compose.yaml:8']);
    assert.match(found[0]!.message, /never tests \/maint\/on: .*Add to the server block: if \(-f \/maint\/on\) \{ return 503; \} and add_header Retry-After 30 always;/);
  });

  it('a) the Caddyfile of deploy.files counts for a Caddy that mounts no config of the repository', async () => {
    const found = await run({ 'compose.yaml': compose(caddy([MOUNT])), Caddyfile: `:80 {\n${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['compose.yaml:7']);
  });

  it('a) says nothing when the config imports a file or names the folder in a form not read here', async () => {
    const compose1 = compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT]));
    assert.deepEqual(await run({ 'compose.yaml': compose1, Caddyfile: `:80 {\n\timport maintenance.caddy\n${ROUTE}}\n` }), []);
    assert.deepEqual(await run({ 'compose.yaml': compose1, Caddyfile: `:80 {\n\t@up not file /srv/maintenance/on\n\thandle @up {\n\t\treverse_proxy api:8080\n\t}\n\trespond 503\n}\n` }), []);
  });

  it('a) a test of another file of the folder is said at its line: maintenance on creates on', async () => {
    const matcher = MATCHER.replace('try_files /on', 'try_files /maintenance.on');
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT])), Caddyfile: `:80 {\n${matcher}${GUARD}${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['Caddyfile:2']);
    assert.match(found[0]!.message, /^@maintenance tests \/srv\/maintenance\/maintenance\.on, but `maintenance on` creates \/srv\/maintenance\/on \(the deploy's maintenance folder, mounted at compose\.yaml:8/);
  });

  it('a) a matcher nothing uses is said at its line', async () => {
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT])), Caddyfile: `:80 {\n${MATCHER}\theader @maintenance Retry-After 30\n${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['Caddyfile:2']);
    assert.match(found[0]!.message, /^@maintenance tests \/srv\/maintenance\/on \(the deploy's maintenance switch\) but nothing answers for it/);
  });

  it('b) the documented lines without the mount: at the matcher, with the volume to add', async () => {
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro'])), Caddyfile: `:80 {\n${MATCHER}${GUARD}${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['Caddyfile:2']);
    assert.match(found[0]!.message, /^@maintenance tests \/srv\/maintenance\/on, but service "proxy" mounts nothing at \/srv\/maintenance: the page would never show\. Mount the deploy's maintenance folder there read-only: \$\{COMPOSE_DEPLOY_PATH\}\/maintenance:\/srv\/maintenance:ro/);
  });

  it('b) another folder of the deploy path mounted there is as wrong as none', async () => {
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', '${COMPOSE_DEPLOY_PATH}/current/maintenance:/srv/maintenance:ro'])), Caddyfile: `:80 {\n${MATCHER}${GUARD}${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['Caddyfile:2']);
    assert.match(found[0]!.message, /mounts \$\{COMPOSE_DEPLOY_PATH\}\/current\/maintenance there \(compose\.yaml:8:\d+\), not the deploy's maintenance folder/);
  });

  it('b) a folder of the release mounted there (./maintenance) is not the deploy\'s: the switch is outside the release', async () => {
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', './maintenance:/srv/maintenance:ro'])), Caddyfile: `:80 {\n${MATCHER}${GUARD}${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['Caddyfile:2']);
    assert.match(found[0]!.message, /mounts \.\/maintenance \(a folder of the release, <deploy path>\/current\/maintenance on the host\) there \(compose\.yaml:8:\d+\)/);
  });

  it('b) a named volume or a host folder of the project\'s own mounted there is its own switch: nothing said', async () => {
    const caddyfile = `:80 {\n${MATCHER}${GUARD}${ROUTE}}\n`;
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', 'switch:/srv/maintenance:ro'])) + 'volumes:\n  switch: {}\n', Caddyfile: caddyfile }), []);
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', '/var/lib/shop/maintenance:/srv/maintenance:ro'])), Caddyfile: caddyfile }), []);
  });

  it('b) the switch tested under a root the mount does not provide', async () => {
    const matcher = MATCHER.replace('root /srv/maintenance', 'root /etc/maintenance');
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT])), Caddyfile: `:80 {\n${matcher}${GUARD}${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['Caddyfile:2'], 'said once, at the test, not again at the mount');
    assert.match(found[0]!.message, /^@maintenance tests \/etc\/maintenance\/on, but the deploy's maintenance folder is mounted at \/srv\/maintenance \(compose\.yaml:8:\d+\)/);
  });

  it('b) a file matcher with no root: Caddy looks under its working directory (/srv in the official image), not at the path as written', async () => {
    const inline = `:80 {\n\t@maintenance file /srv/maintenance/on\n${GUARD}${ROUTE}}\n`;
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT])), Caddyfile: inline });
    assert.deepEqual(found.map((f) => f.at), ['Caddyfile:2']);
    assert.match(found[0]!.message, /^@maintenance tests \/srv\/srv\/maintenance\/on \(with no root set, Caddy looks for \/srv\/maintenance\/on under its working directory\), but the deploy's maintenance folder is mounted at \/srv\/maintenance/);
    const atRoot = compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT]).replace('    restart:', '    working_dir: /\n    restart:'));
    assert.deepEqual(await run({ 'compose.yaml': atRoot, Caddyfile: inline }), []);
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT])), Caddyfile: inline.replace('\t@maintenance file /srv/maintenance/on', '\troot * /\n\t@maintenance file /srv/maintenance/on') }), []);
    // An image whose working directory validate does not know: the path stays unknown, nothing is said.
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT], 'proxy', 'ghcr.io/acme/edge:1.2.3')), Caddyfile: inline }), []);
  });

  it('c) a writable mount, short or long syntax, also for a proxy whose config is not read', async () => {
    const long = ['- type: bind', '        source: ${COMPOSE_DEPLOY_PATH}/maintenance', '        target: /srv/maintenance'];
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', '${COMPOSE_DEPLOY_PATH:-.}/maintenance/:/srv/maintenance:rw'])), Caddyfile: `:80 {\n${MATCHER}${GUARD}${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['compose.yaml:8']);
    assert.match(found[0]!.message, /^service "proxy" mounts the deploy's maintenance folder writable \(at \/srv\/maintenance\); add :ro/);
    const traefik = await run({ 'compose.yaml': compose(caddy([long.join('\n')], 'traefik', 'traefik:v3.1')), Caddyfile: ':80 {\n}\n' });
    assert.deepEqual(traefik.map((f) => f.at), ['compose.yaml:7']);
    const readOnly = await run({ 'compose.yaml': compose(caddy([[...long, '        read_only: true'].join('\n')], 'traefik', 'traefik:v3.1')), Caddyfile: ':80 {\n}\n' });
    assert.deepEqual(readOnly, []);
  });

  it('c) an app that mounts the folder writable to switch maintenance itself is not judged', async () => {
    const app = '  admin:\n    image: ghcr.io/acme/shop/admin:${IMAGE_TAG}\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD", "true"]\n    volumes:\n      - ${COMPOSE_DEPLOY_PATH}/maintenance:/switch\n';
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT]), app), Caddyfile: `:80 {\n${MATCHER}${GUARD}${ROUTE}}\n` }), []);
  });

  it('d) a guard answering 200 or a redirect, at its line', async () => {
    const c = compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT]));
    const ok = await run({ 'compose.yaml': c, Caddyfile: `:80 {\n${MATCHER}${GUARD.replace(' 503', '')}${ROUTE}}\n` });
    assert.deepEqual(ok.map((f) => f.at), ['Caddyfile:6']);
    assert.match(ok[0]!.message, /^while maintenance is on, handle @maintenance answers 200, not 503/);
    const redirect = await run({ 'compose.yaml': c, Caddyfile: `:80 {\n${MATCHER}\tredir @maintenance https://status.example.com\n${ROUTE}}\n` });
    assert.match(redirect[0]!.message, /redir @maintenance answers 302, not 503/);
  });

  it('d) a 503 without Retry-After is a note at the guard; nginx\'s add_header without always too', async () => {
    const found = await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', MOUNT])), Caddyfile: `:80 {\n${MATCHER}${GUARD.replace('\t\theader Retry-After 30\n', '')}${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['Caddyfile:6']);
    assert.match(found[0]!.message, /carries no Retry-After header.*add header Retry-After 30 beside it/);
    const conf = 'server {\n    listen 80;\n    add_header Retry-After 30;\n    if (-f /maint/on) {\n        return 503;\n    }\n    location / { proxy_pass http://api:8080; }\n}\n';
    const nginx = await run({ 'compose.yaml': compose(caddy(['./site.conf:/etc/nginx/conf.d/default.conf:ro', '${COMPOSE_DEPLOY_PATH}/maintenance:/maint:ro'], 'nginx', 'nginx:1.27')), 'site.conf': conf });
    assert.deepEqual(nginx.map((f) => f.at), ['site.conf:5']);
    assert.match(nginx[0]!.message, /nginx adds an add_header only to 2xx and 3xx answers unless it ends with always/);
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./site.conf:/etc/nginx/conf.d/default.conf:ro', '${COMPOSE_DEPLOY_PATH}/maintenance:/maint:ro'], 'nginx', 'nginx:1.27')), 'site.conf': conf.replace('30;', '30 always;') }), []);
  });

  it('the whole deploy path mounted: its maintenance folder is tested under it', async () => {
    const matcher = MATCHER.replace('root /srv/maintenance', 'root /deploy/maintenance');
    assert.deepEqual(await run({ 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', '${COMPOSE_DEPLOY_PATH}:/deploy:ro'])), Caddyfile: `:80 {\n${matcher}${GUARD}${ROUTE}}\n` }), []);
  });

  it('a mounted config folder is read, and findings name its file from the repository root', async () => {
    const found = await run({ 'compose.yaml': compose(caddy(['./proxy:/etc/caddy:ro', MOUNT])), 'proxy/Caddyfile': `:80 {\n${MATCHER}${GUARD.replace(' 503', ' 200')}${ROUTE}}\n` });
    assert.deepEqual(found.map((f) => f.at), ['proxy/Caddyfile:6']);
  });

  it('validate.ignore.proxy-maintenance silences it for the proxy; validate.rules turns it off', async () => {
    const files = { 'compose.yaml': compose(caddy(['./Caddyfile:/etc/caddy/Caddyfile:ro', '${COMPOSE_DEPLOY_PATH}/maintenance:/srv/maintenance'])), Caddyfile: `:80 {\n${ROUTE}}\n` };
    assert.equal((await run(files)).length, 2);
    assert.deepEqual(await run({ ...files, 'compose-deploy.yml': `${CONFIG}validate:\n  ignore:\n    proxy-maintenance: [proxy]\n` }), []);
    assert.deepEqual(await run({ ...files, 'compose-deploy.yml': `${CONFIG}validate:\n  rules:\n    proxy-maintenance: off\n` }), []);
  });
});
