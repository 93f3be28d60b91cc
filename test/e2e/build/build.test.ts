import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { runAction, runCli, spawnCollect, type ActionRun } from '../lib/run-action.js';
import { enginePath, PUSHED_LINE } from './engine-path.js';
import { listTags, readPushed } from './registry-reader.js';
import { removeDir, removeLocalImages, workspaceFrom } from './workspace.js';

/*
 * build against the harness registry (127.0.0.1:5000, htpasswd auth), through the bundled action
 * under Node 24 as a runner runs it. Every run pushes under its own repository path.
 */
const h = harnessEnv();
const SHA = '0123456789abcdef0123456789abcdef01234567';
const TAG = `sha-${SHA}`;
const RUN = `run-${Date.now().toString(36)}-${process.pid}`;
// Upper case on purpose: the default prefix must come out lower-cased.
const REPOSITORY = `CD-E2E-Build/${RUN.toUpperCase()}`;
const PREFIX = `${h.registry}/cd-e2e-build/${RUN}`;
const PATH = PREFIX.slice(PREFIX.indexOf('/') + 1);

const inputs = (over: Record<string, string> = {}) => ({ command: 'build', registry: h.registry, 'registry-username': h.registryUser, 'registry-password': h.registryPassword, ...over });
const runnerEnv = { GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: SHA };
// The path build takes here (buildx under the harness's v2 runner, classic under v1): asserted, not assumed.
const engine = enginePath();
const pushedCount = (text: string) => (text.match(PUSHED_LINE) ?? []).length;

let workspace: string;
let first: ActionRun;
const dirs: string[] = [];

before(async () => {
  workspace = workspaceFrom('two-images', PREFIX);
  dirs.push(workspace);
});

after(async () => {
  await removeLocalImages(PREFIX);
  dirs.forEach(removeDir);
});

/** ::add-mask:: lines are how the action tells the runner what to mask; nothing else may carry the secret. */
function assertNoSecret(run: { stdout: string; stderr: string; summary?: string }, secret: string) {
  const printed = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
  for (const text of [printed, run.stderr, run.summary ?? '']) assert.ok(!text.includes(secret), 'the registry password leaked into the output');
}

test('first run builds both images once each, pushes them, and outputs service -> image, tag, digest', async () => {
  first = await runAction(inputs(), { workspace, env: runnerEnv });
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, engine.engine);
  assert.ok(first.stdout.includes(`logged in to ${h.registry} as ci`), first.stdout);
  assertNoSecret(first, h.registryPassword);

  assert.equal(first.outputs['image-tag'], TAG);
  const images = JSON.parse(first.outputs['images']!) as Record<string, { image: string; tag: string; digest: string }>;
  assert.deepEqual(Object.keys(images).sort(), ['api', 'migrate', 'web', 'worker']);
  assert.equal(images['api']!.image, `${PREFIX}/api`);
  assert.equal(images['web']!.image, `${PREFIX}/web`);
  // api, worker and migrate run one image: built once, one digest.
  assert.equal(images['worker']!.digest, images['api']!.digest);
  assert.equal(images['migrate']!.digest, images['api']!.digest);
  assert.notEqual(images['web']!.digest, images['api']!.digest);
  assert.equal(pushedCount(first.stdout), 2);
  assert.match(first.stdout, engine.buildRan);

  for (const [service, name] of [['api', 'api'], ['web', 'web']] as const) {
    const pushed = await readPushed(`${PATH}/${name}`, TAG);
    assert.ok(pushed, `${name} is not in the registry`);
    assert.equal(pushed.digest, images[service]!.digest);
    assert.equal(pushed.labels['org.opencontainers.image.revision'], SHA);
    assert.equal(pushed.labels['org.opencontainers.image.source'], `https://github.com/${REPOSITORY}`);
    assert.equal(pushed.labels['org.opencontainers.image.version'], TAG);
    assert.ok(!Number.isNaN(Date.parse(pushed.labels['org.opencontainers.image.created']!)));
    assert.deepEqual(await listTags(`${PATH}/${name}`), [TAG]);
  }

  assert.match(first.summary, /\| image \| services \| tags \| digest \| size \| result \| time \|/);
  assert.match(first.summary, new RegExp(`\\| \`${PREFIX}/api\` \\| api, migrate, worker \\| \`${TAG}\` \\| \`${images['api']!.digest}\` \\| [0-9.]+ (B|KiB|MiB) \\| (built \\(no cache\\)|cache hit|built \\(\\d+/\\d+ steps cached\\)) \\|`));
  assert.match(first.summary, engine.buildx ? /Engine: docker buildx build --push/ : /Engine: docker build \+ docker push/);
});

