import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildImage, skipPushed, type ImageContext } from '../../../src/build/build-image.js';
import type { ImagePlan } from '../../../src/build/image-plan.js';
import { RegistryClient } from '../../../src/registry/client.js';
import type { Command, RunOptions, RunResult, Runner } from '../../../src/runner/runner.js';

/*
 * The orchestration of one image with a recording runner and a scripted registry: which commands
 * run in which case. The real engine and registry are exercised by test/e2e/build.
 */
class Recorder implements Runner {
  readonly where = 'test';
  readonly commands: string[] = [];
  constructor(private readonly fail: (argv: readonly string[]) => RunResult | undefined = () => undefined) {}
  async run(cmd: Command, o?: RunOptions): Promise<RunResult> {
    this.commands.push(cmd.argv.slice(0, 3).join(' '));
    const res = this.fail(cmd.argv) ?? { code: 0, stdout: 'Step 1/2 : FROM x\nStep 2/2 : RUN y\n', stderr: '' };
    o?.onStdout?.(res.stdout);
    o?.onStderr?.(res.stderr);
    return res;
  }
  async close() {}
}

/** A registry holding `tags` (tag -> digest); PUTs are recorded and take effect. */
function registry(tags: Record<string, string>) {
  const puts: string[] = [];
  const requests: string[] = [];
  const fetchFn = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const ref = url.pathname.split('/').pop()!;
    requests.push(`${init.method ?? 'GET'} ${ref}`);
    if (init.method === 'PUT') {
      puts.push(ref);
      tags[ref] = 'sha256:same';
      return new Response(null, { status: 201 });
    }
    const digest = tags[ref] ?? (ref.startsWith('sha256:') ? ref : undefined);
    if (!digest) return new Response(null, { status: 404 });
    const body = JSON.stringify({ mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'c', size: 10 }, layers: [{ digest: 'l', size: 90 }] });
    return new Response(init.method === 'HEAD' ? null : body, { status: 200, headers: { 'docker-content-digest': digest, 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
  }) as typeof fetch;
  return { client: new RegistryClient('127.0.0.1:5000', { username: 'u', password: 'p' }, fetchFn), puts, requests };
}

const plan: ImagePlan = { repository: '127.0.0.1:5000/o/r/api', path: 'o/r/api', services: ['api'], context: '/c', dockerfile: '/c/Dockerfile', args: {}, argsFromEnv: [], from: 'test' };
const ctx = (runner: Runner, client: RegistryClient, over: Partial<ImageContext> = {}): ImageContext => ({
  runner, registry: client, engine: { kind: 'classic' }, tags: ['sha-full', 'latest'], labels: {}, force: false, dockerEnv: { DOCKER_CONFIG: '/tmp/x' }, sha: 'a'.repeat(40), ...over,
});

test('sha tag present: nothing runs, missing extra tags are copied in the registry', async () => {
  const runner = new Recorder();
  const reg = registry({ 'sha-full': 'sha256:same' });
  const out = await buildImage(ctx(runner, reg.client), plan, () => {});
  assert.equal(out.status, 'retagged');
  assert.equal(out.digest, 'sha256:same');
  assert.equal(out.size, 100);
  assert.deepEqual(runner.commands, []);
  assert.deepEqual(reg.puts, ['latest']);
});

test('every tag present and current: skipped, no registry writes', async () => {
  const runner = new Recorder();
  const reg = registry({ 'sha-full': 'sha256:same', latest: 'sha256:same' });
  const out = await buildImage(ctx(runner, reg.client), plan, () => {});
  assert.equal(out.status, 'skipped');
  assert.deepEqual(reg.puts, []);
});

test('missing: classic build, then one push per tag', async () => {
  const tags: Record<string, string> = {};
  const reg = registry(tags);
  // The push "lands" when docker push runs.
  const pushing = new Recorder((argv) => {
    if (argv[1] === 'push') tags[argv[2]!.split(':').pop()!] = 'sha256:new';
    return undefined;
  });
  const out = await buildImage(ctx(pushing, reg.client), plan, () => {});
  assert.equal(out.status, 'built');
  assert.equal(out.digest, 'sha256:new');
  assert.deepEqual(pushing.commands, ['docker build --force-rm', 'docker push 127.0.0.1:5000/o/r/api:latest', 'docker push 127.0.0.1:5000/o/r/api:sha-full']);
  assert.deepEqual(out.pushed, ['latest', 'sha-full']);
});

