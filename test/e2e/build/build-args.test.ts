import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { runAction, spawnCollect } from '../lib/run-action.js';
import { removeDir, removeLocalImages, workspaceFrom } from './workspace.js';

// A build arg taken from the runner's environment reaches the image, but never a command line.
const h = harnessEnv();
const SHA = 'abcdef0123456789abcdef0123456789abcdef01';
const PREFIX = `${h.registry}/cd-e2e-build-args/run-${randomBytes(4).toString('hex')}`;
const workspace = workspaceFrom('env-arg', PREFIX);

after(async () => {
  await removeLocalImages(PREFIX);
  removeDir(workspace);
});

test('a build arg from the environment is in the built image, and its value was never in the process list or the log', async () => {
  const value = `arg-${randomBytes(12).toString('hex')}`;
  const seen: string[] = [];
  const sampler = setInterval(() => {
    if (execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).includes(value)) seen.push('in ps');
  }, 100);
  let run;
  try {
    run = await runAction(
      { command: 'build', registry: h.registry, 'registry-username': h.registryUser, 'registry-password': h.registryPassword, 'image-prefix': PREFIX },
      { workspace, env: { GITHUB_SHA: SHA, CD_BUILD_ARG_PROBE: value } },
    );
  } finally {
    clearInterval(sampler);
  }
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(seen, [], 'the value showed on a command line');
  // The runner is told to mask it (::add-mask::, which the runner itself hides); nothing else says it.
  assert.ok(!run.log.includes(value) && !run.stderr.includes(value), 'the value showed in the log');
  // From the registry, whichever engine built it (buildx pushes without keeping a local image).
  const image = `${PREFIX}/probe:sha-${SHA}`;
  await removeLocalImages(PREFIX);
  const auth = mkdtempSync(join(tmpdir(), 'cd-pull-auth-'));
  const env = { ...process.env, DOCKER_CONFIG: auth };
  try {
    assert.equal((await spawnCollect('docker', ['login', h.registry, '--username', h.registryUser, '--password-stdin'], { env, stdin: h.registryPassword })).code, 0);
    assert.equal((await spawnCollect('docker', ['pull', '-q', image], { env })).code, 0);
  } finally {
    rmSync(auth, { recursive: true, force: true });
  }
  const probe = await spawnCollect('docker', ['run', '--rm', image]);
  assert.equal(probe.stdout, value);
});