test('second run on the same commit skips the build and reports the same digests', async () => {
  const second = await runAction(inputs(), { workspace, env: runnerEnv });
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.doesNotMatch(second.stdout, engine.buildRan);
  assert.equal(pushedCount(second.stdout), 0);
  assert.doesNotMatch(second.stdout, /The push refers to/);
  assert.match(second.stdout, /already in the registry .* build skipped/);
  assert.deepEqual(JSON.parse(second.outputs['images']!), JSON.parse(first.outputs['images']!));
  assert.match(second.summary, /skipped \(already pushed\)/);
  // Only the registry was asked: no builder check and no docker login (the first run did both).
  assert.match(first.stdout, /logged in to /);
  assert.doesNotMatch(second.stdout, /logged in to |engine: /);
  assert.match(second.summary, /Engine: not needed: every image was already pushed/);
});

test('extra tags on an already pushed commit are added in the registry without a rebuild', async () => {
  writeFileSync(join(workspace, 'compose-deploy.yml'), 'build:\n  tags: [sha-short, branch, latest]\n  default-branch: main\n');
  try {
    const run = await runAction(inputs(), { workspace, env: { ...runnerEnv, GITHUB_REF: 'refs/heads/main' } });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, engine.buildRan);
    const images = JSON.parse(first.outputs['images']!) as Record<string, { digest: string }>;
    for (const tag of ['sha-0123456', 'main', 'latest']) assert.equal((await readPushed(`${PATH}/api`, tag))?.digest, images['api']!.digest, tag);
    assert.match(run.summary, /skipped \(already pushed\), tags moved/);
  } finally {
    removeDir(join(workspace, 'compose-deploy.yml'));
  }
});

test('force rebuilds through the CLI (warm engine cache), and the temporary DOCKER_CONFIG is gone afterwards', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cd-e2e-build-tmp-'));
  dirs.push(tmp);
  const pw = join(tmp, 'password');
  writeFileSync(pw, h.registryPassword);
  const cli = await runCli(['build', '--registry', h.registry, '--repository', REPOSITORY, '--sha', SHA, '--registry-username', h.registryUser, '--registry-password-file', pw, '--force', '--json'], { cwd: workspace, env: { TMPDIR: tmp } });
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cli.json?.ok, true);
  const images = JSON.parse(cli.json.outputs.images) as Record<string, { digest: string }>;
  assert.equal(pushedCount(cli.stderr), 2);
  assert.match(cli.stderr, engine.cacheUsed);
  // The created label changed, so the sha tag now names the rebuilt image.
  assert.equal((await readPushed(`${PATH}/api`, TAG))?.digest, images['api']!.digest);
  assert.deepEqual(readdirSync(tmp).filter((f) => f.startsWith('compose-deploy-docker-')), []);
  assertNoSecret(cli, h.registryPassword);
});

test('a failing Dockerfile fails the step with the failing step and the log tail, and pushes nothing', async () => {
  const prefix = `${PREFIX}-failing`;
  const ws = workspaceFrom('failing', prefix);
  dirs.push(ws);
  try {
    const run = await runAction(inputs({ 'image-prefix': prefix }), { workspace: ws, env: runnerEnv });
    assert.equal(run.code, 1, run.stdout);
    const error = run.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    assert.match(error, engine.buildExit);
    assert.match(error, new RegExp(`failing step: ${engine.failingStep.source}.*; nothing was pushed\\.$`));
    assert.match(run.summary, /\*\*failed\*\*/);
    assert.match(run.summary, new RegExp(`Failing step: \`${engine.failingStep.source}`));
    assert.match(run.summary, /last \d+ lines of the build log[\s\S]*error: the fixture fails on purpose/);
    assert.equal(await readPushed(`${PATH}-failing/app`, TAG), undefined);
    assert.deepEqual(await listTags(`${PATH}-failing/app`), []);
  } finally {
    await removeLocalImages(prefix);
  }
});

