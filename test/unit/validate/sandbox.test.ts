import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { IsolatedRunner } from '../../../src/validate/isolated-runner.js';
import { createSandbox } from '../../../src/validate/sandbox.js';
import { HOST_SHELL_PLACEHOLDERS } from '../../../src/compose/host-shell.js';

describe('IsolatedRunner', () => {
  it('a command sees the base and its own variables, nothing of this process', async () => {
    process.env['CD_TEST_CANARY'] = 'from-the-runner';
    try {
      const res = await new IsolatedRunner({ PATH: process.env['PATH']!, BASE: 'b' }).run({ argv: ['sh', '-c', 'echo "[$CD_TEST_CANARY][$BASE][$OWN]"'], env: { OWN: 'o' } });
      assert.equal(res.stdout, '[][b][o]\n');
    } finally {
      delete process.env['CD_TEST_CANARY'];
    }
  });
  it('standard input is closed, so nothing waits on it', async () => {
    const res = await new IsolatedRunner({ PATH: process.env['PATH']! }).run({ argv: ['cat'] });
    assert.deepEqual([res.code, res.stdout], [0, '']);
  });
  it('keeps at most 256 KiB of output', async () => {
    const res = await new IsolatedRunner({ PATH: process.env['PATH']! }).run({ argv: ['sh', '-c', 'head -c 1000000 /dev/zero | tr "\\0" x'] });
    assert.equal(res.stdout.length, 256 * 1024);
  });
  it('a program that is not there is exit 127', async () => {
    assert.equal((await new IsolatedRunner({ PATH: '/nonexistent' }).run({ argv: ['docker-compose', 'version'] })).code, 127);
  });
  it('finds the program along the search path, whatever PATH its environment has', async () => {
    const res = await new IsolatedRunner({ PATH: '/placeholder/bin' }, process.env['PATH']).run({ argv: ['sh', '-c', 'echo "$PATH"'] });
    assert.deepEqual([res.code, res.stdout], [0, '/placeholder/bin\n']);
  });
});

/** Running, not a zombie waiting for whoever adopted it to reap it. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('IsolatedRunner: every process it starts ends with it', () => {
  it('past the time cap, the whole process group is killed (what the command started in the background too)', async () => {
    const runner = new IsolatedRunner({ PATH: process.env['PATH']! }, undefined, 500);
    const res = await runner.run({ argv: ['sh', '-c', 'sleep 60 & echo $!; wait'] });
    assert.equal(res.code, 124);
    assert.match(res.stderr, /time cap/);
    const pid = Number(res.stdout.trim());
    assert.ok(pid > 0);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(pid), false, 'the background sleep outlived its command');
  });
  it('a command that exits leaves nothing of its group running', async () => {
    const res = await new IsolatedRunner({ PATH: process.env['PATH']! }).run({ argv: ['sh', '-c', 'sleep 60 >/dev/null 2>&1 & echo $!'] });
    assert.equal(res.code, 0);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(Number(res.stdout.trim())), false);
  });
  it('killAll ends every running command and its children at once', async () => {
    const runner = new IsolatedRunner({ PATH: process.env['PATH']! });
    const running = [runner.run({ argv: ['sh', '-c', 'sleep 60'] }), runner.run({ argv: ['sh', '-c', 'sleep 60 & wait'] })];
    await new Promise((r) => setTimeout(r, 200));
    runner.killAll();
    const codes = (await Promise.all(running)).map((r) => r.code);
    assert.deepEqual(codes, [128, 128]);
  });
});

describe('createSandbox', () => {
  it('a temp directory of its own, removed by dispose; the docker CLI gets placeholders and an empty docker config', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'cd-sbx-'));
    const s = createSandbox({ RUNNER_TEMP: tmp, PATH: '/usr/bin', HOME: '/root', DOCKER_HOST: 'tcp://10.0.0.1:2375' });
    assert.ok(s.home.startsWith(tmp));
    assert.equal(s.env['HOME'], HOST_SHELL_PLACEHOLDERS['HOME']);
    assert.equal(s.env['PATH'], HOST_SHELL_PLACEHOLDERS['PATH']);
    assert.equal(s.env['DOCKER_HOST'], undefined);
    assert.equal(s.path, '/usr/bin');
    assert.equal(s.env['DOCKER_CONFIG'], join(s.home, '.docker'));
    assert.equal(existsSync(join(s.home, '.docker')), false);
    s.dispose();
    assert.equal(existsSync(s.home), false);
  });
});
