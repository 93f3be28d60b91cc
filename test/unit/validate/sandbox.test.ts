import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, writeFileSync } from 'node:fs';
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

describe('createSandbox', () => {
  it('an empty HOME and env file of its own, removed by dispose', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'cd-sbx-'));
    const s = createSandbox({ RUNNER_TEMP: tmp, PATH: '/usr/bin', HOME: '/root' });
    assert.ok(s.home.startsWith(tmp));
    // The runner's HOME and PATH stay out; validate's home only holds the docker config.
    assert.equal(s.env['HOME'], HOST_SHELL_PLACEHOLDERS['HOME']);
    assert.equal(s.env['PATH'], HOST_SHELL_PLACEHOLDERS['PATH']);
    assert.equal(s.path, '/usr/bin');
    assert.equal(s.env['DOCKER_CONFIG'], join(s.home, '.docker'));
    assert.equal(existsSync(join(s.home, '.docker')), false);
    s.dispose();
    assert.equal(existsSync(s.home), false);
  });
  it('links only the Compose plugin of the runner user\'s docker config', () => {
    const cfg = mkdtempSync(join(tmpdir(), 'cd-sbx-cfg-'));
    mkdirSync(join(cfg, 'cli-plugins'));
    writeFileSync(join(cfg, 'cli-plugins', 'docker-compose'), '');
    writeFileSync(join(cfg, 'cli-plugins', 'docker-buildx'), '');
    writeFileSync(join(cfg, 'config.json'), '{"auths":{}}');
    const s = createSandbox({ DOCKER_CONFIG: cfg, PATH: '/usr/bin' });
    try {
      assert.equal(readlinkSync(join(s.home, '.docker', 'cli-plugins', 'docker-compose')), join(cfg, 'cli-plugins', 'docker-compose'));
      assert.equal(existsSync(join(s.home, '.docker', 'cli-plugins', 'docker-buildx')), false);
      assert.equal(existsSync(join(s.home, '.docker', 'config.json')), false);
    } finally {
      s.dispose();
    }
  });
});