test('a login the user made before (another registry name) reaches the build: FROM a private base image', async () => {
  // The harness registry under a second name: to Docker a different registry, with its own login.
  const base = `localhost:${h.registry.split(':')[1]}/${PATH}-base/busybox:1`;
  const userConfig = mkdtempSync(join(tmpdir(), 'cd-e2e-user-docker-'));
  dirs.push(userConfig);
  const userJson = JSON.stringify({ auths: { [base.split('/')[0]!]: { auth: Buffer.from(`${h.registryUser}:${h.registryPassword}`).toString('base64') } } });
  writeFileSync(join(userConfig, 'config.json'), userJson, { mode: 0o600 });
  // The user's own CLI plugins (buildx, under v2) live in the same dir: build's temporary
  // DOCKER_CONFIG must keep them visible, or a per-user buildx would silently vanish.
  if (engine.buildx) symlinkSync(join(h.runnerDockerConfig, 'cli-plugins'), join(userConfig, 'cli-plugins'));
  const docker = (...args: string[]) => spawnCollect('docker', args, { env: { ...process.env, DOCKER_CONFIG: userConfig } });
  const prefix = `${PREFIX}-private-base`;
  const ws = workspaceFrom('private-base', prefix);
  dirs.push(ws);
  writeFileSync(join(ws, 'compose-deploy.yml'), `build:\n  services:\n    app:\n      args:\n        BASE: ${base}\n`);
  try {
    for (const step of [['tag', h.busyboxImage, base], ['push', base], ['rmi', base]]) {
      const r = await docker(...step);
      assert.equal(r.code, 0, `docker ${step.join(' ')}: ${r.stderr}`);
    }
    // Only the registry has the base now: the build must pull it with the user's login.
    const run = await runAction(inputs({ 'image-prefix': prefix }), { workspace: ws, env: { ...runnerEnv, DOCKER_CONFIG: userConfig } });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, engine.engine);
    assert.equal(pushedCount(run.stdout), 1);
    const pushed = await readPushed(`${PATH}-private-base/app`, TAG);
    assert.ok(pushed, 'app is not in the registry');
    assert.equal(pushed.labels['org.opencontainers.image.revision'], SHA);
    // The build's own login went to its temporary DOCKER_CONFIG, not into the user's.
    assert.equal(readFileSync(join(userConfig, 'config.json'), 'utf8'), userJson);
    assertNoSecret(run, h.registryPassword);
  } finally {
    // By name: the pulled base shares its image id with the harness's busybox, which must stay.
    await docker('rmi', base);
    await removeLocalImages(prefix);
  }
});

test('a moving tag carries the layer cache to the next build (buildx: inline in the pushed image; classic: the engine)', async () => {
  const prefix = `${PREFIX}-inline`;
  const ws = workspaceFrom('two-images', prefix);
  dirs.push(ws);
  writeFileSync(join(ws, 'compose-deploy.yml'), 'build:\n  tags: [branch]\n');
  const env = { ...runnerEnv, GITHUB_REF: 'refs/heads/main' };
  try {
    const first = await runAction(inputs({ 'image-prefix': prefix }), { workspace: ws, env });
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const pushed = await readPushed(`${PATH}-inline/api`, 'main');
    assert.ok(pushed, 'api:main is not in the registry');
    assert.equal(pushed.inlineCache, engine.buildx, 'the cache is in the image exactly when buildx built it');
    const again = await runAction(inputs({ 'image-prefix': prefix, force: 'true' }), { workspace: ws, env });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    const importing = new RegExp(`importing cache manifest from ${prefix.replace(/[.]/g, '\\.')}/api:main`);
    if (engine.buildx) assert.match(again.stdout, importing);
    else assert.doesNotMatch(again.stdout, importing);
  } finally {
    await removeLocalImages(prefix);
  }
});

test('a wrong password fails at login, naming registry and user but never the password', async () => {
  const wrong = 'definitely-not-the-password-4711';
  const run = await runAction(inputs({ 'registry-password': wrong }), { workspace, env: runnerEnv });
  assert.equal(run.code, 1, run.stdout);
  assert.ok(run.stdout.includes(`::error::registry login refused: ${h.registry} did not accept user "ci"`), run.stdout);
  assert.doesNotMatch(run.stdout, engine.buildRan);
  assert.doesNotMatch(run.stdout, /already in the registry/);
  assertNoSecret(run, wrong);
});

test('bad input fails before anything runs: upper-case prefix, short sha, missing Dockerfile', async () => {
  const upper = await runAction(inputs({ 'image-prefix': `${h.registry}/CD-E2E/x` }), { workspace, env: runnerEnv });
  assert.equal(upper.code, 2);
  assert.match(upper.stdout, /::error::image-prefix ".*CD-E2E\/x" has upper-case letters/);

  const sha = await runAction(inputs({ sha: 'abc1234' }), { workspace, env: runnerEnv });
  assert.equal(sha.code, 2);
  assert.match(sha.stdout, /::error::input "sha" must be a full 40-character/);

  const ws = workspaceFrom('two-images', `${PREFIX}-nodockerfile`);
  dirs.push(ws);
  removeDir(join(ws, 'web', 'Dockerfile.web'));
  const missing = await runAction(inputs({ 'image-prefix': `${PREFIX}-nodockerfile` }), { workspace: ws, env: runnerEnv });
  assert.equal(missing.code, 2);
  assert.ok(missing.annotations.some((a) => /^::error file=compose\.yaml,line=16,col=7::.*no Dockerfile at web\/Dockerfile\.web/.test(a)), missing.stdout);
  assert.deepEqual(await listTags(`${PATH}-nodockerfile/api`), []);
});
