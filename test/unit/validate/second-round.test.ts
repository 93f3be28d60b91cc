import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandFinishes, shellText } from '../../../src/validate/rules/commands.js';
import { dockerfileBase, configUpstreams, splitVolume } from '../../../src/validate/rules/edge.js';
import { literalSecret } from '../../../src/validate/rules/env.js';
import { parseComposeText } from '../../../src/compose/model.js';
import { cliErrorFindings } from '../../../src/validate/cli-errors.js';
import { echoContext } from '../../../src/validate/echo-redact.js';
import { tempProject } from '../compose/helpers.js';
import { FIXTURES, validateDir, type ReportFinding } from './helpers.js';

// The second round on real-world files (issue 22): each class of wrong finding and each miss, as the
// smallest layout of its shape, judged with the built-in renderer.

async function findingsOf(files: Record<string, string>): Promise<ReportFinding[]> {
  const dir = tempProject(files, 'cd-validate-round2-');
  try {
    return (await validateDir(dir)).findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const only = (findings: ReportFinding[], rule: string) => [...new Set(findings.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.line}`))].sort();
const APP = (name: string, extra = '') => `  ${name}:\n    image: "ghcr.io/acme/shop/${name}:\${IMAGE_TAG}"\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD", "true"]\n${extra}`;

describe('the edge is recognised by what the model says, not by its name', () => {
  it('nginx built from docker/production/nginx, one with /etc/nginx mounts, FrankenPHP with SERVER_NAME, a Dockerfile FROM nginx: none is told to go behind a proxy', async () => {
    const { findings } = await validateDir(join(FIXTURES, 'rules', 'ports-proxy-only', 'edge'));
    assert.deepEqual(only(findings, 'ports-proxy-only'), []);
  });

  it('the one service publishing 80/443 is the edge; another service publishing a port is still flagged', async () => {
    const findings = await findingsOf({
      'docker-compose.prod.yml': `services:\n${APP('app', '    ports:\n      - "80:8000"\n')}${APP('admin', '    ports:\n      - "9000:9000"\n')}`,
    });
    assert.deepEqual(only(findings, 'ports-proxy-only'), ['docker-compose.prod.yml:15']);
  });

  it('Dockerfile base: the target stage followed through earlier stages, else the last', () => {
    const text = 'FROM dunglas/frankenphp:1-php8.4 AS frankenphp_upstream\nFROM frankenphp_upstream AS frankenphp_base\nFROM frankenphp_base AS frankenphp_prod\nFROM node:22 AS assets\n';
    assert.equal(dockerfileBase(text, 'frankenphp_prod'), 'dunglas/frankenphp:1-php8.4');
    assert.equal(dockerfileBase(text), 'node:22');
    assert.equal(dockerfileBase('FROM --platform=$BUILDPLATFORM node:22 AS b\nFROM nginx:1.27\n'), 'nginx:1.27');
    assert.equal(dockerfileBase(undefined), undefined);
  });

  it('routes read from Caddy, nginx and Traefik files', () => {
    assert.deepEqual(configUpstreams('example.com {\n  reverse_proxy app:8000\n  php_fastcgi php:9000\n}\n'), ['app', 'php']);
    assert.deepEqual(configUpstreams('upstream b { server api:3000; }\nserver { location / { proxy_pass http://web:80; } location ~ \\.php$ { fastcgi_pass php-fpm:9000; } }\n'), ['web', 'php-fpm', 'api']);
    assert.deepEqual(configUpstreams('http:\n  services:\n    s:\n      loadBalancer:\n        servers:\n          - url: "http://app:8000"\n'), ['app']);
  });
});

describe('UDP ports are not for the HTTP proxy', () => {
  it('10000/udp and protocol: udp pass; a TCP port of the same service does not', async () => {
    const findings = await findingsOf({
      'docker-compose.prod.yml': 'services:\n  jvb:\n    image: jitsi/jvb:9258\n    restart: unless-stopped\n    ports:\n      - "10000:10000/udp"\n      - target: 3478\n        published: 3478\n        protocol: udp\n      - "8080:8080"\n',
    });
    assert.deepEqual(only(findings, 'ports-proxy-only'), ['docker-compose.prod.yml:10']);
  });
});

describe('one-shot jobs are not told to restart forever', () => {
  it('commands that finish, and those that end in a server', () => {
    const finishes = ['chown -R 1000:1000 /data', 'cp -r build /out', 'npm run build', 'npx prisma migrate deploy && node seed.js', 'python manage.py migrate', 'set -e; bin/rails db:prepare'];
    const stays = ['python manage.py migrate && gunicorn app.wsgi', 'npm run build && npm start', 'node build/index.js', 'sh -c "while true; do curl -s http://app/cron; sleep 60; done"', 'nginx -g "daemon off;"', 'npm run build:watch', 'vite build --watch', ''];
    for (const c of finishes) assert.equal(commandFinishes(shellText(undefined, parseComposeText(`c: ${JSON.stringify(c)}\n`, 'x.yml').entries.get('c')!.value)), true, c);
    for (const c of stays) assert.equal(commandFinishes(shellText(undefined, parseComposeText(`c: ${JSON.stringify(c)}\n`, 'x.yml').entries.get('c')!.value)), false, c);
    const wrapped = parseComposeText('e: ["/bin/sh", "-c"]\nc: ["chown -R 1000 /data"]\n', 'x.yml');
    assert.equal(commandFinishes(shellText(wrapped.entries.get('e')!.value, wrapped.entries.get('c')!.value)), true);
  });

  it('a service others wait on to complete, a chown fixer, a build-only frontend and a seed job are jobs: oneshot-marked, never restart-policy', async () => {
    const findings = await findingsOf({
      'docker-compose.prod.yml': [
        'services:',
        APP('api', '    depends_on:\n      initializer:\n        condition: service_completed_successfully\n').trimEnd(),
        '  initializer:',
        '    image: "ghcr.io/acme/shop/api:${IMAGE_TAG}"',
        '    command: ["php", "artisan", "app:install"]',
        '  volume-permissions-fixer:',
        '    image: busybox:1.36',
        '    command: chown -R 1000:1000 /data',
        '  frontend:',
        '    image: "ghcr.io/acme/shop/front:${IMAGE_TAG}"',
        '    command: ["cp", "-r", "build", "/out"]',
        '  seed:',
        '    image: "ghcr.io/acme/shop/api:${IMAGE_TAG}"',
        '    command: sh -c "prisma migrate deploy && node seed.js"',
        '  worker:',
        '    image: "ghcr.io/acme/shop/api:${IMAGE_TAG}"',
        '    command: sh -c "python manage.py migrate && celery -A app worker"',
        '',
      ].join('\n'),
    });
    assert.deepEqual(only(findings, 'restart-policy'), ['docker-compose.prod.yml:22'], 'only the worker runs on');
    assert.deepEqual(only(findings, 'oneshot-marked'), ['docker-compose.prod.yml:10', 'docker-compose.prod.yml:13', 'docker-compose.prod.yml:16', 'docker-compose.prod.yml:19']);
  });

  it('names match whole words: "initializer" alone is not a job by name', async () => {
    const findings = await findingsOf({ 'docker-compose.prod.yml': 'services:\n  initializer:\n    image: "ghcr.io/acme/shop/api:${IMAGE_TAG}"\n    command: ["node", "server.js"]\n' });
    assert.deepEqual(only(findings, 'restart-policy'), ['docker-compose.prod.yml:2']);
    assert.deepEqual(only(findings, 'oneshot-marked'), []);
  });
});

describe('secrets are judged by the value too', () => {
  const cases: [string, string, boolean][] = [
    ['VAULT_APP_KEY', 'vault', false],
    ['SORT_KEY', 'created-at', false],
    ['TLS_KEY', '/run/secrets/tls.key', false],
    ['API_KEY', 'changeme', true],
    ['STRIPE_API_KEY', 'sk_test_123', true],
    ['POSTGRES_PASSWORD', 'postgres', true],
    ['SECRET_KEY', 'django-insecure-x', true],
    ['DATABASE_URL', '${DATABASE_URL:-postgresql://app:app@db/app}', true],
    ['POSTGRES_PASSWORD', '${POSTGRES_PASSWORD:-!ChangeMe!}', true],
    ['DATABASE_URL', 'postgresql://app:${PW}@db/app', false],
    ['DATABASE_URL', 'postgresql://${POSTGRES_USER:-app}:${POSTGRES_PASSWORD:-!ChangeMe!}@database:5432/${POSTGRES_DB:-app}', true],
    ['DATABASE_URL', 'postgresql://${POSTGRES_USER:-app}:${POSTGRES_PASSWORD}@database:5432/app', false],
    ['APP_KEY', '${APP_KEY:-base64:abcd}', true],
  ];
  for (const [key, value, secret] of cases) it(`${key}=${value}: ${secret ? 'secret' : 'not secret'}`, () => assert.equal(literalSecret(key, value) !== undefined, secret));
});

describe('bind sources written with a variable are judged rendered', () => {
  it('splits the short syntax outside ${…}', () => {
    assert.deepEqual(splitVolume('${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock:ro'), ['${DOCKER_SOCK:-/var/run/docker.sock}', '/var/run/docker.sock', 'ro']);
  });

  it('the socket and the source tree behind a default are flagged; a data folder from the env file is not', async () => {
    const findings = await findingsOf({
      'docker-compose.prod.yml': `services:\n${APP('agent', '    volumes:\n      - ${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock\n      - ${SRC:-.}:/app\n      - ${DATA_DIR}:/data\n')}`,
      '.env.prod.example': 'DATA_DIR=/srv/data\n',
      'package.json': '{}\n',
    });
    assert.deepEqual(only(findings, 'no-docker-socket'), ['docker-compose.prod.yml:8']);
    assert.deepEqual(only(findings, 'no-source-mount'), ['docker-compose.prod.yml:9']);
  });
});

describe('env-declared: bare pass-throughs and required variables declared empty', () => {
  it('environment: [SECRET] undeclared is flagged at its item; not when the env file declares it, declares others of the service (optional ones), or the service has env_file', async () => {
    const findings = await findingsOf({
      'docker-compose.prod.yml': `services:\n${APP('api', '    environment:\n      - API_SECRET\n      - LOG_FORMAT\n')}${APP('worker', '    env_file: [worker.env]\n    environment:\n      - OTHER_TOKEN\n')}${APP('xmpp', '    environment:\n      - XMPP_PASSWORD\n      - TURN_PASSWORD\n')}`,
      '.env.prod.example': 'XMPP_PASSWORD=\n',
      'worker.env': 'OTHER_TOKEN=1\n',
    });
    assert.deepEqual(only(findings, 'env-declared'), ['docker-compose.prod.yml:8']);
  });

  it('KEY_NAME, AUTH_MODULE and KEYSERVER name things, not secrets', () => {
    for (const name of ['SIGNING_KEY_NAME', 'JWT_TOKEN_AUTH_MODULE', 'JWT_ASAP_KEYSERVER']) assert.equal(literalSecret(name, 'x9f3k2m8q1'), undefined, name);
  });

  it('${SECRET_KEY:?} with SECRET_KEY= in the example env file: said at the env file line', async () => {
    const findings = await findingsOf({
      'docker-compose.prod.yml': `x-env: &env\n  SECRET_KEY: \${SECRET_KEY:?set it}\nservices:\n${APP('api', '    environment: *env\n')}`,
      '.env.prod.example': '# the keys\nSECRET_KEY=\n',
    });
    const f = findings.filter((x) => x.rule === 'env-declared');
    assert.deepEqual([...new Set(f.map((x) => `${x.file}:${x.line}`))], ['.env.prod.example:2']);
    assert.match(f[0]!.message, /declared empty here, but \$\{SECRET_KEY:\?\.\.\.\} \(docker-compose\.prod\.yml:2\) requires a value/);
  });
});

describe('healthcheck: what the proxy routes to', () => {
  it('a service behind the edge (Caddyfile mounted, Traefik labels, own image the proxy depends on) without a healthcheck is flagged; postgres and a third-party grafana are not', async () => {
    const findings = await findingsOf({
      'docker-compose.prod.yml': [
        'services:',
        '  caddy:',
        '    image: caddy:2.8',
        '    restart: unless-stopped',
        '    ports: ["80:80", "443:443"]',
        '    volumes:',
        '      - ./Caddyfile:/etc/caddy/Caddyfile:ro',
        '    depends_on: [web, db]',
        '  web:',
        '    image: ghcr.io/acme/shop/web:1.4.0',
        '    restart: unless-stopped',
        '  api:',
        '    image: ghcr.io/acme/shop/api:1.4.0',
        '    restart: unless-stopped',
        '  admin:',
        '    image: ghcr.io/acme/shop/admin:1.4.0',
        '    restart: unless-stopped',
        '    labels:',
        '      traefik.http.routers.admin.rule: Host(`admin.example.com`)',
        '  db:',
        '    image: postgres:16',
        '    restart: unless-stopped',
        '  grafana:',
        '    image: grafana/grafana:11.1.0',
        '    restart: unless-stopped',
        '',
      ].join('\n'),
      'Caddyfile': 'example.com {\n  reverse_proxy api:3000\n}\ngrafana.example.com {\n  reverse_proxy grafana:3000\n}\n',
    });
    assert.deepEqual(only(findings, 'healthcheck'), ['docker-compose.prod.yml:12', 'docker-compose.prod.yml:15', 'docker-compose.prod.yml:9']);
  });
});

describe('db-trust-auth and secrets in commands', () => {
  it('trust with a published port is flagged at the variable; trust on loopback or unpublished is not', async () => {
    const findings = await findingsOf({
      'docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n    restart: unless-stopped\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: ${PG_AUTH:-trust}\n    ports: ["5432:5432"]\n  db2:\n    image: postgres:16\n    restart: unless-stopped\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n    ports: ["127.0.0.1:5433:5432"]\n',
    });
    assert.deepEqual(only(findings, 'db-trust-auth'), ['docker-compose.prod.yml:6']);
  });
});

describe('validate.ignore silences one rule for one service', () => {
  it('the named service only, and a rule name that does not exist is an error naming the key', async () => {
    const files = {
      'docker-compose.prod.yml': `services:\n${APP('admin', '    ports: ["8080:80"]\n')}${APP('api', '    ports: ["8000:8000"]\n')}`,
      'compose-deploy.yml': 'compose:\n  prod:\n    files: [docker-compose.prod.yml]\nvalidate:\n  ignore:\n    ports-proxy-only: [admin]\n',
    };
    assert.deepEqual(only(await findingsOf(files), 'ports-proxy-only'), ['docker-compose.prod.yml:13']);
    await assert.rejects(findingsOf({ ...files, 'compose-deploy.yml': 'validate:\n  ignore:\n    port-proxy-only: [admin]\n' }), /unknown key "validate\.ignore\.port-proxy-only"; did you mean "ports-proxy-only"/);
  });
});

describe('Compose errors pinned to the line that causes them', () => {
  const text = 'x-common: &common\n  environment:\n    SECRET_KEY: ${SECRET_KEY:?set the secret}\nservices:\n  web:\n    image: nginx:1\n    ports:\n      - "80:80"\n  api:\n    <<: *common\n    image: busybox:1\n    ports:\n      - "80:${API_TARGET}"\n';
  const tree = parseComposeText(text, 'compose.yaml');
  const files = new Map([['compose.yaml', tree]]);
  const echo = echoContext(files.values(), ['compose.yaml']);

  it('an empty port variable, at its own service\'s item (not another service\'s 80:80)', () => {
    const [f] = cliErrorFindings('No port specified: 80:<empty>\n', files, '/w', echo, tree);
    assert.deepEqual([f!.loc.line, f!.message], [13, 'Compose config: services.api.ports: a port mapping names no port']);
  });

  it('an interpolation error inside an x- extension block, at its line (v2), and through the alias (v1)', () => {
    const [v2] = cliErrorFindings('error while interpolating x-common.environment.SECRET_KEY: required variable SECRET_KEY is missing a value: set the secret\n', files, '/w', echo, tree);
    assert.equal(v2!.loc.line, 3);
    const [v1] = cliErrorFindings(`Missing mandatory value for "environment" option interpolating {'SECRET_KEY': '\${SECRET_KEY:?set the secret}'} in service "api": set the secret\n`, files, '/w', echo, tree);
    assert.equal(v1!.loc.line, 3);
  });

  it('a volume whose variable renders empty (v2: invalid spec), at its item', () => {
    const vtree = parseComposeText('services:\n  web:\n    image: nginx:1\n    volumes:\n      - ./a:/a\n  plex:\n    image: nginx:1\n    volumes:\n      - ${MEDIA}:/media/\n', 'compose.yaml');
    const [f] = cliErrorFindings('invalid spec: :/media/: empty section between colons\n', new Map([['compose.yaml', vtree]]), '/w', echoContext([vtree], ['compose.yaml']), vtree);
    assert.deepEqual([f!.loc.line, f!.message], [9, 'Compose config: services.plex.volumes: a volume has an empty part (a variable renders empty)']);
  });
});
