import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compareTables, parsePairs, qualified, splitStatements } from '../../../src/restore/checks.js';
import { needsFromSql, needsFromToc, newerMajorProblem } from '../../../src/restore/dump-contents.js';
import { majorOf, parseManifest } from '../../../src/restore/manifest.js';
import { findLocalBackup } from '../../../src/restore/source.js';
import { IntegrityError, verifyChecksums, verifyShape } from '../../../src/restore/integrity.js';
import { humanDuration, parseDuration } from '../../../src/config/duration.js';
import { InputError } from '../../../src/errors.js';
import { createHash } from 'node:crypto';

test('durations: whole numbers with s, m, h or d; anything else names the key', () => {
  assert.equal(parseDuration('k', '26h'), 93600);
  assert.equal(parseDuration('k', '7d'), 604800);
  assert.equal(parseDuration('k', '90m'), 5400);
  assert.equal(parseDuration('k', '45s'), 45);
  for (const bad of ['26', 'h', '1.5h', '-1d', '3w', '']) assert.throws(() => parseDuration('restore-test.max-age', bad), (e: unknown) => e instanceof InputError && /restore-test\.max-age/.test((e as Error).message), bad);
  assert.equal(humanDuration(59), '59s');
  assert.equal(humanDuration(3 * 86400 + 7200), '3d 2h');
});

test('majorOf: the major of any way PostgreSQL writes its version', () => {
  assert.equal(majorOf('15.18 (Debian 15.18-0+deb12u1)'), 15);
  assert.equal(majorOf('PostgreSQL 17.2'), 17);
  assert.equal(majorOf('16'), 16);
  assert.equal(majorOf('9.6.24'), undefined);
  assert.equal(majorOf(undefined), undefined);
});

test('needsFromToc: versions, extensions and owners from pg_restore --list', () => {
  const list = [
    ';',
    '; Archive created at 2026-11-29 06:00:00 UTC',
    ';     dbname: shop',
    ';     Dumped from database version: 16.4 (Debian 16.4-1)',
    ';     Dumped by pg_dump version: 16.4',
    ';',
    '2; 3079 16385 EXTENSION - pgcrypto ',
    '3; 0 0 COMMENT - EXTENSION pgcrypto ',
    '215; 1259 16390 TABLE public orders shop',
    '216; 1259 16391 TABLE billing invoices accounting',
    '3350; 0 16390 TABLE DATA public orders shop',
  ].join('\n');
  const n = needsFromToc(list);
  assert.equal(n.serverVersion, '16.4');
  assert.equal(n.pgDumpVersion, '16.4');
  assert.deepEqual(n.extensions, ['pgcrypto']);
  assert.deepEqual(n.roles, ['accounting', 'shop']);
});

test('needsFromSql: a plain dump\'s versions, CREATE EXTENSION, OWNER TO and GRANT ... TO', () => {
  const sql = [
    '-- Dumped from database version 17.2',
    '-- Dumped by pg_dump version 17.2',
    'CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;',
    'CREATE EXTENSION "uuid-ossp";',
    'ALTER TABLE public.orders OWNER TO shop;',
    'ALTER SCHEMA billing OWNER TO "Accounting";',
    'GRANT SELECT ON TABLE public.orders TO reporting, PUBLIC;',
  ].join('\n');
  const n = needsFromSql(sql);
  assert.deepEqual([n.serverVersion, n.pgDumpVersion], ['17.2', '17.2']);
  assert.deepEqual(n.extensions, ['pgcrypto', 'uuid-ossp']);
  assert.deepEqual(n.roles, ['Accounting', 'reporting', 'shop']);
});

