import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { harnessComposeCommand, harnessEnv } from '../harness/env.js';
import { runCli } from '../lib/run-action.js';

/*
 * Shapes from real projects that validate judged wrongly, each rendered by the bundled CLI with the
 * Compose CLI and with the built-in renderer, and by the Compose CLI itself as the oracle.
 */
const compose = harnessComposeCommand();
const root = mkdtempSync(join(tmpdir(), 'cd-validate-real-e2e-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function workspace(files: Record<string, string>): string {
  const ws = join(root, `ws-${++n}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(ws, name, '..'), { recursive: true });
    writeFileSync(join(ws, name), text);
  }
  return ws;
}

/** The Compose CLI's own verdict on a set, with the env file's variables and the shell's PWD, as on the host. */
function oracle(ws: string, files: string[], envFile: string): { code: number; stdout: string; stderr: string } {
  const argv = [...(compose === 'docker compose' ? ['docker', 'compose'] : ['docker-compose']), ...files.flatMap((f) => ['-f', f]), '--env-file', envFile, 'config'];
  const res = spawnSync(argv[0]!, argv.slice(1), { cwd: ws, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: ws, PWD: ws, USER: 'deploy', DOCKER_CONFIG: harnessEnv().runnerDockerConfig } });
  return { code: res.status ?? 1, stdout: res.stdout, stderr: res.stderr };
}

async function validate(ws: string, renderer: 'compose' | 'schema') {
  const report = join(ws, `report-${renderer}.json`);
  const run = await runCli(['validate', '--renderer', renderer, '--report-file', report], { cwd: ws, env: { HOME: '/home/runner-canary', USER: 'runner-canary' } });
  return { ...run, report: JSON.parse(readFileSync(report, 'utf8')) as { sets: { name: string; findings: { rule: string; line: number | null; message: string }[] }[] } };
}

const APP = [
  'services:',
  '  web:',
  '    image: "ghcr.io/acme/shop/web:${IMAGE_TAG}"',
  '    restart: unless-stopped',
  '    healthcheck:',
  '      test: ["CMD", "true"]',
  '      retries: ${HEALTH_RETRIES:-3}',
  '    read_only: ${READ_ONLY:-true}',
  '    ports:',
  '      - target: 8080',
  '        published: ${HTTP_PORT:-80}',
  '        protocol: tcp',
  '    volumes:',
  '      - ${PWD}/uploads:/app/uploads',
  '    environment:',
  '      OWNER: "${USER}"',
  '      SECRET_KEY: "${SECRET_KEY}"',
  '',
].join('\n');

describe(`validate on real-world shapes, against ${compose} config as the oracle`, () => {
  it('long-syntax ports with published: ${HTTP_PORT:-80} and ${PWD}/${USER} from the host shell: Compose accepts them, and so do both renderers', async () => {
    const ws = workspace({
      'compose.yaml': APP,
      'compose.prod.yaml': 'services:\n  web:\n    environment:\n      LOG_LEVEL: info\n',
      '.env.prod': 'SECRET_KEY=\n',
      // web faces the network itself here, and is recreated rather than rolled (its port is fixed).
      'compose-deploy.yml': 'compose:\n  prod:\n    files: [compose.yaml, compose.prod.yaml]\n    env-file: .env.prod\nvalidate:\n  proxy: [web]\ndeploy:\n  services:\n    web:\n      strategy: recreate\n',
    });
    const truth = oracle(ws, ['compose.yaml', 'compose.prod.yaml'], '.env.prod');
    assert.equal(truth.code, 0, truth.stderr);
    assert.match(truth.stdout, /published: "?80"?/);
    for (const renderer of ['compose', 'schema'] as const) {
      const run = await validate(ws, renderer);
      assert.equal(run.code, 0, `${renderer}: ${run.stdout}${run.stderr}`);
      // A config file that names only compose.prod: no dev set is found by file name beside it.
      assert.deepEqual(run.report.sets.map((s) => [s.name, s.findings.filter((f) => f.rule !== 'image-pinned')]), [['prod', []]], renderer);
      assert.match(run.stderr, /checking the prod set: compose\.prod as named in compose-deploy\.yml, and no dev set/);
      assert.match(run.stderr, /prod set: \$\{PWD\}, \$\{USER\} taken as set by the shell the deploy runs Compose in on the host/);
      // The runner's own values never reach the output.
      assert.equal(`${run.stdout}${run.stderr}${JSON.stringify(run.report)}`.includes('runner-canary'), false, renderer);
    }
  });

  it('a published port that is not a number: Compose refuses the set, and so do both renderers', async () => {
    const ws = workspace({
      'docker-compose.yml': 'services:\n  web:\n    image: "nginx:1.25.3"\n    ports:\n      - published: 80\n        target: ${APP_PORT:-eighty}\n',
      '.env.example': '\n',
    });
    assert.notEqual(oracle(ws, ['docker-compose.yml'], '.env.example').code, 0);
    for (const renderer of ['compose', 'schema'] as const) {
      const run = await validate(ws, renderer);
      assert.equal(run.code, 1, `${renderer}: ${run.stderr}`);
      assert.ok(run.report.sets.every((s) => s.findings.some((f) => f.rule === 'schema')), `${renderer}: ${JSON.stringify(run.report.sets)}`);
    }
  });
});
