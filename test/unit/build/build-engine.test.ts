import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheUnusedWarning, describeEngine, detectEngine } from '../../../src/build/build-engine.js';
import { MachineLayerCache } from '../../../src/build/layer-cache.js';
import type { Command, RunResult, Runner } from '../../../src/runner/runner.js';

class Scripted implements Runner {
  readonly where = 'test';
  constructor(private readonly answers: Record<string, RunResult>) {}
  async run(cmd: Command): Promise<RunResult> {
    return this.answers[cmd.argv.join(' ')] ?? { code: 1, stdout: '', stderr: 'unknown command' };
  }
  async close() {}
}
const ok = (stdout: string): RunResult => ({ code: 0, stdout, stderr: '' });
const withBuildx = (driver: string) => new Scripted({ 'docker buildx version': ok('github.com/docker/buildx v0.17.1'), 'docker buildx inspect': ok(`Name: builder\nDriver: ${driver}\n`) });

test('no buildx: the classic builder, and the log says so', async () => {
  const e = await detectEngine(new Scripted({}), {}, {});
  assert.deepEqual(e, { kind: 'classic' });
  assert.match(describeEngine(e), /^docker build \+ docker push \(buildx not available/);
});

test('buildx with the Actions cache service variables: type=gha', async () => {
  const e = await detectEngine(withBuildx('docker-container'), { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'https://cache' }, {});
  assert.deepEqual(e, { kind: 'buildx', driver: 'docker-container', cache: 'gha' });
  assert.match(describeEngine(e), /docker buildx build --push .*type=gha/);
});

test('buildx without the cache service outside Actions: a local directory kept on this machine', async () => {
  const e = await detectEngine(withBuildx('docker-container'), { XDG_CACHE_HOME: '/home/u/.cache' }, {});
  assert.equal(e.kind === 'buildx' && e.cache, 'local');
  if (e.kind !== 'buildx' || e.cache !== 'local') return;
  assert.equal(e.cacheRoot, '/home/u/.cache/compose-deploy/buildx');
  assert.ok(e.store instanceof MachineLayerCache);
  assert.match(describeEngine(e), /not on a GitHub runner/);
});

test('buildx on a runner without gha variables keeps the cache under RUNNER_TEMP', async () => {
  const e = await detectEngine(withBuildx('docker-container'), { RUNNER_TEMP: '/rt' }, {});
  assert.equal(e.kind === 'buildx' && e.cache === 'local' && e.cacheRoot, '/rt/compose-deploy-buildx-cache');
});

test('the buildx "docker" driver: the cache inline in the pushed image, and what it cannot do said, not failed', async () => {
  const e = await detectEngine(withBuildx('docker'), { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'u' }, {});
  assert.equal(e.kind === 'buildx' && e.cache, 'inline');
  assert.match(describeEngine(e), /layer cache: inline in the pushed image.*setup-buildx-action/);
});

test('the Actions cache on a "docker" driver builder: a warning naming the driver and the step to add', async () => {
  const env = { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'https://cache' };
  const e = await detectEngine(withBuildx('docker'), env, {});
  assert.equal(e.kind === 'buildx' && e.cache, 'inline');
  const warning = cacheUnusedWarning(e, env);
  assert.match(warning ?? '', /type=gha/);
  assert.match(warning ?? '', /docker-container driver/);
  assert.match(warning ?? '', /"docker" driver/);
  assert.match(warning ?? '', /docker\/setup-buildx-action/);
  assert.equal(cacheUnusedWarning(await detectEngine(withBuildx('docker'), {}, {}), {}), undefined, 'outside Actions nothing was asked for');
});
