import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asideDatabases, asideName, countMismatches, dumpFormat, nameStamp, pickDump, preview, restoreJobs, restoringDatabases, restoringName } from '../../../src/db-restore/restore-plan.js';
import { explainState, keptAside, parseRestoreState, swapped } from '../../../src/db-restore/state.js';
import { parseSwitch } from '../../../src/maintenance/maintenance-settings.js';
import { parseMaintenance, switchCommand } from '../../../src/maintenance/switch.js';
import { parseCliArgs } from '../../../src/cli/args.js';
import { InputError } from '../../../src/errors.js';
import type { AuditRecord } from '../../../src/host/probe.js';

const AT = new Date('2026-12-07T01:02:03.456Z');
const SHA = 'a'.repeat(40);

test('names: the stamp is lower-case digits; long database names are cut so the suffix fits 63 bytes', () => {
  assert.equal(nameStamp(AT), '20261207_010203');
  assert.equal(restoringName('app', AT), 'app_restoring_20261207_010203');
  assert.equal(asideName('app', AT), 'app_pre_restore_20261207_010203');
  const long = 'x'.repeat(80);
  assert.equal(asideName(long, AT).length, 63);
  assert.ok(asideName(long, AT).endsWith('_pre_restore_20261207_010203'));
  assert.equal(restoringName(long, AT).length, 63);
});

test('asideDatabases / restoringDatabases find only this database\'s, with their time', () => {
  const names = ['app', 'app_pre_restore_20261201_000000', 'app_pre_restore_junk', 'apple_pre_restore_20261201_000000', 'app_restoring_20261207_010203', 'postgres'];
  assert.deepEqual(asideDatabases(names, 'app'), [{ name: 'app_pre_restore_20261201_000000', at: new Date('2026-12-01T00:00:00Z') }]);
  assert.deepEqual(restoringDatabases(names, 'app'), ['app_restoring_20261207_010203']);
  const long = 'y'.repeat(70);
  assert.deepEqual(asideDatabases([asideName(long, AT)], long).map((d) => d.at), [new Date('2026-12-07T01:02:03Z')]);
});

test('pickDump: the newest verified dump, a named one, or bad input listing what there is', () => {
  const files = [
    { name: `shop-20261201T000000Z-${SHA}.dump`, size: 10 },
    { name: `shop-20261201T000000Z-${SHA}.dump.sha256`, size: 1 },
    { name: `shop-20261205T000000Z-${SHA}.dump`, size: 10 },
    { name: `shop-20261205T000000Z-${SHA}.dump.sha256`, size: 1 },
    { name: `shop-20261206T000000Z-${SHA}.dump`, size: 10 },
  ];
  assert.equal(pickDump(files, 'shop', undefined), `shop-20261205T000000Z-${SHA}.dump`, 'a dump without its sidecar is not verified');
  assert.equal(pickDump(files, 'shop', `shop-20261201T000000Z-${SHA}.dump`), `shop-20261201T000000Z-${SHA}.dump`);
  assert.throws(() => pickDump(files, 'shop', `shop-20261206T000000Z-${SHA}.dump`), (e: Error) => e instanceof InputError && /no \.sha256 sidecar/.test(e.message));
  assert.throws(() => pickDump(files, 'shop', 'nope.dump'), (e: Error) => e instanceof InputError && /is not in the backup dir/.test(e.message) && e.message.includes('20261205'));
  assert.throws(() => pickDump(files, 'shop', '../etc/passwd'), InputError);
  assert.throws(() => pickDump([], 'shop', undefined), /no verified backup/);
});

test('preview: the age of the dump and the releases deployed after it', () => {
  const audit = [
    { action: 'deploy', sha: 'b'.repeat(40), startedAt: '2026-12-06T00:00:00Z', finishedAt: '2026-12-06T00:01:00Z', result: 'success' },
    { action: 'deploy', sha: 'c'.repeat(40), startedAt: '2026-12-04T00:00:00Z', finishedAt: '2026-12-04T00:01:00Z', result: 'success' },
    { action: 'deploy', sha: 'd'.repeat(40), startedAt: '2026-12-06T10:00:00Z', result: 'failed' },
  ] as AuditRecord[];
  const p = preview(`shop-20261205T000000Z-${SHA}.dump`, { created_at: '2026-12-05T00:00:00Z', tables: { 'public.a': 3, 'public.b': 4 } }, 'shop', audit, new Date('2026-12-07T00:00:00Z'));
  assert.equal(p.rpoSeconds, 2 * 86400);
  assert.equal(p.tables, 2);
  assert.equal(p.rows, 7);
  assert.deepEqual(p.deployedSince.map((r) => r.sha[0]), ['b']);
  assert.equal(preview(`shop-20261205T000000Z-${SHA}.dump`, {}, 'shop', [], new Date('2026-12-05T00:00:10Z')).rpoSeconds, 10, 'without created_at, the name says when');
});

test('countMismatches names every table that differs, is missing, or is new', () => {
  assert.deepEqual(countMismatches({ 'public.a': 3 }, { 'public.a': 3 }), []);
  assert.deepEqual(countMismatches({ 'public.a': 3, 'public.b': 1 }, { 'public.a': 2, 'public.c': 0 }), ['public.a: 2 rows, the manifest says 3', 'public.b: missing (the manifest says 1 rows)', 'public.c: 0 rows, not in the manifest']);
});

