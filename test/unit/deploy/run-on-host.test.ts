import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployKind } from '../../../src/deploy/deploy-command.js';
import type { DeploySettings } from '../../../src/deploy/deploy-settings.js';
import { runOnHost } from '../../../src/deploy/run-on-host.js';
import { rollbackKind } from '../../../src/rollback/rollback-kind.js';
import type { RollbackRequest } from '../../../src/rollback/rollback-settings.js';
import type { EngineServices } from '../../../src/engine/services.js';
import type { AuditRecord } from '../../../src/host/probe.js';
import { MemoryReporter } from '../../../src/report/reporter.js';
import { ManualInterrupts, ScriptedHost, type Step } from './scripted-host.js';

// Deploy and rollback against a scripted host: the order of what reaches the host, what each path
// leaves (current, the lock, the audit log) and what it reports. The host scripts themselves are
// tested against a real sh in host-scripts.test.ts, and the whole against the harness in test/e2e/deploy.

const OLD = '1'.repeat(40);
const NEW = '2'.repeat(40);
const PREFIX = '127.0.0.1:5000/shop';
const OLD_API = `${PREFIX}/api:sha-${OLD}`;
const OLD_WORKER = `${PREFIX}/worker:sha-${OLD}`;
const NEW_API = `${PREFIX}/api:sha-${NEW}`;
const ID_NEW = 'c'.repeat(64);

const ds: DeploySettings = {
  target: { host: 'scripted', port: 22, user: 'deploy', privateKey: 'unused' },
  deployTarget: 'compose',
  deployPath: '/srv/shop',
  sha: NEW,
  project: 'shop',
  composeFiles: ['compose.yaml'],
  files: [],
  registry: '127.0.0.1:5000',
  order: [],
  healthTimeout: 60,
  minReadySeconds: 5,
  keepReleases: 5,
  lockTimeout: 0,
  staleLockAfter: 3600,
  lockLease: 600,
  forceUnlock: false,
  drainSeconds: 2,
  minFreeDiskMb: 500,
  services: {},
  actor: 'octocat',
  dryRun: false,
};

/** `compose config` of a release: two services of its own (api gated on health, worker) and a database. */
const rendered = (sha: string) =>
  [
    'services:',
    '  api:',
    `    image: ${PREFIX}/api:sha-${sha}`,
    '    healthcheck: {test: [CMD, "true"]}',
    '  db:',
    '    image: postgres:15',
    '  worker:',
    `    image: ${PREFIX}/worker:sha-${sha}`,
    '',
  ].join('\n');

const success = (sha: string): AuditRecord => ({ action: 'deploy', sha, startedAt: '2026-11-01T10:00:00Z', result: 'success' });

/** The probe's answer: Compose v2 on the host, `current` and the kept releases, the audit log, what runs. */
function probe(current: string | undefined, audit: AuditRecord[]): Step {
  const lines = ['docker-version=27.3.1', 'compose-command=docker compose', 'compose-version=2.29.7', 'free-kb=10485760'];
  if (current) lines.push(`current=${current}`, `running=api ${PREFIX}/api:sha-${current}`, `running=worker ${PREFIX}/worker:sha-${current}`, 'running=db postgres:15');
  for (const r of audit) lines.push(`release=${r.sha}`, `audit=${JSON.stringify(r)}`);
  return { label: 'probe', answer: { stdout: `${lines.join('\n')}\n` } };
}

const lock: Step = { label: 'lock', answer: { stdout: 'lock=acquired\n' } };
const unlock: Step = { label: 'unlock', answer: { stdout: 'lock=released\n' } };
const config = (sha: string): Step => ({ label: `compose ${sha.slice(0, 4)} config`, answer: { stdout: rendered(sha) } });
const roll = (service: string, sha: string, then?: () => void): Step => ({ label: `roll ${service} ${sha.slice(0, 4)}`, answer: { stdout: 'ready=c0ffee after=3\n' }, then });
const pull: Step = { label: 'pull', answer: { stdout: `pulled=${PREFIX}/api:sha-${NEW}\n` } };
const upDb = (sha: string): Step => ({ label: `compose ${sha.slice(0, 4)} up -d --no-deps -- db` });

