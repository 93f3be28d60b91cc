import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRetention, type StoredFile } from '../../../src/backup/retention.js';
import { dumpFileName, parseDumpName, utcStamp } from '../../../src/backup/manifest.js';

const sha = 'a'.repeat(40);
const now = new Date('2026-05-10T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
/** A finished dump: the dump with its sidecar and manifest. */
const verified = (at: Date): StoredFile[] => {
  const name = dumpFileName('shop', at, sha);
  return [{ name, size: 100 }, { name: `${name}.sha256`, size: 80 }, { name: `${name}.json`, size: 300 }];
};

test('file names carry the project, the UTC second and the sha, and read back', () => {
  const at = new Date('2026-05-10T08:09:07.654Z');
  assert.equal(utcStamp(at), '20260510T080907Z');
  assert.equal(dumpFileName('shop', at, sha), `shop-20260510T080907Z-${sha}.dump`);
  assert.equal(parseDumpName(dumpFileName('shop', at, sha), 'shop')?.toISOString(), '2026-05-10T08:09:07.000Z');
  assert.equal(parseDumpName(dumpFileName('shop', at, sha), 'other'), undefined, 'another project\'s dumps are not ours');
  assert.equal(parseDumpName('notes.txt', 'shop'), undefined);
});

test('keeps the newest `keep` verified dumps and removes older ones with their sidecars', () => {
  const files = [0, 1, 2, 3, 4].flatMap((d) => verified(daysAgo(d)));
  const plan = planRetention(files, 'shop', now, 2, 0);
  assert.deepEqual(plan.kept, [0, 1].map((d) => dumpFileName('shop', daysAgo(d), sha)));
  assert.deepEqual(plan.remove, [2, 3, 4].map((d) => dumpFileName('shop', daysAgo(d), sha)).sort());
});

test('keeps everything younger than keep-days even beyond keep', () => {
  const files = [0, 1, 2, 5, 9].flatMap((d) => verified(daysAgo(d)));
  const plan = planRetention(files, 'shop', now, 1, 3);
  assert.deepEqual(plan.kept, [0, 1, 2].map((d) => dumpFileName('shop', daysAgo(d), sha)));
  assert.deepEqual(plan.remove, [5, 9].map((d) => dumpFileName('shop', daysAgo(d), sha)).sort());
});

test('the newest verified dump survives even when every dump is older than keep-days', () => {
  const files = [30, 40].flatMap((d) => verified(daysAgo(d)));
  assert.deepEqual(planRetention(files, 'shop', now, 1, 7).kept, [dumpFileName('shop', daysAgo(30), sha)]);
});

test('a dump without its sidecar, a partial file and an orphaned manifest are removed and never counted', () => {
  const unverified = dumpFileName('shop', daysAgo(0), sha);
  const orphan = dumpFileName('shop', daysAgo(3), sha);
  const files: StoredFile[] = [
    { name: unverified, size: 100 },
    { name: `.${dumpFileName('shop', daysAgo(0), 'b'.repeat(40))}.partial`, size: 50 },
    { name: `${orphan}.json`, size: 300 },
    ...verified(daysAgo(1)),
    ...verified(daysAgo(2)),
    { name: 'README.txt', size: 10 },
    ...verified(daysAgo(1)).map((f) => ({ ...f, name: f.name.replace(/^shop-/, 'other-') })),
  ];
  const plan = planRetention(files, 'shop', now, 1, 0);
  // The unverified newer file did not take the one place `keep: 1` leaves.
  assert.deepEqual(plan.kept, [dumpFileName('shop', daysAgo(1), sha)]);
  assert.deepEqual(
    plan.remove,
    [unverified, `.${dumpFileName('shop', daysAgo(0), 'b'.repeat(40))}.partial`, orphan, dumpFileName('shop', daysAgo(2), sha)].sort(),
  );
  assert.ok(!plan.remove.some((n) => n.startsWith('other-') || n === 'README.txt'), 'files that are not this project\'s dumps stay');
});
