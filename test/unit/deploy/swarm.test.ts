import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployKind } from '../../../src/deploy/deploy-command.js';
import type { DeploySettings } from '../../../src/deploy/deploy-settings.js';
import { runOnHost } from '../../../src/deploy/run-on-host.js';
import { keptStack, parseStackImages, parseWaitOutput, releaseServices, serviceWaitCommand, stackDeployCommand, stackOverride, watchOrder } from '../../../src/deploy/swarm-commands.js';
import type { EngineServices } from '../../../src/engine/services.js';
import type { AuditRecord } from '../../../src/host/probe.js';
import { MemoryReporter } from '../../../src/report/reporter.js';
import { rollbackKind } from '../../../src/rollback/rollback-kind.js';
import { ManualInterrupts, ScriptedHost, type Step } from './scripted-host.js';

// The swarm target's procedure against a scripted manager: what reaches it, in which order, and what a
// failure leaves (the previous release's digests deployed again). The whole runs on the harness swarm
// in test/e2e/swarm/deploy.test.ts.

const OLD = '1'.repeat(40);
const NEW = '2'.repeat(40);
const PREFIX = '127.0.0.1:5000/shop';
const digest = (c: string) => `@sha256:${c.repeat(64)}`;

const compose = [
  'version: "3.8"',
  'services:',
  '  api:',
  '    image: ${REGISTRY_PREFIX}/api:${IMAGE_TAG}',
  '    deploy: {replicas: 2}',
  '  worker:',
  '    image: 127.0.0.1:5000/shop/worker:${IMAGE_TAG}',
  '  proxy:',
  '    image: caddy:2',
  '',
].join('\n');

const ds: DeploySettings = {
  target: { host: 'scripted', port: 22, user: 'deploy', privateKey: 'unused' },
  deployTarget: 'swarm',
  deployPath: '/srv/shop',
  sha: NEW,
  project: 'shop',
  composeFiles: ['compose.yaml'],
  files: [{ path: 'compose.yaml', content: Buffer.from(compose), mode: 0o644 }],
  envFileContent: `REGISTRY_PREFIX=${PREFIX}\n`,
  registry: '127.0.0.1:5000',
  registryUsername: 'ci',
  registryPassword: 's3cret',
  order: ['worker'],
  healthTimeout: 20,
  minReadySeconds: 5,
  keepReleases: 5,
  lockTimeout: 0,
  staleLockAfter: 3600,
  lockLease: 600,
  forceUnlock: false,
  drainSeconds: 2,
  minFreeDiskMb: 500,
  services: {},
  dryRun: false,
};

const pinned = (sha: string, c: string) => [
  { name: 'worker', rolled: true, replicas: 1, image: `${PREFIX}/worker:sha-${sha}${digest(c)}` },
  { name: 'api', rolled: true, replicas: 2, image: `${PREFIX}/api:sha-${sha}${digest(c)}` },
  { name: 'proxy', rolled: false, replicas: 1, image: `caddy:2${digest('f')}` },
];
const success = (sha: string, c: string): AuditRecord => ({ action: 'deploy', sha, startedAt: '2026-11-01T10:00:00Z', result: 'success', swarm: { services: pinned(sha, c) } });
const imagesOut = (sha: string, c: string) => ({ stdout: `since=${sha === OLD ? 1700000100 : 1700000000}\ndeployed=yes\n${pinned(sha, c).map((s) => `image=shop shop_${s.name} ${s.image}`).join('\n')}\n` });

function probe(current: string | undefined, audit: AuditRecord[]): Step {
  const lines = ['docker-version=20.10.24', 'swarm=active true', 'free-kb=10485760'];
  if (current) lines.push(`current=${current}`, `running=api ${PREFIX}/api:sha-${current}${digest('a')}`);
  for (const r of audit) lines.push(`release=${r.sha}`, `audit=${JSON.stringify(r)}`);
  return { label: 'probe', answer: { stdout: `${lines.join('\n')}\n` } };
}
const lock: Step = { label: 'lock', answer: { stdout: 'lock=acquired\n' } };
const unlock: Step = { label: 'unlock', answer: { stdout: 'lock=released\n' } };