test('a failed push of an extra tag leaves the sha tag out of the registry and says what was pushed', async () => {
  const tags: Record<string, string> = {};
  const runner = new Recorder((argv) => {
    if (argv[1] !== 'push') return undefined;
    if (argv[2]!.endsWith(':main')) return { code: 1, stdout: '', stderr: 'error: connection reset\n' };
    tags[argv[2]!.split(':').pop()!] = 'sha256:new';
    return undefined;
  });
  const out = await buildImage(ctx(runner, registry(tags).client, { tags: ['sha-full', 'latest', 'main'], retryDelayMs: 0 }), plan, () => {});
  assert.equal(out.status, 'failed');
  // A reset connection is tried three times before the build gives up.
  const main = 'docker push 127.0.0.1:5000/o/r/api:main';
  assert.deepEqual(runner.commands, ['docker build --force-rm', 'docker push 127.0.0.1:5000/o/r/api:latest', main, main, main]);
  assert.deepEqual(out.pushed, ['latest']);
  assert.equal(tags['sha-full'], undefined);
  assert.match(out.error!, /docker push 127\.0\.0\.1:5000\/o\/r\/api:main exited with 1/);
});

test('a failed build pushes nothing and keeps the failing step and log tail', async () => {
  const runner = new Recorder((argv) => (argv[1] === 'build' ? { code: 1, stdout: 'Step 1/2 : FROM x\nStep 2/2 : RUN make\nmake: error\n', stderr: "The command '/bin/sh -c make' returned a non-zero code: 2\n" } : undefined));
  const out = await buildImage(ctx(runner, registry({}).client), plan, () => {});
  assert.equal(out.status, 'failed');
  assert.equal(out.failingStep, 'Step 2/2 : RUN make');
  assert.match(out.error!, /docker build exited with 1: The command/);
  assert.deepEqual(runner.commands, ['docker build --force-rm']);
  assert.deepEqual(out.pushed, []);
  assert.equal(out.logTail!.at(-1), "The command '/bin/sh -c make' returned a non-zero code: 2");
});

test('force rebuilds even when the sha tag exists', async () => {
  const runner = new Recorder();
  const out = await buildImage(ctx(runner, registry({ 'sha-full': 'sha256:old', latest: 'sha256:old' }).client, { force: true }), plan, () => {});
  assert.equal(out.status, 'built');
  assert.equal(runner.commands[0], 'docker build --force-rm');
});

test('buildx: one build --push with the gha cache, no separate push', async () => {
  const tags: Record<string, string> = {};
  const runner = new Recorder((argv) => {
    if (argv[1] === 'buildx') tags['sha-full'] = 'sha256:bx';
    return undefined;
  });
  const out = await buildImage(ctx(runner, registry(tags).client, { engine: { kind: 'buildx', driver: 'docker-container', cache: 'gha' } }), plan, () => {});
  assert.equal(out.status, 'built');
  assert.deepEqual(runner.commands, ['docker buildx build']);
});

test('buildx: a failed export reports the tags that changed in the registry, not the ones already there', async () => {
  const tags: Record<string, string> = { latest: 'sha256:old', main: 'sha256:old' };
  const runner = new Recorder((argv) => {
    if (argv[1] !== 'buildx') return undefined;
    tags['sha-full'] = 'sha256:bx';
    return { code: 1, stdout: '#9 ERROR: failed to push: 502 Bad Gateway\n', stderr: '' };
  });
  const out = await buildImage(ctx(runner, registry(tags).client, { tags: ['sha-full', 'latest', 'main'], engine: { kind: 'buildx', driver: 'docker-container', cache: 'gha' } }), plan, () => {});
  assert.equal(out.status, 'failed');
  assert.deepEqual(out.pushed, ['sha-full']);
});

test('buildx: when the registry cannot be asked after a failure, the outcome says the pushed tags are unknown', async () => {
  let heads = 0;
  const fetchFn = (async () => (++heads > 2 ? new Response(null, { status: 500 }) : new Response(null, { status: 404 }))) as typeof fetch;
  const runner = new Recorder((argv) => (argv[1] === 'buildx' ? { code: 1, stdout: '#9 ERROR: failed to push\n', stderr: '' } : undefined));
  const client = new RegistryClient('127.0.0.1:5000', { username: 'u', password: 'p' }, fetchFn);
  const out = await buildImage(ctx(runner, client, { engine: { kind: 'buildx', driver: 'docker-container', cache: 'gha' } }), plan, () => {});
  assert.equal(out.status, 'failed');
  assert.match(out.error!, /docker buildx build exited with 1/);
  assert.equal(out.pushed, undefined);
});

