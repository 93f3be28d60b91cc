import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restoreCommandWith } from '../../../src/db-restore/db-restore-command.js';
import type { DbRestoreSettings } from '../../../src/db-restore/db-restore-settings.js';
import { MemoryReporter } from '../../../src/report/reporter.js';
import { ManualInterrupts, ScriptedHost, type Step } from '../deploy/scripted-host.js';

// A restore against a scripted host: how it feeds pg_restore (jobs), and what it does on hearing a
// cancelled workflow (SIGINT, then SIGTERM before the kill): before the swap it stops and puts
// production back itself; after it, it finishes. The whole runs against the harness in test/e2e/db-restore.

const LIVE = '1'.repeat(40);
const DUMP = `shop-20261201T030000Z-${LIVE}.dump`;
const SUM = 'a'.repeat(64);
const target = { host: 'scripted', port: 22, user: 'deploy', privateKey: 'unused' };
const common = { target, deployPath: '/srv/shop', project: 'shop', lockTimeout: 0, staleLockAfter: 3600, lockLease: 600, forceUnlock: false, actor: 'octocat', dryRun: false };
const rs: DbRestoreSettings = {
  bs: { ...common, service: 'db', dir: '/srv/shop/backups', keep: 7, keepDays: 0 },
  ds: { ...common, composeFiles: ['compose.yaml'], registry: '127.0.0.1:5000', order: [], healthTimeout: 60, minReadySeconds: 5, keepReleases: 5, drainSeconds: 2, minFreeDiskMb: 500, services: {}, request: {}, deployTarget: 'compose' },
  backup: DUMP,
  confirmed: true,
  confirmGiven: true,
  keepPrevious: '7d',
  keepPreviousSeconds: 7 * 86400,
  dryRun: false,
};

const lines = (...l: string[]) => ({ stdout: `${l.join('\n')}\n` });
const probe: Step = { label: 'probe', answer: lines('docker-version=27.3.1', 'compose-command=docker compose', 'compose-version=2.29.7', `current=${LIVE}`, `release=${LIVE}`) };
const inspect: Step = { label: 'backup-inspect', answer: lines('state=running', 'container=c0ffee', 'database=app', 'user=app', `file=100 ${DUMP}`, `file=64 ${DUMP}.sha256`, `file=300 ${DUMP}.json`, 'facts={}') };
const manifest = JSON.stringify({ size: 100, sha256: SUM, tables: { 'public.orders': 5 }, created_at: '2026-12-01T03:00:00Z' });
const verify: Step = { label: 'backup-verify', answer: lines('size=100', `checksum=${SUM}`, `sidecar=${SUM}`, `manifest=${manifest}`, 'magic=ok', 'list=ok', 'read=ok') };
const rendered = ['services:', '  api:', `    image: 127.0.0.1:5000/shop/api:sha-${LIVE}`, '    healthcheck: {test: [CMD, "true"]}', '  db:', '    image: postgres:15', ''].join('\n');
const state: Step = { label: 'restore-state' };
const roll = (then?: () => void): Step => ({ label: 'roll api 1111', answer: lines('ready=c0ffee after=3'), then });

/** From the start to the safety backup's dump (`then` runs as it is answered). */
const upToSafetyBackup = (then?: () => void): Step[] => [
  probe,
  inspect,
  { label: 'lock', answer: lines('lock=acquired') },
  probe,
  inspect,
  { label: 'psql postgres', answer: lines('app', 'postgres') },
  verify,
  { label: 'kept-release', answer: lines('compose-file=compose.yaml') },
  { label: 'compose 1111 config', answer: { stdout: rendered } },
  // Two CPUs in the database container: two jobs, from a copy of the dump in the container.
  { label: 'exec nproc', answer: lines('2') },
  { label: 'restore-stage' },
  state,
  { label: 'maintenance' },
  { label: 'compose 1111 rm --stop --force -- api' },
  inspect,
  { label: 'backup-dump', answer: lines('size=200', `checksum=${'b'.repeat(64)}`, 'counts={"public.orders":2}'), then },
  { label: 'backup-finish' },
];
/** Production put back before the swap: the services started, maintenance off, the state cleared, the record, the lock. */
const putBack: Step[] = [roll(), { label: 'maintenance' }, state, { label: 'audit' }, { label: 'exec rm' }, { label: 'unlock' }];

