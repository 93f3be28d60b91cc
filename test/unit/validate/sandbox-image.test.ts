import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { elfLinks, sharedLibraryClosure, withFileAt } from '../../../src/validate/elf-needs.js';
import { tarArchive, withParents } from '../../../src/runtime/tar.js';

describe('the archive docker import makes the sandbox image from', () => {
  it('is a tar that tar itself reads: folders, files, modes, times and a path longer than 100 bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-tar-'));
    try {
      const long = `usr/lib/python3.11/${'deep/'.repeat(20)}module.py`;
      const tar = tarArchive(withParents([{ path: '/sandbox/timeout', data: Buffer.from('#!x'), mode: 0o755, mtime: 1_700_000_000 }, { path: long, data: Buffer.from('print(1)\n'), mode: 0o644 }, { path: 'tmp', mode: 0o1777 }]));
      writeFileSync(join(dir, 'a.tar'), tar);
      const listing = execFileSync('tar', ['-tvf', join(dir, 'a.tar')], { encoding: 'utf8' });
      assert.match(listing, /^-rwxr-xr-x .* 3 2023-11-14 \S+ sandbox\/timeout$/m);
      assert.ok(listing.includes(long), listing);
      assert.match(listing, /^drwxrwxrwt .* tmp\/$/m);
      execFileSync('tar', ['-xf', join(dir, 'a.tar'), '-C', dir]);
      assert.equal(readFileSync(join(dir, long), 'utf8'), 'print(1)\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what a program needs to start, read from its ELF headers', () => {
  it('a dynamic program names its loader and libraries; their closure is found on this machine', () => {
    const links = elfLinks(readFileSync('/bin/sh'));
    assert.ok(links, 'not read as an ELF program');
    assert.ok(links.interpreter?.includes('ld-linux'), JSON.stringify(links));
    assert.ok(links.needed.includes('libc.so.6'));
    const closure = sharedLibraryClosure(['/bin/sh']);
    assert.ok([...closure.keys()].some((k) => k.endsWith('/libc.so.6')));
    assert.ok(closure.has(links.interpreter!));
  });
  it('read on demand from the file, the links are the same as from its whole content', () => {
    for (const program of ['/bin/sh', '/usr/bin/timeout', '/usr/bin/tar']) {
      assert.deepEqual(withFileAt(program, elfLinks), elfLinks(readFileSync(program)), program);
    }
  });
  it('anything else is not an ELF program, whole or read on demand, even when shorter than a header', () => {
    assert.equal(elfLinks(Buffer.from('#!/usr/bin/python3\n')), undefined);
    const dir = mkdtempSync(join(tmpdir(), 'cd-elf-'));
    try {
      writeFileSync(join(dir, 'short'), '\x7fELF');
      assert.equal(withFileAt(join(dir, 'short'), elfLinks), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
