// Smoke test of the e2e harness itself: the deploy host, host key pinning,
// the registry's auth and the busybox image really work. Run after
// `bash test/e2e/harness/up.sh`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { harnessEnv } from './env.js';

const env = harnessEnv();
const SUFFIX = `${process.pid}-${Date.now().toString(36)}`;
const TEST_LABEL = 'compose-deploy.test=1';

function sshArgs(knownHosts: string, command: string): string[] {
  return [
    '-F', '/dev/null', // ignore any user ssh config
    '-p', String(env.port),
    '-i', env.keyPath,
    '-o', 'IdentitiesOnly=yes',
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${knownHosts}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'ConnectTimeout=10',
    `${env.user}@${env.host}`,
    command,
  ];
}

function ssh(knownHosts: string, command: string) {
  return spawnSync('ssh', sshArgs(knownHosts, command), { encoding: 'utf8', timeout: 30_000 });
}

function curlStatus(url: string, auth?: string): string {
  const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10'];
  if (auth !== undefined) args.push('-u', auth);
  return execFileSync('curl', [...args, url], { encoding: 'utf8' });
}

function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', timeout: 120_000 }).trim();
}

test('ssh with the pinned known_hosts runs docker as the deploy user', () => {
  const r = ssh(env.knownHostsPath, "id -un && docker version --format '{{.Server.Version}}'");
  assert.equal(r.status, 0, `ssh failed: ${r.stderr}`);
  const [who, serverVersion] = r.stdout.trim().split('\n');
  assert.equal(who, env.user);
  assert.match(serverVersion ?? '', /^\d+\.\d+/);
});

test('ssh with the hashed known_hosts works too', () => {
  const r = ssh(env.knownHostsHashedPath, 'true');
  assert.equal(r.status, 0, `ssh failed: ${r.stderr}`);
});

test('ssh with known_hosts.wrong is refused (StrictHostKeyChecking=yes)', () => {
  const r = ssh(env.knownHostsWrongPath, 'echo should-not-run');
  assert.notEqual(r.status, 0);
  assert.doesNotMatch(r.stdout, /should-not-run/);
  assert.match(r.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
});

test('the host key fingerprint matches the key the server presents', () => {
  const scanned = execFileSync('ssh-keyscan', ['-p', String(env.port), '-t', 'ed25519', env.host], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30_000,
  });
  assert.equal(scanned.trim(), readKnownHostsLine(), 'ssh-keyscan output differs from known_hosts');
  const fingerprint = execFileSync('ssh-keygen', ['-lf', '-'], { input: scanned, encoding: 'utf8' });
  assert.equal(fingerprint.split(' ')[1], env.hostKeyFingerprint);
});

function readKnownHostsLine(): string {
  return readFileSync(env.knownHostsPath, 'utf8').trim();
}

test('key auth only: a password login is not offered', () => {
  const r = spawnSync(
    'ssh',
    [
      '-F', '/dev/null', '-p', String(env.port),
      '-o', 'BatchMode=yes', '-o', 'PubkeyAuthentication=no',
      '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${env.knownHostsPath}`,
      `${env.user}@${env.host}`, 'true',
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /Permission denied \(publickey\)/);
});

test('registry: 401 without credentials, 200 with them', () => {
  const url = `http://${env.registry}/v2/`;
  assert.equal(curlStatus(url), '401');
  assert.equal(curlStatus(url, `${env.registryUser}:wrong-password`), '401');
  assert.equal(curlStatus(url, `${env.registryUser}:${env.registryPassword}`), '200');
});

test('busybox httpd serves a file that wget fetches from another container on a user network', async (t) => {
  const network = `cdtest-smoke-net-${SUFFIX}`;
  const server = `cdtest-smoke-web-${SUFFIX}`;
  docker('network', 'create', '--label', TEST_LABEL, network);
  t.after(() => {
    spawnSync('docker', ['rm', '-f', server], { stdio: 'ignore' });
    spawnSync('docker', ['network', 'rm', network], { stdio: 'ignore' });
  });
  const body = `hello from ${server}`;
  docker(
    'run', '-d', '--name', server, '--network', network, '--label', TEST_LABEL, '-e', `BODY=${body}`,
    env.busyboxImage,
    'sh', '-c', 'mkdir -p /www && printf "%s" "$BODY" > /www/index.html && exec httpd -f -p 8080 -h /www',
  );
  // httpd needs a moment to listen: retry inside the client, bounded.
  const fetched = docker(
    'run', '--rm', '--network', network, '--label', TEST_LABEL, env.busyboxImage,
    'sh', '-c',
    `for i in $(seq 1 50); do wget -qO- http://${server}:8080/index.html && exit 0; sleep 0.1; done; exit 1`,
  );
  assert.equal(fetched, body);
});

after(() => {
  // Belt and braces: nothing named after this run may survive it.
  const left = spawnSync('docker', ['ps', '-aq', '--filter', `name=${SUFFIX}`], { encoding: 'utf8' });
  assert.equal(left.stdout.trim(), '', 'smoke test left containers behind');
});

test(`the host and the runner offer exactly Compose ${env.compose}: v2 with buildx, or v1 and the classic builder only`, () => {
  const onHost = ssh(env.knownHostsPath, 'docker compose version --short; echo "v2=$?"; docker-compose version --short; echo "v1=$?"');
  assert.equal(onHost.status, 0, onHost.stderr);
  const v2OnHost = /^v2=0$/m.test(onHost.stdout);
  assert.equal(v2OnHost, env.compose === 'v2', onHost.stdout + onHost.stderr);
  assert.match(onHost.stdout, /^v1=0$/m, 'docker-compose v1 stays installed on both hosts');
  if (env.compose === 'v2') assert.ok(onHost.stdout.includes(env.composeVersion), onHost.stdout);

  const runner = { ...process.env, DOCKER_CONFIG: env.runnerDockerConfig };
  for (const plugin of ['compose', 'buildx']) {
    const ran = spawnSync('docker', [plugin, 'version'], { env: runner, encoding: 'utf8' }).status === 0;
    assert.equal(ran, env.compose === 'v2', `docker ${plugin} on the runner (DOCKER_CONFIG=${env.runnerDockerConfig})`);
  }
});
