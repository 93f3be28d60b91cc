import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionsLayerCache, actionsLayerCache } from '../../../src/action/actions-layer-cache.js';
import { buildImage, type ImageContext } from '../../../src/build/build-image.js';
import { ghaCacheAvailable, hasLayerCache, layerCacheKeys, localCacheDirs, MachineLayerCache } from '../../../src/build/layer-cache.js';
import type { LayerCacheStore } from '../../../src/engine/services.js';
import type { ImagePlan } from '../../../src/build/image-plan.js';
import { RegistryClient } from '../../../src/registry/client.js';
import type { Command, RunOptions, RunResult, Runner } from '../../../src/runner/runner.js';

const SHA = 'a'.repeat(40);

test('keys: saved per commit, restored from any commit of the same image; odd characters made safe', () => {
  assert.deepEqual(layerCacheKeys('acme/shop/api', SHA), { key: `compose-deploy-buildx-acme_shop_api-${SHA}`, restoreKeys: ['compose-deploy-buildx-acme_shop_api-'] });
  assert.equal(layerCacheKeys('a/b_c.d-e', SHA).restoreKeys[0], 'compose-deploy-buildx-a_b_c.d-e-');
});

test('one cache directory per image, a fresh export next to it', () => {
  assert.deepEqual(localCacheDirs('/rt/cache', 'acme/shop/api'), { dir: '/rt/cache/acme_shop_api', newDir: '/rt/cache/acme_shop_api-new' });
});

test('the gha backend needs the runtime token and a cache service URL', () => {
  assert.equal(ghaCacheAvailable({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'u' }), true);
  assert.equal(ghaCacheAvailable({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'u' }), true);
  assert.equal(ghaCacheAvailable({ ACTIONS_CACHE_URL: 'u' }), false);
  assert.equal(ghaCacheAvailable({ ACTIONS_RUNTIME_TOKEN: 't' }), false);
});

test('on this machine: a cache directory counts as restored only when it holds an export', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-layer-cache-'));
  const dir = join(root, 'img');
  const store = new MachineLayerCache();
  assert.equal(await store.restore(dir), false, 'missing directory');
  mkdirSync(dir);
  assert.equal(await store.restore(dir), false, 'empty directory');
  writeFileSync(join(dir, 'index.json'), '{"schemaVersion":2,"manifests":[]}');
  assert.equal(await store.restore(dir), true);
  assert.equal(hasLayerCache(dir), true);
});

test('the Actions cache is used only on a runner whose cache service is configured', async () => {
  // @actions/cache reads the service URL from process.env itself.
  const names = ['ACTIONS_CACHE_SERVICE_V2', 'ACTIONS_CACHE_URL'];
  const saved = names.map((n) => process.env[n]);
  try {
    delete process.env['ACTIONS_CACHE_SERVICE_V2'];
    process.env['ACTIONS_CACHE_URL'] = 'https://cache.example/';
    assert.equal(await actionsLayerCache({ GITHUB_ACTIONS: 'false' }), undefined);
    assert.ok((await actionsLayerCache({ GITHUB_ACTIONS: 'true' })) instanceof ActionsLayerCache);
    delete process.env['ACTIONS_CACHE_URL'];
    assert.equal(await actionsLayerCache({ GITHUB_ACTIONS: 'true' }), undefined);
  } finally {
    names.forEach((n, i) => (saved[i] === undefined ? delete process.env[n] : (process.env[n] = saved[i])));
  }
});

/** Remembers what build asked of the store. */
class RecordingStore implements LayerCacheStore {
  readonly description = 'recording store';
  readonly calls: string[] = [];
  async restore(dir: string, key: string, restoreKeys: string[]): Promise<boolean> {
    this.calls.push(`restore ${key} ${restoreKeys.join(',')}`);
    return hasLayerCache(dir);
  }
  async save(dir: string, key: string): Promise<void> {
    this.calls.push(`save ${key} ${readFileSync(join(dir, 'index.json'), 'utf8')}`);
  }
}

/** buildx "exports" a fresh cache where --cache-to points and "pushes" the sha tag. */
class FakeBuildx implements Runner {
  readonly where = 'test';
  constructor(private readonly tags: Record<string, string>) {}
  async run(cmd: Command, o?: RunOptions): Promise<RunResult> {
    const dest = cmd.argv[cmd.argv.indexOf('--cache-to') + 1]!.match(/dest=([^,]+)/)![1]!;
    mkdirSync(dest, { recursive: true });
    writeFileSync(join(dest, 'index.json'), 'fresh');
    this.tags['sha-x'] = 'sha256:new';
    o?.onStdout?.('#5 [2/2] RUN make\n#5 CACHED\n');
    return { code: 0, stdout: '', stderr: '' };
  }
  async close() {}
}

function registry(tags: Record<string, string>): RegistryClient {
  const fetchFn = (async (input: string | URL | Request) => {
    const digest = tags[new URL(String(input)).pathname.split('/').pop()!];
    return digest ? new Response(null, { status: 200, headers: { 'docker-content-digest': digest } }) : new Response(null, { status: 404 });
  }) as typeof fetch;
  return new RegistryClient('127.0.0.1:5000', { username: 'u', password: 'p' }, fetchFn);
}

const plan: ImagePlan = { repository: '127.0.0.1:5000/o/r/api', path: 'o/r/api', services: ['api'], context: '/c', dockerfile: '/c/Dockerfile', args: {}, argsFromEnv: [], from: 'test' };

for (const warm of [false, true]) {
  test(`buildx with a local cache: the log tells a ${warm ? 'warm' : 'cold'} directory truthfully, and the fresh export replaces it`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'cd-layer-cache-'));
    const { dir } = localCacheDirs(root, plan.path);
    if (warm) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'index.json'), 'old');
    }
    const store = new RecordingStore();
    const tags: Record<string, string> = {};
    const lines: string[] = [];
    const ctx: ImageContext = { runner: new FakeBuildx(tags), registry: registry(tags), engine: { kind: 'buildx', driver: 'docker-container', cache: 'local', cacheRoot: root, store }, tags: ['sha-x'], labels: {}, force: false, dockerEnv: {}, sha: SHA };
    const out = await buildImage(ctx, plan, (l) => lines.push(l));
    assert.equal(out.status, 'built', out.error);
    assert.ok(lines.includes(warm ? `saved layer cache found in ${dir} (recording store)` : `no saved layer cache yet in ${dir} (recording store)`), lines.join('\n'));
    const { key, restoreKeys } = layerCacheKeys(plan.path, SHA);
    assert.deepEqual(store.calls, [`restore ${key} ${restoreKeys.join(',')}`, `save ${key} fresh`]);
    assert.equal(readFileSync(join(dir, 'index.json'), 'utf8'), 'fresh');
    assert.equal(existsSync(`${dir}-new`), false);
  });
}