async function run(script: Step[], rollbackTo?: string) {
  const host = new ScriptedHost(script);
  const reporter = new MemoryReporter();
  const services: EngineServices = { connectHost: async () => host, interrupts: new ManualInterrupts() };
  const kind = rollbackTo ? rollbackKind({ ...ds, request: { to: rollbackTo } }) : deployKind(ds);
  const result = await runOnHost(ds, kind, reporter, services);
  assert.deepEqual(host.problems, [], reporter.lines.join('\n'));
  return { result, host, reporter };
}

test('the release\'s services from its files: the release\'s own images are rolled, a third-party one is not; replicas as the file says', () => {
  const services = releaseServices([compose], NEW, '/srv/shop', { REGISTRY_PREFIX: PREFIX }, ds);
  assert.deepEqual(services, [
    { name: 'api', rolled: true, replicas: 2 },
    { name: 'worker', rolled: true, replicas: 1 },
    { name: 'proxy', rolled: false, replicas: 1 },
  ]);
  assert.deepEqual(watchOrder(services, ['worker']).map((s) => s.name), ['worker', 'api', 'proxy']);
});

test('the override sets update_config on rolled services only, and pins images only when asked', () => {
  const o = stackOverride(pinned(OLD, 'a'), 30, false);
  const doc = JSON.parse(o.replace(/^services: /, '')) as Record<string, { image?: string; deploy?: { update_config: Record<string, unknown> } }>;
  assert.deepEqual(doc['api']!.deploy!.update_config, { parallelism: 1, order: 'start-first', failure_action: 'rollback', monitor: '30s' });
  assert.equal(doc['proxy'], undefined);
  assert.equal(doc['api']!.image, undefined);
  const pinnedDoc = JSON.parse(stackOverride(pinned(OLD, 'a'), 30, true).replace(/^services: /, '')) as Record<string, { image?: string }>;
  assert.equal(pinnedDoc['proxy']!.image, `caddy:2${digest('f')}`);
});

test('stack deploy: the password on stdin only; the files, the stack and the override as arguments', () => {
  const c = stackDeployCommand({ dir: '/srv/shop/releases/x', files: ['/srv/shop/releases/x/compose.yaml'] }, 'shop', 'services: {}', { registry: 'r', user: 'u', password: 'pw' });
  assert.equal(c.stdin, 'pw');
  assert.ok(!c.argv.includes('pw'));
  assert.deepEqual(c.argv.slice(3), ['compose-deploy-stack-deploy', '/srv/shop/releases/x', 'shop', 'services: {}', 'r', 'u', '/srv/shop/releases/x/compose.yaml']);
  assert.deepEqual(serviceWaitCommand('shop', pinned(OLD, 'a'), 20, 1700000000, '/m').argv.slice(4), ['shop', '/m', '1700000000', 'update', 'worker:100', 'api:120', 'proxy:80']);
  // Putting the previous release back, Swarm's own rollback toward it is waited on, not a failure.
  assert.equal(serviceWaitCommand('shop', pinned(OLD, 'a'), 20, 1700000000, '', 'return').argv[7], 'return');
});

test('the manager\'s answers: pinned images of this stack only; the wait\'s converged, failed and task lines', () => {
  const images = parseStackImages('deployed=yes\nimage=shop shop_api a@sha256:1\nimage=other other_api b\nnoise\n', 'shop');
  assert.deepEqual([...images], [['api', 'a@sha256:1']]);
  const w = parseWaitOutput('converged=worker after=3 tasks=1 image=x\nfailed=api\nreason=Swarm rolled the update back (rollback_started): a new task failed\ntask| shop_api.1 n2 Running Running\n');
  assert.deepEqual(w.converged, [{ service: 'worker', seconds: 3 }]);
  assert.equal(w.failed, 'api');
  assert.match(w.reason!, /rolled the update back/);
  assert.equal(w.tasks, 'task| shop_api.1 n2 Running Running');
});

test('a kept release is made live only with digests: a record without them gives none', () => {
  assert.equal(keptStack([{ action: 'deploy', sha: OLD, startedAt: '', result: 'success' }], OLD), undefined);
  assert.equal(keptStack([success(OLD, 'a')], OLD)!.services[0]!.image, `${PREFIX}/worker:sha-${OLD}${digest('a')}`);
});