async function restore(script: Step[], interrupts: ManualInterrupts, settings: DbRestoreSettings = rs) {
  const host = new ScriptedHost(script);
  const reporter = new MemoryReporter();
  const result = await restoreCommandWith(settings, reporter, { connectHost: async () => host, interrupts });
  assert.deepEqual(host.problems, [], reporter.lines.join('\n'));
  assert.deepEqual(host.labels, script.map((s) => s.label));
  assert.equal(interrupts.listening, false, 'the restore stops listening for interrupts when it ends');
  return { result, host, reporter };
}

test('a cancel while pg_restore fills the new database: it is cut off at once, the new database dropped, the services started, maintenance off, the record says cancelled', async () => {
  const interrupts = new ManualInterrupts();
  const { result, host, reporter } = await restore(
    [
      ...upToSafetyBackup(),
      state,
      { label: 'psql postgres db restored' },
      { label: 'exec pg_restore', answer: { code: 1, stderr: 'pg_restore: error: a worker process died unexpectedly' }, then: () => interrupts.first() },
      // Sent by the cancel itself, while pg_restore still runs.
      { label: 'psql postgres name' },
      { label: 'psql postgres name' },
      ...putBack,
    ],
    interrupts,
  );
  const cutOff = host.sent.find((s) => s.label === 'psql postgres name')!.command;
  assert.match(cutOff.stdin!, /ALLOW_CONNECTIONS false[\s\S]*pg_terminate_backend/, 'the new database refuses connections, then its sessions are ended');
  assert.match(cutOff.argv.join(' '), /name=app_restoring_\d{8}_\d{6}/);
  assert.match(host.sent.filter((s) => s.label === 'psql postgres name')[1]!.command.stdin!, /DROP DATABASE/);
  assert.equal(result.ok, false);
  assert.equal(result.outputs['result'], 'unchanged');
  assert.match(result.message ?? '', /was cancelled before the swap\. Production is as it was before/);
  assert.match(reporter.lines.join('\n'), /cancel requested: stopping before the swap/);
  const audit = host.stdinJson('audit');
  assert.deepEqual([audit['action'], audit['result'], audit['outcome']], ['restore', 'failed', 'unchanged']);
  assert.match(String(audit['error']), /cancelled/);
});

test('a cancel during the safety backup: the backup ends, then the run stops before the new database is made and puts production back', async () => {
  const interrupts = new ManualInterrupts();
  const { result, host } = await restore([...upToSafetyBackup(() => interrupts.first()), ...putBack], interrupts);
  assert.equal(result.outputs['result'], 'unchanged');
  assert.match(result.outputs['backup-file']!, /\.dump$/, 'the safety backup taken is named');
  assert.match(String(host.stdinJson('audit')['error']), /cancelled before the swap/);
});

test('a cancel after the swap: the restore finishes (services through their gates, maintenance off), and says so', async () => {
  const interrupts = new ManualInterrupts();
  const { result, host, reporter } = await restore(
    [
      ...upToSafetyBackup(),
      state,
      { label: 'psql postgres db restored' },
      { label: 'exec pg_restore' },
      state,
      { label: 'psql app_restoring_<stamp>', answer: lines('counts={"public.orders":5}') },
      state,
      { label: 'psql postgres live incoming aside' },
      state,
      roll(() => interrupts.first()),
      { label: 'maintenance' },
      state,
      { label: 'psql postgres', answer: lines('app', 'postgres') },
      { label: 'audit' },
      { label: 'exec rm' },
      { label: 'unlock' },
    ],
    interrupts,
  );
  assert.equal(result.ok, true, result.message);
  assert.equal(result.outputs['result'], 'restored');
  assert.match(reporter.lines.join('\n'), /cancel requested after the swap: finishing the restore/);
  assert.equal(host.stdinJson('audit')['outcome'], 'restored');
});

