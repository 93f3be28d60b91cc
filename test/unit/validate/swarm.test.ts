import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseComposeText } from '../../../src/compose/model.js';
import { servicesOf } from '../../../src/validate/rules/context.js';
import { goDurationMs, pinnedToOneNode } from '../../../src/validate/rules/swarm.js';
import { RULES } from '../../../src/config/rule-catalog.js';
import { CHECKS } from '../../../src/validate/rules/index.js';
import { tempProject } from '../compose/helpers.js';
import { validateDir, type ReportFinding } from './helpers.js';

// target: swarm (issue 24): the same prod set judged for what docker stack deploy does with it, and what
// the deploy will set on every service it rolls. Small trees, the built-in renderer.

async function validateTree(files: Record<string, string>, explicit: Record<string, string> = {}) {
  const dir = tempProject(files, 'cd-validate-swarm-');
  try {
    return await validateDir(dir, explicit);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const where = (findings: ReportFinding[], rule: string) => findings.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.line}`).sort();
const rules = (findings: ReportFinding[]) => [...new Set(findings.map((f) => f.rule))].sort();
const SWARM_RULES = RULES.map((r) => r.id).filter((id) => id.startsWith('swarm-'));

/** One prod file that breaks every swarm rule and two compose-only ones. */
const MIXED = [
  'services:',
  '  proxy:',
  '    image: caddy:2.8',
  '    restart: unless-stopped',
  '    ports: ["80:80"]',
  '    volumes:',
  '      - ./Caddyfile:/etc/caddy/Caddyfile:ro',
  '  api:',
  '    image: ghcr.io/acme/shop/api:${IMAGE_TAG}',
  '    container_name: shop-api',
  '    healthcheck:',
  '      test: ["CMD", "true"]',
  '    deploy:',
  '      update_config:',
  '        order: stop-first',
  '  db:',
  '    image: postgres:16',
  '    restart: unless-stopped',
  '',
].join('\n');

describe('target: swarm', () => {
  it('the swarm rules run only with target: swarm, on the prod set; restart-policy and rolling-conflict only with compose', () => {
    for (const id of SWARM_RULES) assert.deepEqual(CHECKS[id as keyof typeof CHECKS].targets, ['swarm'], id);
    assert.deepEqual(CHECKS['restart-policy'].targets, ['compose']);
    assert.deepEqual(CHECKS['rolling-conflict'].targets, ['compose']);
    assert.deepEqual(CHECKS['no-build'].targets, ['compose', 'swarm']);
    assert.equal(SWARM_RULES.length, 5);
  });

  it('with target compose (or none) nothing changes: no swarm finding, no swarm section in the report or the summary', async () => {
    for (const config of [undefined, 'target: compose\n']) {
      const { findings, report, result, reporter } = await validateTree({ 'docker-compose.prod.yml': MIXED, 'Caddyfile': ':80\n', ...(config ? { 'compose-deploy.yml': config } : {}) });
      assert.deepEqual(rules(findings).filter((r) => r.startsWith('swarm-')), [], String(config));
      assert.deepEqual(where(findings, 'rolling-conflict'), ['docker-compose.prod.yml:10']);
      assert.deepEqual(where(findings, 'restart-policy'), ['docker-compose.prod.yml:8']);
      assert.equal(report.sets[0].swarm, undefined);
      assert.doesNotMatch(result.summary ?? '', /swarm/i);
      assert.ok(!reporter.lines.some((l: string) => /target swarm/.test(l)));
    }
  });

  it('with target swarm the same file is judged for Swarm, each finding at its line', async () => {
    const { findings, result } = await validateTree({ 'docker-compose.prod.yml': MIXED, 'Caddyfile': ':80\n', 'compose-deploy.yml': 'target: swarm\n' });
    assert.deepEqual(where(findings, 'swarm-ignored-key'), ['docker-compose.prod.yml:10', 'docker-compose.prod.yml:18', 'docker-compose.prod.yml:4'].sort());
    assert.deepEqual(where(findings, 'swarm-host-mount'), ['docker-compose.prod.yml:7']);
    assert.deepEqual(where(findings, 'swarm-db-placement'), ['docker-compose.prod.yml:16']);
    assert.deepEqual(where(findings, 'swarm-ingress-port'), ['docker-compose.prod.yml:5']);
    assert.deepEqual(where(findings, 'swarm-update-config'), ['docker-compose.prod.yml:15']);
    assert.deepEqual(where(findings, 'rolling-conflict'), [], 'container_name is the swarm rule\'s business');
    assert.deepEqual(where(findings, 'restart-policy'), [], 'Swarm restarts every task by default');
    assert.equal(result.ok, false);
    assert.equal(result.outputs['errors'], String(findings.filter((f) => f.severity === 'error').length));
  });

  it('the swarm rules say nothing about the dev set', async () => {
    const { findings } = await validateTree({
      'compose.yaml': 'services:\n  api:\n    image: ghcr.io/acme/shop/api:${IMAGE_TAG}\n    container_name: dev-api\n    healthcheck:\n      test: ["CMD", "true"]\n',
      'compose.prod.yaml': 'services:\n  api:\n    container_name: !reset null\n',
      '.env.example': '',
      'compose-deploy.yml': 'target: swarm\n',
    });
    assert.deepEqual(findings.filter((f) => f.rule.startsWith('swarm-')), []);
  });

  it('restart: "no" on a job: Swarm would run it again and again; oneshot-marked asks for restart_policy condition none', async () => {
    const { findings } = await validateTree({
      'compose-deploy.yml': 'target: swarm\n',
      'docker-compose.prod.yml': 'services:\n  migrate:\n    image: ghcr.io/acme/shop/api:${IMAGE_TAG}\n    command: ["./migrate"]\n    restart: "no"\n',
    });
    const ignored = findings.filter((f) => f.rule === 'swarm-ignored-key');
    assert.equal(ignored.length, 1);
    assert.equal(ignored[0]!.line, 5);
    assert.match(ignored[0]!.message, /ignores restart: "no".*again and again.*deploy\.restart_policy\.condition: none/);
    const marked = findings.filter((f) => f.rule === 'oneshot-marked');
    assert.equal(marked.length, 1);
    assert.match(marked[0]!.message, /deploy\.restart_policy\.condition: none \(Swarm ignores restart:\)/);
  });

  it('a job marked by restart_policy condition none is a job on Swarm, and not under compose', async () => {
    const files = (target: string) => ({
      'compose-deploy.yml': `target: ${target}\n`,
      'docker-compose.prod.yml': 'services:\n  migrate:\n    image: ghcr.io/acme/shop/api:${IMAGE_TAG}\n    command: ["./migrate"]\n    deploy:\n      restart_policy:\n        condition: none\n',
    });
    assert.deepEqual(where((await validateTree(files('swarm'))).findings, 'oneshot-marked'), []);
    assert.deepEqual(where((await validateTree(files('compose'))).findings, 'oneshot-marked'), ['docker-compose.prod.yml:2'], 'compose target: unchanged');
  });

  it('the summary, the log and the JSON report say what the deploy sets on every service it rolls, with deploy.health-timeout as the monitor', async () => {
    const { report, result, reporter } = await validateTree({
      'compose-deploy.yml': 'target: swarm\ndeploy:\n  health-timeout: 45\n',
      'docker-compose.prod.yml': MIXED,
      'Caddyfile': ':80\n',
    });
    const swarm = report.sets[0].swarm;
    assert.deepEqual(swarm, [{
      service: 'api',
      updateConfig: { parallelism: '1', order: 'start-first', failure_action: 'rollback', monitor: '45s' },
      differs: [{ key: 'order', written: 'stop-first', file: 'docker-compose.prod.yml', line: 15 }],
    }]);
    const summary = result.summary ?? '';
    assert.match(summary, /What the deploy sets on the swarm \(target: swarm\)/);
    assert.match(summary, /`monitor: 45s` \(deploy\.health-timeout\)/);
    assert.match(summary, /\| `api` \| parallelism: 1, order: start-first, failure_action: rollback, monitor: 45s \| `order: stop-first` at `docker-compose\.prod\.yml:15:\d+`/);
    assert.ok(reporter.lines.some((l: string) => /target swarm: the deploy sets update_config parallelism 1, order start-first, failure_action rollback, monitor 45s on api; the file says otherwise for api \(order: stop-first\)/.test(l)), reporter.lines.join('\n'));
  });

  it('the monitor follows the health-timeout input over the config, and is checked like the deploy checks it', async () => {
    const files = { 'compose-deploy.yml': 'target: swarm\n', 'docker-compose.prod.yml': 'services:\n  api:\n    image: ghcr.io/acme/shop/api:${IMAGE_TAG}\n' };
    assert.equal((await validateTree(files)).report.sets[0].swarm[0].updateConfig.monitor, '120s');
    assert.equal((await validateTree(files, { 'health-timeout': '300' })).report.sets[0].swarm[0].updateConfig.monitor, '300s');
    await assert.rejects(validateTree(files, { 'health-timeout': 'soon' }), /health-timeout/);
  });

  it('a monitor written as another spelling of the same duration is no finding; a number is nanoseconds, as Compose reads it', async () => {
    const tree = (monitor: string) => ({
      'compose-deploy.yml': 'target: swarm\n',
      'docker-compose.prod.yml': `services:\n  api:\n    image: ghcr.io/acme/shop/api:\${IMAGE_TAG}\n    deploy:\n      update_config:\n        monitor: ${monitor}\n`,
    });
    for (const same of ['2m', '120s', '1m60s', '120000ms', '"120000000000"']) assert.deepEqual(where((await validateTree(tree(same))).findings, 'swarm-update-config'), [], same);
    for (const other of ['30s', '"120"', '2h']) assert.deepEqual(where((await validateTree(tree(other))).findings, 'swarm-update-config'), ['docker-compose.prod.yml:6'], other);
  });

  it('only services the deploy rolls get update_config: a third-party service with stop-first is its own business', async () => {
    const { report, findings } = await validateTree({
      'compose-deploy.yml': 'target: swarm\n',
      'docker-compose.prod.yml': 'services:\n  cache:\n    image: redis:7.2\n    deploy:\n      placement:\n        constraints: [node.hostname == a]\n      update_config:\n        order: stop-first\n',
    });
    assert.deepEqual(report.sets[0].swarm, []);
    assert.deepEqual(where(findings, 'swarm-update-config'), []);
  });

  it('validate.ignore silences a swarm rule for one service only', async () => {
    const { findings } = await validateTree({
      'compose-deploy.yml': 'target: swarm\nvalidate:\n  ignore:\n    swarm-ignored-key: [db]\n',
      'docker-compose.prod.yml': MIXED,
      'Caddyfile': ':80\n',
    });
    assert.deepEqual(where(findings, 'swarm-ignored-key'), ['docker-compose.prod.yml:10', 'docker-compose.prod.yml:4']);
  });

  it('validate.rules re-grades a swarm rule', async () => {
    const { findings } = await validateTree({
      'compose-deploy.yml': 'target: swarm\nvalidate:\n  rules:\n    swarm-db-placement: warning\n    swarm-host-mount: off\n',
      'docker-compose.prod.yml': MIXED,
      'Caddyfile': ':80\n',
    });
    assert.deepEqual(findings.filter((f) => f.rule === 'swarm-db-placement').map((f) => f.severity), ['warning']);
    assert.deepEqual(where(findings, 'swarm-host-mount'), []);
  });

  it('a published port bound to loopback is said to be published on every node', async () => {
    const { findings } = await validateTree({
      'compose-deploy.yml': 'target: swarm\n',
      'docker-compose.prod.yml': 'services:\n  api:\n    image: ghcr.io/acme/shop/api:${IMAGE_TAG}\n    ports: ["127.0.0.1:8000:8000"]\n',
    });
    const f = findings.filter((x) => x.rule === 'swarm-ingress-port');
    assert.equal(f.length, 1);
    assert.match(f[0]!.message, /Its address 127\.0\.0\.1 does not apply: Swarm publishes on every address of every node/);
    assert.match(f[0]!.message, /route it through the proxy, which publishes its ports with mode: host/);
  });

  it('a port whose mode comes from the env file is judged as it renders', async () => {
    const tree = (mode: string) => ({
      'compose-deploy.yml': 'target: swarm\ncompose:\n  prod:\n    files: [docker-compose.prod.yml]\n    env-file: .env.prod\n',
      '.env.prod': `PORT_MODE=${mode}\n`,
      'docker-compose.prod.yml': 'services:\n  proxy:\n    image: caddy:2.8\n    ports:\n      - target: 80\n        published: 80\n        mode: ${PORT_MODE}\n',
    });
    assert.deepEqual(where((await validateTree(tree('host'))).findings, 'swarm-ingress-port'), []);
    const ingress = (await validateTree(tree('ingress'))).findings.filter((f) => f.rule === 'swarm-ingress-port');
    assert.deepEqual(ingress.map((f) => f.line), [5]);
    assert.match(ingress[0]!.message, /publish it on the proxy in the long syntax with mode: host/);
  });

  it('backup.service is a database whatever its image', async () => {
    const { findings } = await validateTree({
      'compose-deploy.yml': 'target: swarm\nbackup:\n  service: store\n',
      'docker-compose.prod.yml': 'services:\n  store:\n    image: ghcr.io/acme/pg-custom:16.2\n',
    });
    assert.deepEqual(where(findings, 'swarm-db-placement'), ['docker-compose.prod.yml:2']);
  });

  it('a database image with its version from the env file is recognised once rendered', async () => {
    const { findings } = await validateTree({
      'compose-deploy.yml': 'target: swarm\ncompose:\n  prod:\n    files: [docker-compose.prod.yml]\n    env-file: .env.prod\n',
      '.env.prod': 'DB_IMAGE=mariadb:11\n',
      'docker-compose.prod.yml': 'services:\n  sql:\n    image: ${DB_IMAGE}\n',
    });
    assert.deepEqual(where(findings, 'swarm-db-placement'), ['docker-compose.prod.yml:2']);
  });

  it('a bad target is a bad-input error at its line', async () => {
    await assert.rejects(validateTree({ 'compose-deploy.yml': 'project: shop\ntarget: kubernetes\n', 'docker-compose.prod.yml': 'services: {}\n' }), (err: Error & { location?: { line?: number } }) => {
      assert.match(err.message, /target/);
      assert.match(err.message, /compose, swarm|compose \| swarm|one of/);
      assert.equal(err.location?.line, 2);
      return true;
    });
  });
});

describe('placement and durations', () => {
  const service = (deploy: string) => servicesOf(parseComposeText(`services:\n  s:\n    image: x:1\n${deploy}`, 'f.yml'))[0]!;
  const constraints = (list: string) => service(`    deploy:\n      placement:\n        constraints: ${list}\n`);

  for (const [list, pinned] of [
    ['[node.hostname == node-1]', true],
    ['["node.hostname==node-1"]', true],
    ['[node.id == 2ivku8v2gvtg4]', true],
    ['[node.labels.db == true]', true],
    ['[node.role == manager, node.labels.region == eu]', true],
    ['[node.role == manager]', false],
    ['[node.hostname != node-1]', false],
    ['[node.platform.os == linux]', false],
    ['[]', false],
  ] as const) {
    it(`constraints ${list}: ${pinned ? 'one node' : 'may move'}`, () => assert.equal(pinnedToOneNode(constraints(list)), pinned));
  }
  it('no deploy key: may move', () => assert.equal(pinnedToOneNode(service('')), false));

  for (const [text, ms] of [
    ['120s', 120_000], ['2m', 120_000], ['1m30s', 90_000], ['1.5s', 1500], ['250ms', 250], ['1h', 3_600_000],
    ['5000000000', 5000], ['0', 0], ['soon', undefined], ['10', 0.00001], ['5 s', undefined], ['', undefined],
  ] as const) {
    it(`duration ${JSON.stringify(text)} is ${ms} ms`, () => assert.equal(goDurationMs(text), ms));
  }
});
