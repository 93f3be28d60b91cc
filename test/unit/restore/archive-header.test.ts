import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headerVersions, parseArchiveHeader, readArchiveHeader } from '../../../src/restore/archive-header.js';
import { needsFromSql, newerMajorProblem } from '../../../src/restore/dump-contents.js';

/** A header laid out as pg_dump writes it, with 4-byte ints and 8-byte offsets. */
function header(vmin: number, versions: [string, string] | undefined, intSize = 4): Buffer {
  const int = (n: number): Buffer => {
    const b = Buffer.alloc(1 + intSize);
    b[0] = n < 0 ? 1 : 0;
    let v = Math.abs(n);
    for (let i = 0; i < intSize; i++) {
      b[1 + i] = v & 0xff;
      v = Math.floor(v / 256);
    }
    return b;
  };
  const str = (s: string): Buffer => Buffer.concat([int(Buffer.byteLength(s)), Buffer.from(s)]);
  const parts: Uint8Array[] = [Buffer.from('PGDMP'), Buffer.from([1, vmin, 0, intSize, 8, 1])];
  // Compression: one byte (the algorithm) from 1.15, an int (the level) before.
  parts.push(vmin >= 15 ? Buffer.from([0]) : int(-1));
  for (const n of [5, 4, 3, 29, 10, 126, 0]) parts.push(int(n));
  parts.push(str('shop'));
  if (versions) parts.push(str(versions[0]), str(versions[1]));
  // What follows the header: the TOC's entry count, and so on.
  parts.push(int(42), Buffer.from('rest of the archive'));
  return Buffer.concat(parts);
}

test('parseArchiveHeader: versions of a PostgreSQL 17 archive (1.16, compression as one byte)', () => {
  const h = parseArchiveHeader(header(16, ['17.6 (Debian 17.6-0+deb13u1)', '17.6 (Debian 17.6-0+deb13u1)']));
  assert.deepEqual(h, { archiveVersion: '1.16', serverVersion: '17.6 (Debian 17.6-0+deb13u1)', pgDumpVersion: '17.6 (Debian 17.6-0+deb13u1)' });
  assert.match(newerMajorProblem(headerVersions(h), 15)!, /comes from PostgreSQL 17 .*newer than the disposable server's 15/);
});

test('parseArchiveHeader: a PostgreSQL 15 archive (1.14, compression as an int), and 8-byte ints', () => {
  assert.deepEqual(parseArchiveHeader(header(14, ['15.18 (Debian 15.18-0+deb12u1)', '15.18 (Debian 15.18-0+deb12u1)'])), {
    archiveVersion: '1.14',
    serverVersion: '15.18 (Debian 15.18-0+deb12u1)',
    pgDumpVersion: '15.18 (Debian 15.18-0+deb12u1)',
  });
  assert.equal(parseArchiveHeader(header(16, ['16.2', '17.1'], 8))?.pgDumpVersion, '17.1');
});

test('parseArchiveHeader: an archive older than 1.10 has no versions; not a header, or cut short: undefined', () => {
  assert.deepEqual(parseArchiveHeader(header(9, undefined)), { archiveVersion: '1.9' });
  assert.equal(parseArchiveHeader(Buffer.from('-- PostgreSQL database dump\n')), undefined);
  const full = header(16, ['17.6', '17.6']);
  assert.equal(parseArchiveHeader(full.subarray(0, full.indexOf('17.6') + 2)), undefined, 'a version string cut in half');
  assert.equal(parseArchiveHeader(full.subarray(0, 7)), undefined);
  assert.equal(parseArchiveHeader(Buffer.concat([Buffer.from('PGDMP'), Buffer.from([1, 16, 0, 200])])), undefined, 'an impossible int size');
});

test('readArchiveHeader: a custom file, a directory dump\'s toc.dat; a plain dump or a missing toc.dat: undefined', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-header-'));
  try {
    writeFileSync(join(dir, 'a.dump'), header(16, ['17.6', '17.6']));
    assert.equal(readArchiveHeader(join(dir, 'a.dump'), 'custom')?.serverVersion, '17.6');
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'toc.dat'), header(14, ['15.4', '15.4']));
    assert.equal(readArchiveHeader(join(dir, 'd'), 'directory')?.pgDumpVersion, '15.4');
    mkdirSync(join(dir, 'empty'));
    assert.equal(readArchiveHeader(join(dir, 'empty'), 'directory'), undefined);
    assert.equal(readArchiveHeader(join(dir, 'a.dump'), 'plain'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('needsFromSql: a PostgreSQL 17 plain dump with \\restrict and SET transaction_timeout', () => {
  const sql = [
    '--',
    '-- PostgreSQL database dump',
    '--',
    '',
    '\\restrict AbCdEf0123456789',
    '',
    '-- Dumped from database version 17.6 (Debian 17.6-0+deb13u1)',
    '-- Dumped by pg_dump version 17.6 (Debian 17.6-0+deb13u1)',
    '',
    'SET statement_timeout = 0;',
    'SET transaction_timeout = 0;',
  ].join('\n');
  const n = needsFromSql(sql);
  assert.deepEqual([n.serverVersion, n.pgDumpVersion], ['17.6', '17.6']);
  assert.match(newerMajorProblem(n, 15)!, /PostgreSQL 17 .*15/);
  assert.equal(newerMajorProblem(n, 17), undefined);
});
