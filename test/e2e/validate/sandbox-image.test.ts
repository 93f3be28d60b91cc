import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { sandboxImageTag } from '../../../src/validate/container-render.js';
import { harnessEnv } from '../harness/env.js';
import { runTraced } from './hostile/traced-run.js';

/*
 * Starting Compose to ask its version is most of what a validate run costs on the runner beside the
 * renders themselves. The sandbox image made from a Compose holds the version it answered: a run with the
 * same files (path, size, time, inode) finds the image and starts no Compose on the runner at all; a
 * different Compose program is asked, and gets an image of its own.
 */
const h = harnessEnv();
const CLEAN = resolve(import.meta.dirname, '../../fixtures/validate/layouts/base-prod-override');
const scratch = mkdtempSync(join(tmpdir(), 'cd-sandbox-image-'));
const workspace = join(scratch, 'ws');
cpSync(CLEAN, workspace, { recursive: true });
const made: string[] = [];
after(() => {
  for (const tag of made) execFileSync('docker', ['image', 'rm', '--no-prune', tag], { stdio: 'ignore' });
  rmSync(scratch, { recursive: true, force: true });
});

const sh = (command: string, env: NodeJS.ProcessEnv = process.env) => execFileSync('sh', ['-c', command], { encoding: 'utf8', env }).trim();
const timeoutProgram = sh('command -v timeout');
/** The Compose program validate renders with in this lane (under v1, the runner's docker config holds a stub v2 plugin that answers no version: asked every run, and refused). */
const lanesCompose = () => (h.compose === 'v2' ? join(h.runnerDockerConfig, 'cli-plugins', 'docker-compose') : sh('command -v docker-compose'));

describe(`validate's sandbox image remembers its Compose's version (Compose ${h.compose})`, () => {
  it('a run after the first starts no Compose on the runner, and reports the version Compose answers', async () => {
    const first = await runTraced('cli', { workspace, env: {} });
    assert.equal(first.code, 0, first.channels['stderr']);
    const again = await runTraced('cli', { workspace, env: {} });
    assert.equal(again.code, 0, again.channels['stderr']);
    assert.ok(first.executables.length > 0 && !again.executables.includes(lanesCompose()), `${lanesCompose()} was started again: ${again.executables.join(' ')}`);
    const asked = h.compose === 'v2' ? sh('docker compose version --short', { ...process.env, DOCKER_CONFIG: h.runnerDockerConfig }) : sh('docker-compose version --short');
    assert.equal(again.report?.renderer.version, asked.replace(/^v/, ''));
  });

  it('another Compose program (a copy: another path and inode) is asked its version, gets an image of its own, and the next run uses that', async () => {
    // The copy is found where the runner would find it: v2's plugin under DOCKER_CONFIG, v1's on PATH.
    let env: Record<string, string>;
    let copy: string;
    if (h.compose === 'v2') {
      const config = join(scratch, 'docker-config');
      mkdirSync(join(config, 'cli-plugins'), { recursive: true });
      copy = join(config, 'cli-plugins', 'docker-compose');
      copyFileSync(join(h.runnerDockerConfig, 'cli-plugins', 'docker-compose'), copy);
      env = { DOCKER_CONFIG: config };
    } else {
      const bin = join(scratch, 'bin');
      mkdirSync(bin, { recursive: true });
      copy = join(bin, 'docker-compose');
      copyFileSync(sh('command -v docker-compose'), copy);
      env = { PATH: `${bin}:${process.env['PATH']}` };
    }
    execFileSync('chmod', ['0755', copy]);
    made.push(sandboxImageTag(copy, timeoutProgram));
    const first = await runTraced('cli', { workspace, env });
    assert.equal(first.code, 0, first.channels['stderr']);
    assert.ok(first.executables.includes(copy), `the copy was not asked its version: ${first.executables.join(' ')}`);
    execFileSync('docker', ['image', 'inspect', made.at(-1)!], { stdio: 'ignore' });
    const again = await runTraced('cli', { workspace, env });
    assert.equal(again.code, 0, again.channels['stderr']);
    assert.ok(!again.executables.includes(copy), `the copy was started again: ${again.executables.join(' ')}`);
    assert.equal(again.report?.renderer.version, first.report?.renderer.version);
  });
});