test('deploy: upload, one stack deploy, current moved, every service watched; the audit record keeps the digests', async () => {
  const { result, host } = await run([
    lock,
    probe(OLD, [success(OLD, 'a')]),
    { label: 'unpack', answer: { stdout: 'compose-file=compose.yaml\nlive-compose-file=compose.yaml\n' } },
    { label: 'stack-deploy', answer: imagesOut(NEW, 'b') },
    { label: `switch ${NEW.slice(0, 4)}` },
    { label: 'service-wait', answer: { stdout: 'converged=worker after=4\nconverged=api after=9\nconverged=proxy after=0\n' } },
    { label: 'audit-prune' },
    unlock,
  ]);
  assert.equal(result.ok, true, result.message);
  const sent = host.sent.find((s) => s.label === 'stack-deploy')!.command;
  assert.equal(sent.stdin, 's3cret');
  const audit = host.stdinJson('audit-prune');
  assert.equal(audit['target'], 'swarm');
  assert.deepEqual((audit['swarm'] as { services: { image: string }[] }).services.map((s) => s.image), pinned(NEW, 'b').map((s) => s.image));
  assert.deepEqual((audit['services'] as { service: string; result: string }[]).map((s) => [s.service, s.result]), [['worker', 'updated'], ['api', 'updated'], ['proxy', 'converged']]);
});

test('a service that does not converge: the previous release\'s files deployed again with its recorded digests, watched without the cancel marker', async () => {
  const { result, host } = await run([
    lock,
    probe(OLD, [success(OLD, 'a')]),
    { label: 'unpack', answer: { stdout: 'compose-file=compose.yaml\nlive-compose-file=compose.yaml\n' } },
    { label: 'stack-deploy', answer: imagesOut(NEW, 'b') },
    { label: `switch ${NEW.slice(0, 4)}` },
    { label: 'service-wait', answer: { code: 1, stdout: 'converged=worker after=4\nfailed=api\nreason=Swarm rolled the update back (rollback_started): a new task failed\ntask| shop_api.1 n2 Shutdown Failed unhealthy\n' } },
    { label: `switch ${OLD.slice(0, 4)}` },
    { label: 'stack-deploy', answer: imagesOut(OLD, 'a') },
    { label: 'service-wait', answer: { stdout: 'converged=worker after=3\nconverged=api after=5\nconverged=proxy after=0\n' } },
    { label: 'audit' },
    unlock,
  ]);
  assert.equal(result.ok, false);
  assert.equal(result.outputs['rolled-back'], 'true');
  const back = host.sent.filter((s) => s.label === 'stack-deploy')[1]!.command;
  assert.match(back.argv[6]!, new RegExp(`"image":"${PREFIX}/api:sha-${OLD}@sha256:a{64}"`));
  const backWait = host.sent.filter((s) => s.label === 'service-wait')[1]!.command.argv;
  assert.deepEqual([backWait[5], backWait[6]], ['', '1700000100']);
  assert.equal(host.stdinJson('audit')['result'], 'rolled-back');
  assert.match(result.message!, /deployed again with release `111111111111`'s digests/);
});

test('rollback to a kept release: its recorded digests, no upload', async () => {
  const { result, host } = await run(
    [
      lock,
      probe(NEW, [success(OLD, 'a'), success(NEW, 'b')]),
      { label: 'kept-release', answer: { stdout: 'compose-file=compose.yaml\n' } },
      { label: 'stack-deploy', answer: imagesOut(OLD, 'a') },
      { label: `switch ${OLD.slice(0, 4)}` },
      { label: 'service-wait', answer: { stdout: 'converged=worker after=3\nconverged=api after=5\nconverged=proxy after=0\n' } },
      { label: 'audit' },
      unlock,
    ],
    OLD.slice(0, 8),
  );
  assert.equal(result.ok, true, result.message);
  assert.match(host.sent.find((s) => s.label === 'stack-deploy')!.command.argv[6]!, /sha256:a{64}/);
  assert.equal(host.stdinJson('audit')['action'], 'rollback');
});

test('a manager that is not one: preflight stops before anything changes', async () => {
  const { result } = await run([lock, { label: 'probe', answer: { stdout: 'docker-version=20.10.24\nswarm=active false\n' } }, unlock]);
  assert.equal(result.ok, false);
  assert.match(result.message!, /a swarm worker: set host to a manager node/);
});