test('a second signal while the services start again (the kill is near): the record says where it stopped, the lock is freed', async () => {
  const interrupts = new ManualInterrupts();
  let abandoned: Promise<void> | undefined;
  const host = new ScriptedHost([
    ...upToSafetyBackup(() => interrupts.first()),
    {
      ...roll(() => {
        abandoned = interrupts.again();
      }),
      // The health wait is still running on the host when the process ends.
      until: new Promise(() => undefined),
    },
    { label: 'audit' },
    { label: 'unlock' },
  ]);
  void restoreCommandWith(rs, new MemoryReporter(), { connectHost: async () => host, interrupts });
  while (abandoned === undefined) await new Promise((r) => setTimeout(r, 5));
  await abandoned;
  assert.deepEqual(host.problems, []);
  assert.equal(host.labels.at(-1), 'unlock');
  const audit = host.stdinJson('audit');
  assert.equal(audit['result'], 'failed');
  assert.match(String(audit['error']), /cancelled: the runner stopped the restore at "stopping" before it had put production back/);
});

/** After the safety backup, a restore that goes through: the new database filled by `fill`, counted, swapped, the services started. */
const throughTheSwap = (fill: string): Step[] => [
  state,
  { label: 'psql postgres db restored' },
  { label: fill },
  state,
  { label: 'psql app_restoring_<stamp>', answer: lines('counts={"public.orders":5}') },
  state,
  { label: 'psql postgres live incoming aside' },
  state,
  roll(),
  { label: 'maintenance' },
  state,
  { label: 'psql postgres', answer: lines('app', 'postgres') },
  { label: 'audit' },
];

test('jobs chosen from the database container (two CPUs): the dump copied into it before maintenance, pg_restore --jobs=2 from the copy, the copy removed at the end', async () => {
  const { result, host } = await restore([...upToSafetyBackup(), ...throughTheSwap('exec pg_restore'), { label: 'exec rm' }, { label: 'unlock' }], new ManualInterrupts());
  assert.equal(result.outputs['result'], 'restored', result.message);
  const argv = (label: string) => host.sent.find((s) => s.label === label)!.command.argv;
  const staged = argv('restore-stage').at(-1)!;
  assert.match(staged, /^\/tmp\/compose-deploy-restore-[0-9a-f]{16}\.dump$/);
  assert.deepEqual(argv('restore-stage').slice(-3), ['c0ffee', `/srv/shop/backups/${DUMP}`, staged]);
  assert.ok(host.labels.indexOf('restore-stage') < host.labels.indexOf('maintenance'), 'the copy costs no downtime');
  const restoring = argv('exec pg_restore');
  assert.ok(restoring.includes('--jobs=2') && restoring.at(-1) === staged && !restoring.includes('--single-transaction'), restoring.join(' '));
  assert.deepEqual(argv('exec rm').slice(-2), ['-f', staged]);
});

test('restore.jobs 1: no CPUs read, nothing copied; the dump streamed into pg_restore in one transaction', async () => {
  const script = upToSafetyBackup().filter((s) => s.label !== 'exec nproc' && s.label !== 'restore-stage');
  const { result, host } = await restore([...script, ...throughTheSwap('restore'), { label: 'unlock' }], new ManualInterrupts(), { ...rs, jobs: 1 });
  assert.equal(result.outputs['result'], 'restored', result.message);
  assert.match(host.sent.find((s) => s.label === 'restore')!.command.argv[2]!, /--single-transaction/);
});