async function run(script: Step[], request?: RollbackRequest, interrupts = new ManualInterrupts()) {
  const host = new ScriptedHost(script);
  const reporter = new MemoryReporter();
  const services: EngineServices = { connectHost: async () => host, interrupts };
  const result = await runOnHost(ds, request ? rollbackKind({ ...ds, request }) : deployKind(ds), reporter, services);
  assert.deepEqual(host.problems, [], reporter.lines.join('\n'));
  assert.deepEqual(host.labels, script.map((s) => s.label));
  assert.equal(interrupts.listening, false, 'the deploy stops listening for interrupts when it ends');
  return { result, host, reporter };
}

test('first deploy (nothing live): current points at the release before anything starts, every service comes up, the lock is released', async () => {
  const { result, host } = await run([
    lock,
    probe(undefined, []),
    { label: 'unpack' },
    { label: `switch ${NEW.slice(0, 4)}` },
    config(NEW),
    pull,
    upDb(NEW),
    roll('api', NEW),
    roll('worker', NEW),
    { label: 'audit-prune', answer: { stdout: '' } },
    unlock,
  ]);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.outputs['deployed-sha'], NEW);
  assert.equal(result.outputs['previous-sha'], '');
  // The outputs are made before the lock is released: every round trip but that last one.
  assert.equal(result.outputs['round-trips'], String(host.commandCount - 1));
  const audit = host.stdinJson('audit-prune');
  assert.equal(audit['result'], 'success');
  assert.equal(audit['previousSha'], undefined);
  assert.deepEqual((audit['services'] as { service: string; result: string }[]).map((s) => [s.service, s.result]), [['api', 'updated'], ['worker', 'updated']]);
});

test('rollback to the previous release: the kept release made live again with the rolling procedure, no upload, no prune', async () => {
  const { result, host, reporter } = await run(
    [
      lock,
      probe(NEW, [success(OLD), success(NEW)]),
      { label: 'kept-release', answer: { stdout: 'compose-file=compose.yaml\n' } },
      config(OLD),
      pull,
      { label: `switch ${OLD.slice(0, 4)}` },
      upDb(OLD),
      roll('api', OLD),
      roll('worker', OLD),
      { label: 'audit' },
      unlock,
    ],
    { reason: 'api 500s' },
  );
  assert.equal(result.ok, true, result.message);
  assert.equal(result.outputs['deployed-sha'], OLD);
  assert.equal(result.outputs['previous-sha'], NEW);
  const audit = host.stdinJson('audit');
  assert.deepEqual([audit['action'], audit['result'], audit['from'], audit['to'], audit['reason']], ['rollback', 'success', NEW, OLD, 'api 500s']);
  assert.match(reporter.summaries.join('\n'), /Rolled back/);
});

test('a cancel between two services: the deploy stops, the moved service goes back, current points at the live release again, the lock is released', async () => {
  const interrupts = new ManualInterrupts();
  const { result, host, reporter } = await run(
    [
      lock,
      probe(OLD, [success(OLD)]),
      { label: 'unpack' },
      config(NEW),
      pull,
      { label: `switch ${NEW.slice(0, 4)}` },
      upDb(NEW),
      // The first signal arrives while api rolls: a health wait on the host stops at the marker the cancel leaves.
      roll('api', NEW, () => interrupts.first()),
      { label: 'cancel' },
      // Docker answers (settle), then worker is never rolled: back to the live release.
      { label: 'settle' },
      { label: `switch ${OLD.slice(0, 4)}` },
      config(OLD),
      upDb(OLD),
      roll('api', OLD),
      { label: 'containers' },
      { label: 'audit' },
      unlock,
    ],
    undefined,
    interrupts,
  );
  assert.equal(result.ok, false);
  assert.equal(result.outputs['result'], 'rolled-back');
  assert.equal(result.outputs['rolled-back'], 'true');
  assert.match(result.message ?? '', /the run was cancelled/);
  assert.match(reporter.lines.join('\n'), /cancel requested/);
  const audit = host.stdinJson('audit');
  assert.equal(audit['result'], 'rolled-back');
  assert.deepEqual((audit['services'] as { service: string; result: string }[]).map((s) => [s.service, s.result]), [['api', 'rolled-back'], ['worker', 'not-started']]);
});

