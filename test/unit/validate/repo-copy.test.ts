import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copyRepository } from '../../../src/validate/repo-copy.js';

describe("the sandbox's copy of the repository: its regular files and folders, nothing else", () => {
  it('copies files and folders; a symlink inside is copied as its file, one leading out brings nothing; .git and validate\'s own folder are left out', () => {
    const outside = mkdtempSync(join(tmpdir(), 'cd-copy-out-'));
    const repo = mkdtempSync(join(tmpdir(), 'cd-copy-repo-'));
    try {
      writeFileSync(join(outside, 'secret'), 'canary');
      mkdirSync(join(repo, 'sub/deep'), { recursive: true });
      mkdirSync(join(repo, '.git'));
      writeFileSync(join(repo, '.git/config'), 'x');
      writeFileSync(join(repo, 'compose.yaml'), 'services: {}\n');
      writeFileSync(join(repo, 'sub/deep/a.env'), 'A=1\n');
      symlinkSync(join(repo, 'sub/deep/a.env'), join(repo, 'sub/.env'));
      symlinkSync(join(outside, 'secret'), join(repo, 'leak.env'));
      symlinkSync(outside, join(repo, 'outdir'));
      symlinkSync('/dev/zero', join(repo, 'zero'));
      // RUNNER_TEMP inside the repository: validate's own folder holds the copy.
      const own = join(repo, 'runner-temp');
      mkdirSync(own);
      const dest = join(own, 'repository');
      const res = copyRepository(repo, dest, own);
      assert.equal(readFileSync(join(dest, 'compose.yaml'), 'utf8'), 'services: {}\n');
      assert.equal(readFileSync(join(dest, 'sub/.env'), 'utf8'), 'A=1\n');
      for (const gone of ['leak.env', 'outdir', 'zero', '.git', 'runner-temp']) assert.equal(existsSync(join(dest, gone)), false, gone);
      assert.deepEqual(res, { files: 3, bytes: 13 + 4 + 4, truncated: false });
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('stops at its limits and says so', () => {
    const repo = mkdtempSync(join(tmpdir(), 'cd-copy-repo-'));
    const own = mkdtempSync(join(tmpdir(), 'cd-copy-own-'));
    try {
      for (let i = 0; i < 10; i++) writeFileSync(join(repo, `f${i}`), 'x'.repeat(100));
      const res = copyRepository(repo, join(own, 'r'), own, { files: 5, bytes: 1e6, fileBytes: 1e6 });
      assert.deepEqual(res, { files: 5, bytes: 500, truncated: true });
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(own, { recursive: true, force: true });
    }
  });
});
