import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependenciesOf, durationSeconds, healthProbe, parseRenderedCompose, planUpdates } from '../../../src/deploy/compose-services.js';

const SHA = 'b'.repeat(40);
const RENDERED = `
services:
  api:
    image: ghcr.io/acme/shop/api:sha-${SHA}
    healthcheck: { test: [CMD, wget, -q, http://127.0.0.1:8080/health] }
    stop_grace_period: 1m30s
  web:
    image: ghcr.io/acme/shop/web:sha-${SHA}
    ports: ["8080:80"]
  worker:
    image: ghcr.io/acme/shop/api:sha-${SHA}
    deploy: { replicas: 3 }
  scheduler:
    image: ghcr.io/acme/shop/api:sha-${SHA}
    container_name: shop-scheduler
  migrate:
    image: ghcr.io/acme/shop/api:sha-${SHA}
  tools:
    image: ghcr.io/acme/shop/api:sha-${SHA}
    profiles: [tools]
  db:
    image: postgres:16
    healthcheck: { test: [CMD, pg_isready] }
  proxy:
    image: caddy:2
    ports: [{ target: 80, published: 443 }]
  cache:
    image: redis:7
    healthcheck: { test: [NONE] }
`;

test('compose config output is read into service facts', () => {
  const s = Object.fromEntries(parseRenderedCompose(RENDERED).map((x) => [x.name, x]));
  assert.equal(s['api']!.hasHealthcheck, true);
  assert.equal(s['api']!.stopGraceSeconds, 90);
  assert.deepEqual(s['web']!.fixedHostPorts, ['8080:80']);
  assert.equal(s['worker']!.replicas, 3);
  assert.equal(s['scheduler']!.containerName, 'shop-scheduler');
  assert.deepEqual(s['tools']!.profiles, ['tools']);
  assert.deepEqual(s['proxy']!.fixedHostPorts, ['443:80']);
  assert.equal(s['cache']!.hasHealthcheck, false, 'test: [NONE] disables the healthcheck');
  assert.equal(s['db']!.stopGraceSeconds, 10, 'Compose default grace');
});

test('the migration\'s dependencies, transitive, from either rendering of depends_on', () => {
  // v2 renders a map of conditions; v1 a list or a map, by file version.
  const services = parseRenderedCompose(`
services:
  migrate: { image: m, depends_on: { db: { condition: service_healthy, required: true } } }
  db: { image: p, depends_on: [volume-init] }
  volume-init: { image: b, depends_on: [migrate] }
  api: { image: a, depends_on: [db] }
`);
  assert.deepEqual(dependenciesOf(services, 'migrate').sort(), ['db', 'volume-init']);
  assert.deepEqual(dependenciesOf(services, 'api').sort(), ['db', 'migrate', 'volume-init']);
  assert.deepEqual(dependenciesOf(services, 'volume-init').sort(), ['db', 'migrate']);
});

test('a fixed host port reads the same from v1\'s short and v2\'s long rendering', () => {
  const [v1] = parseRenderedCompose('services:\n  a:\n    image: x\n    ports: ["127.0.0.1:18999:80/tcp"]\n');
  const [v2] = parseRenderedCompose('services:\n  a:\n    image: x\n    ports:\n      - {mode: ingress, host_ip: 127.0.0.1, target: 80, published: "18999", protocol: tcp}\n');
  assert.deepEqual(v1!.fixedHostPorts, ['127.0.0.1:18999:80']);
  assert.deepEqual(v2!.fixedHostPorts, v1!.fixedHostPorts);
});

test('ports without a host part are not fixed', () => {
  const [svc] = parseRenderedCompose('services:\n  a:\n    image: x\n    ports: ["80", "127.0.0.1::80", {target: 80}]\n');
  assert.deepEqual(svc!.fixedHostPorts, []);
});

test('the release\'s own images roll in the configured order; third-party services converge; jobs are left alone', () => {
  const plan = planUpdates(parseRenderedCompose(RENDERED), SHA, { order: ['worker', 'api'], migrateService: 'migrate', perService: {} });
  assert.deepEqual(plan.updates.map((u) => u.service), ['worker', 'api', 'scheduler', 'web']);
  assert.deepEqual(plan.converge, ['cache', 'db', 'proxy']);
  assert.deepEqual(plan.oneShot, ['migrate', 'tools']);
  const by = Object.fromEntries(plan.updates.map((u) => [u.service, u]));
  assert.equal(by['worker']!.replicas, 3);
  assert.equal(by['api']!.strategy, 'rolling');
  assert.equal(by['api']!.note, undefined);
});

test('a service that cannot run twice is recreated, and says why', () => {
  const plan = planUpdates(parseRenderedCompose(RENDERED), SHA, { order: [], perService: {} });
  const by = Object.fromEntries(plan.updates.map((u) => [u.service, u]));
  assert.equal(by['web']!.strategy, 'recreate');
  assert.match(by['web']!.note!, /fixed host port 8080:80/);
  assert.equal(by['scheduler']!.strategy, 'recreate');
  assert.match(by['scheduler']!.note!, /container_name "shop-scheduler"/);
});

test('a declared strategy is honoured without a warning, and health URLs are carried', () => {
  const plan = planUpdates(parseRenderedCompose(RENDERED), SHA, {
    order: [],
    perService: { scheduler: { strategy: 'recreate' }, api: { healthUrl: 'http://localhost:8080/ready' } },
  });
  const by = Object.fromEntries(plan.updates.map((u) => [u.service, u]));
  assert.equal(by['scheduler']!.note, undefined);
  assert.equal(by['api']!.healthUrl, 'http://localhost:8080/ready');
});

test('a previous release is planned by its own sha (for rollback)', () => {
  const old = 'a'.repeat(40);
  const plan = planUpdates(parseRenderedCompose(RENDERED.replaceAll(SHA, old)), old, { order: [], migrateService: 'migrate', perService: {} });
  assert.equal(plan.updates.length, 4);
  assert.equal(planUpdates(parseRenderedCompose(RENDERED.replaceAll(SHA, old)), SHA, { order: [], perService: {} }).updates.length, 0);
});

test('durations in Compose syntax', () => {
  const cases: Array<[unknown, number | undefined]> = [['10s', 10], ['1m30s', 90], ['500ms', 1], ['1h', 3600], [5, 5], ['abc', undefined], ['', undefined], [undefined, undefined]];
  for (const [input, want] of cases) assert.equal(durationSeconds(input), want, String(input));
});

test('healthProbe: the healthcheck test as the command Docker runs', () => {
  assert.deepEqual(healthProbe(['CMD', 'wget', '-q', 'http://x/']), ['wget', '-q', 'http://x/']);
  assert.deepEqual(healthProbe(['CMD-SHELL', 'curl -f http://x/ || exit 1']), ['/bin/sh', '-c', 'curl -f http://x/ || exit 1']);
  assert.deepEqual(healthProbe('pg_isready -U app'), ['/bin/sh', '-c', 'pg_isready -U app']);
  for (const none of [['NONE'], ['CMD'], [], '', undefined, 3, ['CMD', 4]]) assert.equal(healthProbe(none), undefined, JSON.stringify(none));
});
