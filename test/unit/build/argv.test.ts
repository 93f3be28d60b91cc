import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineCacheSources } from '../../../src/build/build-image.js';
import { buildxCommand, classicBuildCommand, ociLabels, pushCommands, type BuildRequest, type CacheSpec } from '../../../src/build/argv.js';
import { LocalRunner } from '../../../src/runner/local-runner.js';
import { shellText } from '../../../src/runner/runner.js';

const base: BuildRequest = { repository: 'ghcr.io/acme/shop/api', tags: ['sha-0123456789abcdef0123456789abcdef01234567'], context: '/w/api', dockerfile: '/w/api/Dockerfile', args: {}, labels: {} };
const T = 'ghcr.io/acme/shop/api:sha-0123456789abcdef0123456789abcdef01234567';

// Inputs -> argv, in the style of docker/actions-toolkit's build tests.
const buildxCases: { name: string; req?: Partial<BuildRequest>; cache: CacheSpec; want: string[] }[] = [
  { name: 'minimal, no cache', cache: { kind: 'none' }, want: ['docker', 'buildx', 'build', '--progress=plain', '--push', '--file', '/w/api/Dockerfile', '--tag', T, '/w/api'] },
  {
    name: 'target, args and labels sorted',
    req: { target: 'prod', args: { B: '2', A: '1 two' }, labels: { 'org.opencontainers.image.revision': 'abc', 'org.opencontainers.image.created': 'now' } },
    cache: { kind: 'none' },
    want: ['docker', 'buildx', 'build', '--progress=plain', '--push', '--file', '/w/api/Dockerfile', '--target', 'prod', '--build-arg', 'A=1 two', '--build-arg', 'B=2', '--label', 'org.opencontainers.image.created=now', '--label', 'org.opencontainers.image.revision=abc', '--tag', T, '/w/api'],
  },
  {
    name: 'several tags, gha cache scoped per image',
    req: { tags: ['sha-0123456789abcdef0123456789abcdef01234567', 'sha-0123456', 'main'] },
    cache: { kind: 'gha', scope: 'acme/shop/api' },
    want: ['docker', 'buildx', 'build', '--progress=plain', '--push', '--file', '/w/api/Dockerfile', '--tag', T, '--tag', 'ghcr.io/acme/shop/api:sha-0123456', '--tag', 'ghcr.io/acme/shop/api:main', '--cache-from', 'type=gha,scope=acme/shop/api', '--cache-to', 'type=gha,mode=max,scope=acme/shop/api', '/w/api'],
  },
  {
    name: 'local cache: read old dir, write a new one',
    cache: { kind: 'local', dir: '/c/api', newDir: '/c/api-new' },
    want: ['docker', 'buildx', 'build', '--progress=plain', '--push', '--file', '/w/api/Dockerfile', '--tag', T, '--cache-from', 'type=local,src=/c/api', '--cache-to', 'type=local,dest=/c/api-new,mode=max', '/w/api'],
  },
  {
    name: 'inline cache (docker driver): embedded in the image, read back from the moving tags',
    req: { tags: ['sha-0123456789abcdef0123456789abcdef01234567', 'main'] },
    cache: { kind: 'inline', from: ['ghcr.io/acme/shop/api:main'] },
    want: ['docker', 'buildx', 'build', '--progress=plain', '--push', '--file', '/w/api/Dockerfile', '--tag', T, '--tag', 'ghcr.io/acme/shop/api:main', '--cache-from', 'type=registry,ref=ghcr.io/acme/shop/api:main', '--cache-to', 'type=inline', '/w/api'],
  },
];

test('the inline cache is read back only from tags that move between builds', () => {
  assert.deepEqual(inlineCacheSources('r/api', ['sha-0123456789abcdef0123456789abcdef01234567', 'sha-0123456', 'feature-x', 'latest']), ['r/api:feature-x', 'r/api:latest']);
  assert.deepEqual(inlineCacheSources('r/api', ['sha-0123456789abcdef0123456789abcdef01234567']), []);
});

for (const c of buildxCases) {
  test(`buildx argv: ${c.name}`, () => {
    assert.deepEqual(buildxCommand({ ...base, ...c.req }, c.cache).argv, c.want);
  });
}