test('a second signal while a service rolls (the kill is near): the run records that it was cut short, points current back at the live release and frees the lock', async () => {
  const interrupts = new ManualInterrupts();
  let abandoned: Promise<void> | undefined;
  const host = new ScriptedHost([
    lock,
    probe(OLD, [success(OLD)]),
    { label: 'unpack' },
    config(NEW),
    pull,
    { label: `switch ${NEW.slice(0, 4)}` },
    upDb(NEW),
    {
      ...roll('api', NEW, () => {
        interrupts.first();
        abandoned = interrupts.again();
      }),
      // The roll is still waiting on the host when the process ends.
      until: new Promise(() => undefined),
    },
    { label: 'cancel' },
    { label: 'audit' },
    { label: `switch ${OLD.slice(0, 4)}` },
    unlock,
  ]);
  const reporter = new MemoryReporter();
  void runOnHost(ds, deployKind(ds), reporter, { connectHost: async () => host, interrupts });
  await waitFor(() => abandoned !== undefined);
  await abandoned;
  assert.deepEqual(host.problems, []);
  assert.equal(host.labels.at(-1), 'unlock');
  const audit = host.stdinJson('audit');
  assert.equal(audit['result'], 'failed');
  assert.match(String(audit['error']), /cancelled: the runner stopped the deploy/);
});

test('a service that fails its health gate: automatic rollback of what moved, the failed one\'s output in the summary, the lock released', async () => {
  const { result, host, reporter } = await run([
    lock,
    probe(OLD, [success(OLD)]),
    { label: 'unpack' },
    config(NEW),
    pull,
    { label: `switch ${NEW.slice(0, 4)}` },
    upDb(NEW),
    roll('api', NEW),
    { label: `roll worker ${NEW.slice(0, 4)}`, answer: { code: 1, stdout: 'reason=not healthy after 60s\nhealth| connection refused\nlog| worker: cannot reach queue\n' } },
    // worker rolled (rolling): its old containers kept serving; api, already moved, goes back.
    { label: 'settle' },
    { label: `switch ${OLD.slice(0, 4)}` },
    config(OLD),
    upDb(OLD),
    roll('api', OLD),
    // Afterwards the host is checked for a service running two releases.
    { label: 'containers', answer: { stdout: `api ${OLD_API} ${'a'.repeat(64)}\nworker ${OLD_WORKER} ${'b'.repeat(64)}\n` } },
    { label: 'audit' },
    unlock,
  ]);
  assert.equal(result.ok, false);
  assert.equal(result.outputs['result'], 'rolled-back');
  assert.match(result.message ?? '', /service worker did not become healthy: not healthy after 60s/);
  assert.match(result.message ?? '', new RegExp(`Release \`${OLD.slice(0, 12)}\` is serving`));
  const summary = reporter.summaries.join('\n');
  assert.match(summary, /worker: health output and last log lines/);
  assert.match(summary, /cannot reach queue/);
  const audit = host.stdinJson('audit');
  assert.deepEqual((audit['services'] as { service: string; result: string }[]).map((s) => [s.service, s.result]), [['api', 'rolled-back'], ['worker', 'failed']]);
});

// The Docker daemon restarting under a roll: the new api container cannot be removed while it is
// away, and its restart policy would bring it back beside the old one.
const strandedRoll: Step = { label: `roll api ${NEW.slice(0, 4)}`, answer: { code: 1, stdout: `reason=the Docker daemon stopped answering\nstranded=${ID_NEW}\n` } };

test('Docker restarts during a roll and answers again: the container it left is removed, then the rollback runs and the host is checked', async () => {
  const { result, host, reporter } = await run([
    lock,
    probe(OLD, [success(OLD)]),
    { label: 'unpack' },
    config(NEW),
    pull,
    { label: `switch ${NEW.slice(0, 4)}` },
    upDb(NEW),
    strandedRoll,
    { label: 'settle', answer: { stdout: `docker=up waited=4\nremoved=${ID_NEW}\n` } },
    { label: 'settle', answer: { stdout: 'docker=up waited=0\n' } },
    { label: `switch ${OLD.slice(0, 4)}` },
    config(OLD),
    upDb(OLD),
    { label: 'containers', answer: { stdout: `api ${OLD_API} ${'a'.repeat(64)}\nworker ${OLD_WORKER} ${'b'.repeat(64)}\n` } },
    { label: 'audit' },
    unlock,
  ]);
  assert.equal(result.ok, false);
  assert.equal(result.outputs['result'], 'rolled-back');
  assert.match(result.message ?? '', /service api did not become healthy: the Docker daemon stopped answering/);
  assert.doesNotMatch(result.message ?? '', /two releases/);
  assert.match(reporter.lines.join('\n'), /api: Docker answered again; removed cccccccccccc/);
  const settle = host.sent.find((c) => c.label === 'settle')!.command.argv;
  assert.deepEqual(settle.slice(-2), ['90', ID_NEW], 'waits for Docker, then removes exactly the stranded container');
});