test('skipPushed with the manifest already read: no runner at all, and its size without asking the registry again', async () => {
  const reg = registry({ 'sha-full': 'sha256:same', latest: 'sha256:same' });
  const manifest = (await reg.client.getManifest(plan.path, 'sha-full'))!;
  const before = reg.requests.length;
  const lines: string[] = [];
  const out = await skipPushed({ registry: reg.client, tags: ['sha-full', 'latest'] }, plan, manifest, (l) => lines.push(l));
  assert.equal(out.status, 'skipped');
  assert.equal(out.digest, 'sha256:same');
  assert.equal(out.size, 100);
  assert.deepEqual(reg.requests.slice(before), ['HEAD latest'], 'only the moving tag is checked');
  assert.match(lines.join('\n'), /already in the registry \(sha256:same\): build skipped/);
});

test('classic: a push that fails on the way is tried again and lands; a refused one is not retried', async () => {
  const tags: Record<string, string> = {};
  const reg = registry(tags);
  let pushes = 0;
  const flaky = new Recorder((argv) => {
    if (argv[1] !== 'push') return undefined;
    pushes++;
    if (pushes === 1) return { code: 1, stdout: '', stderr: 'blob upload unknown: blob upload invalid' };
    tags[argv[2]!.split(':').pop()!] = 'sha256:new';
    return undefined;
  });
  const lines: string[] = [];
  const out = await buildImage(ctx(flaky, reg.client, { retryDelayMs: 0 }), plan, (l) => lines.push(l));
  assert.equal(out.status, 'built', out.error);
  assert.equal(pushes, 3); // the first tag pushed (latest) twice, the sha tag once
  assert.ok(lines.some((l) => /docker push 127\.0\.0\.1:5000\/o\/r\/api:latest failed \(exit 1\): trying again \(2 of 3\)/.test(l)), lines.join('\n'));

  let refused = 0;
  const denied = new Recorder((argv) => {
    if (argv[1] !== 'push') return undefined;
    refused++;
    return { code: 1, stdout: '', stderr: 'denied: requested access to the resource is denied' };
  });
  const failed = await buildImage(ctx(denied, registry({}).client, { retryDelayMs: 0 }), plan, () => {});
  assert.equal(failed.status, 'failed');
  assert.equal(refused, 1);
  assert.match(failed.error ?? '', /docker push .* exited with 1/);

  let always = 0;
  const down = new Recorder((argv) => {
    if (argv[1] !== 'push') return undefined;
    always++;
    return { code: 1, stdout: '', stderr: 'received unexpected HTTP status: 503 Service Unavailable' };
  });
  assert.equal((await buildImage(ctx(down, registry({}).client, { retryDelayMs: 0 }), plan, () => {})).status, 'failed');
  assert.equal(always, 3);
});

test('classic: a cached image removed mid-build (a prune beside it) gets one more build; a Dockerfile error does not', async () => {
  const tags: Record<string, string> = {};
  const reg = registry(tags);
  let builds = 0;
  const gone = new Recorder((argv) => {
    if (argv[1] === 'build') {
      builds++;
      if (builds === 1) return { code: 1, stdout: 'Step 1/2 : FROM scratch\nStep 2/2 : ARG GREETING=hi\n', stderr: `unable to find image "sha256:${'b'.repeat(64)}"\n` };
      return { code: 0, stdout: 'Step 1/2 : FROM scratch\nStep 2/2 : ARG GREETING=hi\n ---> Running in 1\n', stderr: '' };
    }
    if (argv[1] === 'push') tags[argv[2]!.split(':').pop()!] = 'sha256:new';
    return undefined;
  });
  const lines: string[] = [];
  const out = await buildImage(ctx(gone, reg.client, { retryDelayMs: 0 }), plan, (l) => lines.push(l));
  assert.equal(out.status, 'built', out.error);
  assert.equal(builds, 2);
  assert.ok(lines.some((l) => /removed while the build ran .* building again/.test(l)));
  assert.equal(out.detail, 'built (no cache)');

  let failing = 0;
  const broken = new Recorder((argv) => {
    if (argv[1] !== 'build') return undefined;
    failing++;
    return { code: 1, stdout: 'Step 1/2 : FROM x\nStep 2/2 : RUN make\n', stderr: "The command '/bin/sh -c make' returned a non-zero code: 2\n" };
  });
  assert.equal((await buildImage(ctx(broken, registry({}).client), plan, () => {})).status, 'failed');
  assert.equal(failing, 1);
});
