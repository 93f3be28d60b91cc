import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarArchive } from '../../../src/runtime/tar.js';

test('a release archive: tar reads back its files, modes, the archive\'s time and a path past 100 bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-tar-release-'));
  try {
    const long = `deploy/${'d'.repeat(60)}/${'f'.repeat(60)}.conf`;
    const tar = tarArchive([{ path: 'compose.yaml', data: 'services: {}\n', mode: 0o644 }, { path: long, data: Buffer.from('x=1\n'), mode: 0o644 }, { path: '.env', data: 'SECRET=1\n', mode: 0o600 }], 1_700_000_000);
    writeFileSync(join(dir, 'r.tar'), tar);
    execFileSync('tar', ['-xf', join(dir, 'r.tar'), '-C', dir]);
    assert.equal(readFileSync(join(dir, 'compose.yaml'), 'utf8'), 'services: {}\n');
    assert.equal(readFileSync(join(dir, long), 'utf8'), 'x=1\n');
    assert.equal(statSync(join(dir, '.env')).mode & 0o777, 0o600);
    assert.equal(Math.floor(statSync(join(dir, 'compose.yaml')).mtimeMs / 1000), 1_700_000_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a path that leaves the archive\'s root, or that no ustar header can hold, is refused', () => {
  assert.throws(() => tarArchive([{ path: '../etc/passwd', data: 'x', mode: 0o644 }]), /leaves the archive's root: \.\.\/etc\/passwd/);
  assert.throws(() => tarArchive([{ path: 'a/../../b', data: 'x', mode: 0o644 }]), /leaves the archive's root/);
  assert.throws(() => tarArchive([{ path: 'x'.repeat(101), data: 'x', mode: 0o644 }]), /too long for a tar header/);
  assert.throws(() => tarArchive([{ path: `${'p'.repeat(160)}/f`, data: 'x', mode: 0o644 }]), /too long for a tar header/);
});
