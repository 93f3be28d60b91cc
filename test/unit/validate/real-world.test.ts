import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { castLikeCompose } from '../../../src/validate/compose-casts.js';
import { tempProject } from '../compose/helpers.js';
import { validateDir } from './helpers.js';

// Layouts from real projects that validate judged wrongly: each renders with the built-in renderer here
// (test/e2e/validate/real-world.test.ts renders the same shapes with the Compose CLI).

async function validateFiles(files: Record<string, string>) {
  const dir = tempProject(files, 'cd-validate-real-');
  try {
    return await validateDir(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const APP = 'services:\n  web:\n    image: "ghcr.io/acme/shop/web:${IMAGE_TAG}"\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD", "true"]\n';

describe('a config file that names only compose.prod', () => {
  it('checks that set alone: a dev override beside it is not rendered without the configured env file', async () => {
    const { report, findings, reporter } = await validateFiles({
      'compose.yaml': APP,
      'compose.override.yaml': 'services:\n  web:\n    environment:\n      DEBUG: "${DEBUG}"\n',
      'compose.prod.yaml': 'services:\n  web:\n    environment:\n      SECRET_KEY: "${SECRET_KEY}"\n',
      '.env.prod': 'SECRET_KEY=\n',
      'compose-deploy.yml': 'compose:\n  prod:\n    files: [compose.yaml, compose.prod.yaml]\n    env-file: .env.prod\n',
    });
    assert.deepEqual(report.sets.map((s: { name: string }) => s.name), ['prod']);
    assert.deepEqual(findings, []);
    assert.ok(reporter.lines.some((l) => /^checking the prod set: compose\.prod as named in compose-deploy\.yml, and no dev set/.test(l)), reporter.lines.join('\n'));
  });
});

describe('variables the shell on the host sets', () => {
  it('${PWD}, ${HOME} and ${USER} are declared by the deploy\'s shell, and the log says which it took so', async () => {
    const { findings, reporter, result } = await validateFiles({
      'docker-compose.yml': `${APP}    volumes:\n      - \${PWD}/uploads:/app/uploads\n    environment:\n      OWNER: "\${USER}"\n      CACHE: "\${HOME}/.cache"\n      LOG_LEVEL: "\${LOG_LEVEL}"\n`,
      '.env.prod.example': 'IMAGE_TAG=sha-0\n',
    });
    // LOG_LEVEL is the app's own: still reported (once per set: the base file is the dev set and, alone, the prod set).
    assert.deepEqual([...new Set(findings.map((f) => `${f.rule}:${f.line}:${/LOG_LEVEL/.test(f.message)}`))], ['env-declared:12:true']);
    assert.equal(result.ok, false);
    assert.ok(reporter.lines.includes('prod set: ${HOME}, ${PWD}, ${USER} taken as set by the shell the deploy runs Compose in on the host (over SSH, in the release directory); rendered with placeholder values'), reporter.lines.join('\n'));
  });
});

describe('the built-in renderer casts typed keys after interpolation, as Compose does', () => {
  it('long-syntax ports with published: ${HTTP_PORT:-80}, and interpolated numbers and booleans elsewhere, pass the schema', async () => {
    const { findings } = await validateFiles({
      'docker-compose.yml': [
        'services:',
        '  web:',
        '    image: "ghcr.io/acme/shop/web:${IMAGE_TAG}"',
        '    restart: unless-stopped',
        '    read_only: ${READ_ONLY:-true}',
        '    init: "yes"',
        '    healthcheck:',
        '      test: ["CMD", "true"]',
        '      retries: ${HEALTH_RETRIES:-3}',
        '    ports:',
        '      - target: ${APP_PORT:-8080}',
        '        published: ${HTTP_PORT:-80}',
        '        protocol: tcp',
        '      - target: 9090',
        '        published: "9000-9001"',
        '    deploy:',
        '      resources:',
        '        limits:',
        '          cpus: ${CPUS:-0.5}',
        '',
      ].join('\n'),
      '.env.prod.example': 'IMAGE_TAG=sha-0\n',
    });
    assert.deepEqual(findings.filter((f) => f.rule === 'schema'), []);
  });

  it('a value that does not cast is still a schema error at its line', async () => {
    const { findings } = await validateFiles({
      'docker-compose.yml': 'services:\n  web:\n    image: "nginx:1.25.3"\n    ports:\n      - published: 80\n        target: ${APP_PORT:-eighty}\n',
    });
    const schema = findings.filter((f) => f.rule === 'schema');
    assert.ok(schema.some((f) => f.line === 6 && /target/.test(f.message)), JSON.stringify(findings));
  });

  it('castLikeCompose: the keys Compose casts, and nothing else', () => {
    const data = {
      services: { web: { ports: [{ target: '80', published: '8080' }, '80:80'], tty: 'On', cpus: '1.5', environment: { PORT: '80', DEBUG: 'true' }, ulimits: { nofile: { soft: '1024', hard: '2048' }, nproc: '65535' }, scale: 'two' } },
      networks: { edge: { external: 'false' } },
    };
    assert.deepEqual(castLikeCompose(data), {
      services: { web: { ports: [{ target: 80, published: 8080 }, '80:80'], tty: true, cpus: 1.5, environment: { PORT: '80', DEBUG: 'true' }, ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 65535 }, scale: 'two' } },
      networks: { edge: { external: false } },
    });
  });
});