test('newerMajorProblem: the dump\'s server or pg_dump major above the server\'s is named; equal or older is fine', () => {
  assert.equal(newerMajorProblem({ serverVersion: '15.4', pgDumpVersion: '15.4' }, 15), undefined);
  assert.equal(newerMajorProblem({ serverVersion: '14.1', pgDumpVersion: '15.2' }, 16), undefined);
  assert.match(newerMajorProblem({ serverVersion: '15.4', pgDumpVersion: '17.2' }, 15)!, /PostgreSQL 17 .*newer than the disposable server's 15/);
  assert.equal(newerMajorProblem({}, 15), undefined, 'unknown versions are not guessed');
});

test('compareTables: exact counts against the manifest, missing and extra tables', () => {
  const restored = parsePairs('public.orders|20000\npublic.customers|300\npublic.extra|1\n');
  const checks = compareTables({ 'public.orders': 20000, 'public.customers': 301, 'billing.invoices': 7 }, restored);
  assert.deepEqual(checks.map((c) => [c.table, c.expected, c.restored, c.ok]), [
    ['billing.invoices', 7, undefined, false],
    ['public.customers', 301, 300, false],
    ['public.extra', undefined, 1, true],
    ['public.orders', 20000, 20000, true],
  ]);
  assert.ok(compareTables(undefined, restored).every((c) => c.ok), 'without a manifest, counts are reported, not compared');
  assert.equal(qualified('orders'), 'public.orders');
  assert.equal(qualified('billing.invoices'), 'billing.invoices');
});

test('splitStatements: ";" at a line end ends a statement; comments and blanks are dropped', () => {
  assert.deepEqual(splitStatements('-- header\nSELECT 1 = 1;\n\nSELECT count(*) > 0\n  FROM orders; -- trailing\nSELECT \';\' = \';\'\n;\n-- only a comment\n'), [
    'SELECT 1 = 1;',
    'SELECT count(*) > 0\n  FROM orders; -- trailing',
    "SELECT ';' = ';'\n;",
  ]);
  assert.deepEqual(splitStatements('SELECT true'), ['SELECT true'], 'a last statement without ";" counts');
});

test('parseManifest: what restore-test needs, and a clear error for a broken one', () => {
  const m = parseManifest(JSON.stringify({ database: 'shop', created_at: '2026-11-29T00:00:00Z', tables: { 'public.a': 3 }, extra: 1 }), 'm.json');
  assert.deepEqual([m.database, m.created_at, m.tables], ['shop', '2026-11-29T00:00:00Z', { 'public.a': 3 }]);
  assert.throws(() => parseManifest('{', 'm.json'), /m\.json is not valid JSON/);
  assert.throws(() => parseManifest('[]', 'm.json'), /not a JSON object/);
  assert.throws(() => parseManifest('{"tables":{"public.a":-1}}', 'm.json'), /tables\["public\.a"\] is not a row count/);
});

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

test('findLocalBackup: the newest match of a glob by manifest time, sidecars never candidates; none found says where', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-unit-find-'));
  writeFileSync(join(dir, 'shop-1.dump'), 'PGDMPx');
  writeFileSync(join(dir, 'shop-1.dump.json'), JSON.stringify({ created_at: '2026-11-02T00:00:00Z' }));
  writeFileSync(join(dir, 'shop-2.dump'), 'PGDMPy');
  writeFileSync(join(dir, 'shop-2.dump.json'), JSON.stringify({ created_at: '2026-11-01T00:00:00Z' }));
  writeFileSync(join(dir, 'shop-2.dump.sha256'), sha('PGDMPy'));
  assert.equal(findLocalBackup(join(dir, 'shop-*'), '/').path, join(dir, 'shop-1.dump'));
  assert.equal(findLocalBackup('shop-2.dump', dir).checksumFile, join(dir, 'shop-2.dump.sha256'));
  assert.throws(() => findLocalBackup(join(dir, 'other-*.dump'), '/'), (e: unknown) => e instanceof InputError && (e as Error).message.includes(dir));
  assert.throws(() => findLocalBackup(join(dir, 'missing.dump'), '/'), InputError);
  assert.throws(() => findLocalBackup(join(dir, '*', 'x.dump'), '/'), /wildcards are allowed in the file name only/);
  // Without manifests, the file time decides.
  const d2 = mkdtempSync(join(tmpdir(), 'cd-unit-find-'));
  writeFileSync(join(d2, 'a.sql'), '--');
  writeFileSync(join(d2, 'b.sql'), '--');
  utimesSync(join(d2, 'a.sql'), new Date('2026-01-02'), new Date('2026-01-02'));
  utimesSync(join(d2, 'b.sql'), new Date('2026-01-01'), new Date('2026-01-01'));
  assert.equal(findLocalBackup(join(d2, '*.sql'), '/').path, join(d2, 'a.sql'));
});

test('integrity: sidecar checksums (own file or sha256sum lines), magic, completion line, gzip stream', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-unit-int-'));
  const put = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, name), content);
    return findLocalBackup(name, dir);
  };
  const good = put('a.dump', 'PGDMP-archive');
  writeFileSync(join(dir, 'a.dump.sha256'), `${sha('PGDMP-archive')}  a.dump\n`);
  assert.equal(await verifyChecksums(findLocalBackup('a.dump', dir)), sha('PGDMP-archive'));
  writeFileSync(join(dir, 'a.dump.sha256'), `${sha('other')}\n`);
  await assert.rejects(verifyChecksums(findLocalBackup('a.dump', dir)), (e: unknown) => e instanceof IntegrityError && /checksum mismatch/.test((e as Error).message));
  writeFileSync(join(dir, 'a.dump.sha256'), 'not a checksum\n');
  await assert.rejects(verifyChecksums(findLocalBackup('a.dump', dir)), /not a sha256sum line/);
  await verifyShape(good);
  await assert.rejects(verifyShape(put('b.dump', 'NOTPG')), /does not start with the custom-format magic PGDMP/);
  await assert.rejects(verifyShape(put('c.sql', '')), /the file is empty/);
  const complete = '--\n-- PostgreSQL database dump\n--\nSELECT 1;\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abc123\n\n';
  await verifyShape(put('d.sql', complete));
  await assert.rejects(verifyShape(put('e.sql', complete.slice(0, 40))), /cut short/);
  await verifyShape(put('f.sql.gz', gzipSync(complete)));
  await assert.rejects(verifyShape(put('g.sql.gz', gzipSync(complete).subarray(0, 30))), /gzip stream is damaged/);
  mkdirSync(join(dir, 'h.dir'));
  await assert.rejects(verifyShape(findLocalBackup('h.dir', dir)), /without a readable toc\.dat/);
});