test('Docker does not come back: the deploy says the host may run two releases of the service, and which containers to remove', async () => {
  const { result, host } = await run([
    lock,
    probe(OLD, [success(OLD)]),
    { label: 'unpack' },
    config(NEW),
    pull,
    { label: `switch ${NEW.slice(0, 4)}` },
    upDb(NEW),
    strandedRoll,
    { label: 'settle', answer: { code: 1, stdout: `docker=down\nstranded=${ID_NEW}\n` } },
    { label: 'settle', answer: { code: 1, stdout: 'docker=down\n' } },
    { label: 'containers', answer: { code: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' } },
    { label: 'audit' },
    unlock,
  ]);
  assert.equal(result.ok, false);
  assert.equal(result.outputs['result'], 'failed');
  const message = result.message ?? '';
  assert.match(message, /Rolling back failed as well \(Docker on deploy@scripted:22 did not answer for 90s\)/);
  assert.match(message, /container cccccccccccc of api could not be removed: when they run, the host serves two releases of api/);
  assert.match(message, /the containers on deploy@scripted:22 could not be listed/);
  assert.match(String(host.stdinJson('audit')['error']), /two releases of api/);
});

/** A deploy whose api roll failed and was answered by a rollback; then the host is listed, and `after` follows. */
const failedThenListed = (listing: string, after: Step[]): Step[] => [
  lock,
  probe(OLD, [success(OLD)]),
  { label: 'unpack' },
  config(NEW),
  pull,
  { label: `switch ${NEW.slice(0, 4)}` },
  upDb(NEW),
  { label: `roll api ${NEW.slice(0, 4)}`, answer: { code: 1, stdout: 'reason=the Docker daemon stopped answering\n' } },
  { label: 'settle', answer: { stdout: 'docker=up waited=0\n' } },
  { label: `switch ${OLD.slice(0, 4)}` },
  config(OLD),
  upDb(OLD),
  { label: 'containers', answer: { stdout: listing } },
  ...after,
  { label: 'audit' },
  unlock,
];
const twoApis = `api ${OLD_API} ${'a'.repeat(64)}\napi ${NEW_API} ${ID_NEW}\nworker ${OLD_WORKER} ${'b'.repeat(64)}\n`;

test('after a failed deploy, a container of the failed release that came back beside the live one is removed', async () => {
  const { result, host, reporter } = await run(failedThenListed(twoApis, [{ label: 'settle', answer: { stdout: `docker=up waited=0\nremoved=${ID_NEW}\n` } }]));
  assert.equal(result.ok, false);
  assert.equal(result.outputs['result'], 'rolled-back');
  assert.doesNotMatch(result.message ?? '', /two releases/);
  assert.match(reporter.lines.join('\n'), /api: removed cccccccccccc, container of the failed release that came back beside the live one's/);
  assert.deepEqual(host.sent.filter((c) => c.label === 'settle').at(-1)!.command.argv.slice(-1), [ID_NEW], 'only the failed release\'s container is removed');
});

test('after a failed deploy, containers of two releases that cannot be removed are named with their images', async () => {
  const { result, host } = await run(failedThenListed(twoApis, [{ label: 'settle', answer: { code: 1, stdout: `docker=up waited=0\nstranded=${ID_NEW}\n` } }]));
  assert.equal(result.ok, false);
  assert.match(result.message ?? '', /Also: the host runs containers of two releases: api \(1 on 127\.0\.0\.1:5000\/shop\/api:sha-111111111111…, 1 on 127\.0\.0\.1:5000\/shop\/api:sha-222222222222…\)/);
  assert.match(String(host.stdinJson('audit')['error']), /two releases: api/);
});

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setImmediate(r));
}