test('restore state: parsed, judged swapped or not, explained; a torn file is none', () => {
  const s = { phase: 'restoring', backup: 'x.dump', database: 'app', restored: 'app_restoring_1', aside: 'app_pre_restore_1', writers: ['api'], startedAt: '2026-12-07T00:00:00Z' };
  const parsed = parseRestoreState(JSON.stringify(s))!;
  assert.equal(swapped(parsed), false);
  assert.match(explainState(parsed), /before the swap: app was not changed/);
  assert.equal(swapped({ ...parsed, phase: 'starting' }), true);
  assert.match(explainState({ ...parsed, phase: 'swapped' }), /app holds the restored data, the replaced one is kept as app_pre_restore_1/);
  assert.equal(parseRestoreState('{"phase":"rest'), undefined);
  assert.equal(parseRestoreState(undefined), undefined);
});

test('keptAside: restored databases not dropped since, newest first', () => {
  const events = [
    { action: 'restore', sha: SHA, startedAt: '1', finishedAt: '2026-12-01T00:00:00Z', result: 'success', previousDatabase: 'app_pre_restore_1' },
    { action: 'restore', sha: SHA, startedAt: '2', finishedAt: '2026-12-02T00:00:00Z', result: 'failed', previousDatabase: 'app_pre_restore_x' },
    { action: 'restore', sha: SHA, startedAt: '3', finishedAt: '2026-12-03T00:00:00Z', result: 'success', previousDatabase: 'app_pre_restore_3', dropped: ['app_pre_restore_1'] },
  ] as AuditRecord[];
  assert.deepEqual(keptAside(events).map((k) => k.name), ['app_pre_restore_3']);
});

test('maintenance: on|off only; the switch writes its record on stdin; a hand-made file still means on', () => {
  assert.equal(parseSwitch('on'), true);
  assert.equal(parseSwitch(' OFF '), false);
  assert.throws(() => parseSwitch('maybe'), InputError);
  assert.throws(() => parseSwitch(undefined), InputError);
  const c = switchCommand('/srv/shop', true, { since: 'now', reason: 'r' });
  assert.deepEqual(c.argv.slice(3), ['compose-deploy-maintenance', '/srv/shop', 'on']);
  assert.equal(JSON.parse(c.stdin!).reason, 'r');
  assert.equal(switchCommand('/srv/shop', false).stdin, undefined);
  assert.deepEqual(parseMaintenance(''), { since: '' });
  assert.equal(parseMaintenance(undefined), undefined);
  assert.equal(parseMaintenance('{"since":"t","by":"restore"}')?.by, 'restore');
});

test('CLI: compose-deploy maintenance on|off takes the switch as its one word', () => {
  assert.equal(parseCliArgs(['maintenance', 'on']).explicit['maintenance'], 'on');
  assert.equal(parseCliArgs(['maintenance', '--deploy-path', '/srv', 'off']).explicit['maintenance'], 'off');
  assert.throws(() => parseCliArgs(['maintenance', 'on', 'off']), InputError);
  assert.throws(() => parseCliArgs(['restore', 'now']), InputError);
});

test('rollback with-data: the newest pre-deploy backup taken while the target was live; else bad input naming those that have one', async () => {
  const { matchingDump, parseManifestLines } = await import('../../../src/db-restore/with-data.js');
  const T = 't'.repeat(40);
  const R = 'r'.repeat(40);
  const dumps = parseManifestLines(
    [
      `manifest=old.dump ${JSON.stringify({ sha: T, deploying_sha: R })}`,
      `manifest=new.dump ${JSON.stringify({ sha: T, deploying_sha: R })}`,
      `manifest=plain.dump ${JSON.stringify({ sha: T })}`,
      `manifest=other.dump ${JSON.stringify({ sha: R, deploying_sha: SHA })}`,
      'manifest=torn.dump {"sha',
    ].join('\n'),
  );
  assert.equal(dumps.length, 4);
  assert.equal(matchingDump(dumps, ['plain.dump', 'new.dump', 'old.dump', 'other.dump'], T), 'new.dump');
  assert.throws(() => matchingDump(dumps, ['plain.dump'], T), (e: Error) => e instanceof InputError && /No release has one/.test(e.message));
  assert.throws(() => matchingDump(dumps, ['other.dump', 'plain.dump'], T), (e: Error) => e instanceof InputError && e.message.includes(`Releases that have one: ${R.slice(0, 12)}`));
});

test('pg_restore jobs: restore.jobs when set; else the container\'s CPUs, at most four; one for a dump that cannot run in parallel', () => {
  const cases: Array<[number | undefined, string | undefined, number | undefined, number]> = [
    [undefined, 'custom', 2, 2],
    [undefined, 'custom', 1, 1],
    [undefined, 'custom', 16, 4],
    [undefined, undefined, 8, 4],
    [undefined, 'directory', 3, 3],
    [undefined, 'custom', undefined, 1],
    [undefined, 'custom', Number.NaN, 1],
    [undefined, 'custom', 0, 1],
    [8, 'custom', 2, 8],
    [1, 'custom', 16, 1],
    [8, 'plain', 16, 1],
    [undefined, 'plain', 16, 1],
    [undefined, 'tar', 16, 1],
  ];
  for (const [asked, format, cpus, want] of cases) assert.equal(restoreJobs(asked, format, cpus), want, JSON.stringify({ asked, format, cpus }));
  assert.equal(dumpFormat('{"format":"custom","size":1}'), 'custom');
  assert.equal(dumpFormat('{"size":1}'), undefined);
  assert.equal(dumpFormat('not json'), undefined);
  assert.equal(dumpFormat(undefined), undefined);
});
