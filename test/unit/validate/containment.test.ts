import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { containPath, isInside, MAX_TEXT_FILE_BYTES, OutsideRepositoryError, readContainedText, readRegularFile } from '../../../src/config/contained-file.js';
import { InputError } from '../../../src/errors.js';

describe('isInside', () => {
  const cases: [string, string, boolean][] = [
    ['/repo', '/repo', true],
    ['/repo', '/repo/a', true],
    ['/repo', '/repo/a/b/../c', true],
    ['/repo', '/repo-other/a', false],
    ['/repo', '/repo/../etc/passwd', false],
    ['/repo', '/', false],
    ['/repo', '/proc/self/environ', false],
    ['/repo', '/repo/..', false],
    ['/repo', '/repo/..hidden', true],
  ];
  for (const [root, candidate, want] of cases) it(`${candidate} in ${root}: ${want}`, () => assert.equal(isInside(root, candidate), want));
});

describe('containPath follows symlinks and judges missing paths by their parent', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'cd-contain-')));
  const repo = join(base, 'repo');
  const outside = join(base, 'outside');
  mkdirSync(join(repo, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(repo, 'compose.yaml'), 'services: {}\n');
  writeFileSync(join(outside, 'secret.env'), 'A=1\n');
  symlinkSync(join(outside, 'secret.env'), join(repo, 'link.env'));
  symlinkSync(outside, join(repo, 'outdir'));
  symlinkSync(join(repo, 'compose.yaml'), join(repo, 'sub', 'inner-link.yaml'));
  symlinkSync(join(base, 'nowhere'), join(repo, 'dangling'));
  symlinkSync('/proc/self/environ', join(repo, 'environ'));
  const cases: [string, string, boolean, boolean?][] = [
    ['a file of the repository', 'compose.yaml', true, true],
    ['a symlink inside pointing inside', 'sub/inner-link.yaml', true, true],
    ['a missing file inside', 'sub/missing.yml', true, false],
    ['a missing file under a missing folder', 'a/b/c.yml', true, false],
    ['an absolute path inside', join(repo, 'compose.yaml'), true, true],
    ['a symlink to a file outside', 'link.env', false],
    ['a file under a symlinked folder outside', 'outdir/secret.env', false],
    ['a missing file under a symlinked folder outside', 'outdir/missing', false],
    ['../ out of the repository', '../outside/secret.env', false],
    ['../ that comes back in', '../repo/compose.yaml', true, true],
    ['an absolute path outside', join(outside, 'secret.env'), false],
    ['/proc/self/environ', '/proc/self/environ', false],
    ['a symlink to /proc/self/environ', 'environ', false],
    ['/dev/zero', '/dev/zero', false],
    ['a dangling symlink', 'dangling', false],
    ['the repository itself', '.', true, true],
    ['its parent', '..', false],
  ];
  for (const [what, path, inside, exists] of cases) {
    it(what, () => {
      const c = containPath(repo, repo, path);
      assert.equal(c.inside, inside);
      if (c.inside) assert.equal(c.exists, exists);
    });
  }
});

describe('readContainedText', () => {
  const repo = realpathSync(mkdtempSync(join(tmpdir(), 'cd-read-')));
  writeFileSync(join(repo, 'ok.env'), 'A=1\n');
  execFileSync('mkfifo', [join(repo, 'fifo.env')]);
  writeFileSync(join(repo, 'big.yml'), Buffer.alloc(MAX_TEXT_FILE_BYTES + 1, 'x'));
  symlinkSync('/dev/zero', join(repo, 'zero'));
  mkdirSync(join(repo, 'dir'));
  const read = (p: string) => readContainedText(repo, repo, p, { key: 'compose.prod.env-file', what: 'env file', displayName: p });
  it('reads a regular file inside', () => assert.equal(read('ok.env'), 'A=1\n'));
  it('a FIFO is refused without blocking', () => assert.throws(() => read('fifo.env'), (e: InputError) => /not a regular file/.test(e.message)));
  it('a file over the cap is refused', () => assert.throws(() => read('big.yml'), /larger than 4 MiB/));
  it('a file of exactly the cap is read whole, and an empty one as empty', () => {
    writeFileSync(join(repo, 'cap.yml'), Buffer.alloc(MAX_TEXT_FILE_BYTES, 'y'));
    writeFileSync(join(repo, 'empty.env'), '');
    assert.equal(read('cap.yml').length, MAX_TEXT_FILE_BYTES);
    assert.equal(read('empty.env'), '');
  });
  it('a file whose size the kernel gives as 0 (a /proc file) is read to its end, past the size it stated', () => {
    assert.match(readRegularFile('/proc/self/status', 'status', 'status'), /^Name:/m);
    assert.match(readRegularFile('/proc/self/status', 'status', 'status'), /^VmRSS:/m);
  });
  it('a folder is refused', () => assert.throws(() => read('dir'), /not a regular file/));
  it('a missing file says so', () => assert.throws(() => read('nope.env'), /env file not found/));
  it('/dev/zero through a symlink is outside, named by the key and the path as written', () =>
    assert.throws(() => read('zero'), (e: unknown) => e instanceof OutsideRepositoryError && e.detail === 'compose.prod.env-file: "zero" is outside the repository (after following symlinks); it is not read'));
});

it('a repository that does not exist holds nothing but missing files', () => {
  const c = containPath('/nonexistent-repo-xyz', '/nonexistent-repo-xyz', 'compose-deploy.yml');
  assert.deepEqual([c.inside, c.inside && c.exists], [true, false]);
});
