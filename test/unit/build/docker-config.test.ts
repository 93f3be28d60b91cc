import { test } from 'node:test';
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { carriedConfig, type DockerConfigFile } from '../../../src/build/docker-config-file.js';
import { createTempDockerConfig } from '../../../src/build/docker-config.js';
import { InputError } from '../../../src/errors.js';

const configCases: { name: string; user: DockerConfigFile; want: DockerConfigFile }[] = [
  { name: 'empty', user: {}, want: {} },
  {
    name: 'other registries\' logins, context, proxies kept; ours dropped so the new login replaces it',
    user: { auths: { 'registry.example.com': { auth: 'b3RoZXI6cHc=' }, 'ghcr.io': { auth: 'b2xkOnB3' } }, currentContext: 'remote', proxies: { default: { httpProxy: 'http://p:3128' } } },
    want: { auths: { 'registry.example.com': { auth: 'b3RoZXI6cHc=' } }, currentContext: 'remote', proxies: { default: { httpProxy: 'http://p:3128' } } },
  },
  {
    name: 'ours spelled as a URL is still ours',
    user: { auths: { 'https://ghcr.io/v1/': { auth: 'x' }, 'https://index.docker.io/v1/': { auth: 'y' } } },
    want: { auths: { 'https://index.docker.io/v1/': { auth: 'y' } } },
  },
  {
    name: 'a helper for our registry would receive our login: dropped; others kept',
    user: { credHelpers: { 'ghcr.io': 'gh', '123.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login' } },
    want: { credHelpers: { '123.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login' } },
  },
  {
    name: 'credsStore: every registry it holds pinned to it, ours left to the file',
    user: { credsStore: 'desktop', auths: { 'https://index.docker.io/v1/': {}, 'ghcr.io': {}, 'quay.io': {} }, credHelpers: { 'quay.io': 'other' } },
    want: { auths: { 'https://index.docker.io/v1/': {}, 'quay.io': {} }, credHelpers: { 'quay.io': 'other', 'https://index.docker.io/v1/': 'desktop' } },
  },
];
for (const c of configCases) {
  test(`carried config.json: ${c.name}`, () => assert.deepEqual(carriedConfig(c.user, 'ghcr.io'), c.want));
}

const mode = (p: string) => statSync(p).mode & 0o777;

/** A user's DOCKER_CONFIG as docker/login-action and `docker context create` leave it. */
function userDockerConfig(): string {
  const d = mkdtempSync(join(tmpdir(), 'cd-user-docker-'));
  writeFileSync(join(d, 'config.json'), JSON.stringify({ auths: { 'registry.example.com': { auth: 'b3RoZXI6cHc=' }, '127.0.0.1:5000': { auth: 'b2xkOnB3' } }, currentContext: 'remote' }), { mode: 0o644 });
  mkdirSync(join(d, 'contexts/meta/abc'), { recursive: true });
  writeFileSync(join(d, 'contexts/meta/abc/meta.json'), '{"Name":"remote"}', { mode: 0o644 });
  mkdirSync(join(d, 'cli-plugins'));
  return d;
}

test('the temporary DOCKER_CONFIG carries the user\'s config.json and contexts, private, and is removed afterwards', () => {
  const user = userDockerConfig();
  const runnerTemp = mkdtempSync(join(tmpdir(), 'cd-runner-temp-'));
  const t = createTempDockerConfig({ DOCKER_CONFIG: user, RUNNER_TEMP: runnerTemp }, '127.0.0.1:5000');
  assert.ok(t.dir.startsWith(join(runnerTemp, 'compose-deploy-docker-')));
  assert.deepEqual(t.env, { DOCKER_CONFIG: t.dir });
  assert.equal(mode(t.dir), 0o700);
  assert.equal(mode(join(t.dir, 'config.json')), 0o600);
  assert.deepEqual(JSON.parse(readFileSync(join(t.dir, 'config.json'), 'utf8')), { auths: { 'registry.example.com': { auth: 'b3RoZXI6cHc=' } }, currentContext: 'remote' });
  assert.equal(readFileSync(join(t.dir, 'contexts/meta/abc/meta.json'), 'utf8'), '{"Name":"remote"}');
  assert.equal(mode(join(t.dir, 'contexts')), 0o700);
  assert.equal(mode(join(t.dir, 'contexts/meta/abc')), 0o700);
  assert.equal(mode(join(t.dir, 'contexts/meta/abc/meta.json')), 0o600);
  assert.ok(lstatSync(join(t.dir, 'cli-plugins')).isSymbolicLink());
  assert.equal(readlinkSync(join(t.dir, 'cli-plugins')), join(user, 'cli-plugins'));
  t.remove();
  assert.equal(existsSync(t.dir), false);
  // The user's own files are never touched.
  assert.match(readFileSync(join(user, 'config.json'), 'utf8'), /127\.0\.0\.1:5000/);
  assert.equal(existsSync(join(user, 'contexts/meta/abc/meta.json')), true);
});

test('without a user config the temporary one starts empty', () => {
  const t = createTempDockerConfig({ DOCKER_CONFIG: join(tmpdir(), 'cd-no-such-docker-config'), RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'cd-runner-temp-')) }, 'ghcr.io');
  assert.equal(existsSync(join(t.dir, 'config.json')), false);
  t.remove();
});

test('a broken user config.json is an InputError naming it, and leaves no temporary directory behind', () => {
  const user = mkdtempSync(join(tmpdir(), 'cd-user-docker-'));
  writeFileSync(join(user, 'config.json'), '{"auths": ');
  const runnerTemp = mkdtempSync(join(tmpdir(), 'cd-runner-temp-'));
  assert.throws(() => createTempDockerConfig({ DOCKER_CONFIG: user, RUNNER_TEMP: runnerTemp }, 'ghcr.io'), (e: Error) => e instanceof InputError && e.message.includes(join(user, 'config.json')));
  assert.deepEqual(readdirSync(runnerTemp), []);
});

for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
  test(`a real process holding a temporary DOCKER_CONFIG removes it on ${signal} and exits ${code}`, async () => {
    const temp = mkdtempSync(join(tmpdir(), 'cd-signal-'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'hold-docker-config.ts')], {
      env: { ...process.env, RUNNER_TEMP: temp, DOCKER_CONFIG: join(temp, 'no-user-config') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const dir = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', () => reject(new Error(`child exited before printing its directory: ${out}`)));
    });
    assert.ok(existsSync(dir) && dir.startsWith(temp), dir);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill(signal);
    assert.equal(await exited, code);
    assert.equal(existsSync(dir), false, 'the login directory is gone');
    assert.deepEqual(readdirSync(temp), []);
  });
}