test('buildx command carries DOCKER_CONFIG but never a cache token', () => {
  const cmd = buildxCommand(base, { kind: 'gha', scope: 's' }, { DOCKER_CONFIG: '/tmp/d' });
  assert.deepEqual(cmd.env, { DOCKER_CONFIG: '/tmp/d' });
  assert.ok(!cmd.argv.some((a) => /token/i.test(a)));
});

test('classic build: same flags, no --push, DOCKER_BUILDKIT=0', () => {
  const cmd = classicBuildCommand({ ...base, target: 'prod', args: { X: 'y' } }, { DOCKER_CONFIG: '/tmp/d' });
  assert.deepEqual(cmd.argv, ['docker', 'build', '--force-rm', '--file', '/w/api/Dockerfile', '--target', 'prod', '--build-arg', 'X=y', '--tag', T, '/w/api']);
  assert.deepEqual(cmd.env, { DOCKER_CONFIG: '/tmp/d', DOCKER_BUILDKIT: '0' });
});

test('build args from the runner\'s environment: the name on the command line, the value only in the build\'s private environment', () => {
  const req: BuildRequest = { ...base, args: { NPM_TOKEN: 's3cr3t-npm', MODE: 'prod', EMPTY: '' }, argsFromEnv: ['NPM_TOKEN', 'EMPTY'] };
  const table: Array<[string, ReturnType<typeof classicBuildCommand>]> = [
    ['classic', classicBuildCommand(req, { DOCKER_CONFIG: '/tmp/d' })],
    ['buildx', buildxCommand(req, { kind: 'none' }, { DOCKER_CONFIG: '/tmp/d' })],
  ];
  for (const [engine, cmd] of table) {
    const args = cmd.argv.flatMap((a, i) => (cmd.argv[i - 1] === '--build-arg' ? [a] : []));
    assert.deepEqual(args, ['EMPTY', 'MODE=prod', 'NPM_TOKEN'], engine);
    assert.deepEqual(cmd.privateEnv, { NPM_TOKEN: 's3cr3t-npm', EMPTY: '' }, engine);
    assert.ok(!JSON.stringify(cmd.env).includes('s3cr3t'), `${engine}: the printed environment stays free of it`);
    assert.ok(!shellText(cmd).includes('s3cr3t'), `${engine}: dry-run text never shows it`);
  }
  assert.equal(classicBuildCommand(base).privateEnv, undefined, 'no private environment without such args');
});

test('the private environment reaches the program it runs', async () => {
  const res = await new LocalRunner().run({ argv: ['sh', '-c', 'printf %s "$CD_ARG_PROBE"'], privateEnv: { CD_ARG_PROBE: 'from-env' } });
  assert.equal(res.stdout, 'from-env');
});

test('one docker push per tag (never --all-tags), the sha tag last', () => {
  const cmds = pushCommands({ repository: 'r/x', tags: ['sha-a', 'sha-short', 'main', 'latest'] }, { DOCKER_CONFIG: '/tmp/d' });
  assert.deepEqual(cmds.map((c) => c.command.argv), [['docker', 'push', 'r/x:sha-short'], ['docker', 'push', 'r/x:main'], ['docker', 'push', 'r/x:latest'], ['docker', 'push', 'r/x:sha-a']]);
  assert.deepEqual(cmds.map((c) => c.tag), ['sha-short', 'main', 'latest', 'sha-a']);
  assert.deepEqual(cmds.map((c) => c.command.env), Array(4).fill({ DOCKER_CONFIG: '/tmp/d' }));
  assert.deepEqual(pushCommands({ repository: 'r/x', tags: ['sha-a'] }).map((c) => c.command.argv), [['docker', 'push', 'r/x:sha-a']]);
});

test('OCI labels: revision, source, created, version; source left out when unknown', () => {
  assert.deepEqual(ociLabels({ sha: 'abc', source: 'https://github.com/Acme/Shop', created: '2026-01-01T00:00:00.000Z', version: 'sha-abc' }), {
    'org.opencontainers.image.revision': 'abc',
    'org.opencontainers.image.source': 'https://github.com/Acme/Shop',
    'org.opencontainers.image.created': '2026-01-01T00:00:00.000Z',
    'org.opencontainers.image.version': 'sha-abc',
  });
  assert.equal('org.opencontainers.image.source' in ociLabels({ sha: 'a', created: 'c', version: 'v' }), false);
});
