// The harness swarm (test/e2e/harness/swarm-up.sh) really is a multi-node Docker Swarm: three nodes
// Ready as the product will see them (ssh to the manager, pinned host key), images from the harness
// registry pulled on two nodes, overlay traffic between nodes by dnsrr, `mode: host` ports on each
// node's address, and a stack deployed and removed. The file brings the swarm up itself and fails,
// never skips, when this machine cannot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { quoteArgv } from '../../../src/runner/quote.js';
import { harnessEnv } from '../harness/env.js';
import { swarmEnv, type SwarmNode } from '../harness/swarm-env.js';

const SWARM_UP = fileURLToPath(new URL('../harness/swarm-up.sh', import.meta.url));
const up = spawnSync('bash', [SWARM_UP], { encoding: 'utf8', timeout: 1_200_000, killSignal: 'SIGKILL' });
if (up.status !== 0) {
  throw new Error(`bash ${SWARM_UP} failed (status ${String(up.status)}${up.signal === null ? '' : `, ${up.signal}`}):\n${up.stderr.slice(-4000)}`);
}

const harness = harnessEnv();
const env = swarmEnv();
const SUFFIX = `${process.pid}-${Date.now().toString(36)}`;
const [, node2, node3] = env.nodes as [SwarmNode, SwarmNode, SwarmNode];
assert.equal(env.nodes.length, 3, 'swarm.json names three nodes');

function sshArgs(knownHosts: string, command: string): string[] {
  return [
    '-F', '/dev/null',
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

/** Runs argv on the manager over SSH, as the product reaches it; throws with stderr on failure. */
function onManager(argv: string[], input?: string): string {
  const r = spawnSync('ssh', sshArgs(env.knownHostsPath, quoteArgv(argv)), { encoding: 'utf8', input, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`on the manager: ${argv.join(' ')} -> status ${String(r.status)}: ${r.stderr}`);
  return r.stdout.trim();
}

function run(cmd: string, args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 180_000 });
}

function checked(cmd: string, args: string[], input?: string): string {
  const r = run(cmd, args, input);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} -> status ${String(r.status)}: ${r.stderr}`);
  return r.stdout.trim();
}

/** `docker ARGS` in a node's own engine (the test looking inside; the product never does this). */
function inNode(node: SwarmNode, ...args: string[]): SpawnSyncReturns<string> {
  return run('docker', ['exec', node.name, 'docker', ...args]);
}

/** Polls until `probe` returns a value (bounded: a swarm that never converges fails the test). */
async function until<T>(what: string, probe: () => T | undefined, attempts = 240): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await sleep(500);
  }
  throw new Error(`gave up waiting for ${what}${last === undefined ? '' : `: ${(last as Error).message}`}`);
}

/** The running tasks of a service: node hostname per task. */
function runningTasks(service: string): string[] {
  const out = onManager(['docker', 'service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}', service]);
  return out.split('\n').filter((l) => / Running /.test(` ${l} `)).map((l) => l.split(' ')[0] ?? '');
}

async function tasksOn(service: string, nodes: string[]): Promise<void> {
  const want = [...nodes].sort();
  await until(`${service} running on ${want.join(', ')}`, () => {
    const got = runningTasks(service).sort();
    return JSON.stringify(got) === JSON.stringify(want) ? got : undefined;
  });
}

/** The id of the container a service's task runs in on `node`. */
function taskContainer(node: SwarmNode, service: string): string | undefined {
  const r = inNode(node, 'ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`);
  const id = r.stdout.trim().split('\n')[0];
  return r.status === 0 && id !== undefined && id !== '' ? id : undefined;
}

function removeServices(...names: string[]): void {
  spawnSync('ssh', sshArgs(env.knownHostsPath, quoteArgv(['docker', 'service', 'rm', ...names])), { stdio: 'ignore', timeout: 60_000 });
}

test('three nodes are Ready, seen over ssh on the manager with its pinned host key', () => {
  const lines = onManager(['docker', 'node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}']).split('\n');
  const byName = new Map(lines.map((l) => [l.split(' ')[0], l] as const));
  assert.deepEqual([...byName.keys()].sort(), env.nodes.map((n) => n.name).sort(), lines.join('\n'));
  for (const node of env.nodes) {
    const line = byName.get(node.name) ?? '';
    assert.match(line, / Ready Active/, line);
    if (node.role === 'manager') assert.match(line, / Leader$/, line);
    else assert.doesNotMatch(line, /Leader|Reachable/, line);
  }
  assert.equal(onManager(['id', '-un']), env.user);
  const wrong = spawnSync('ssh', sshArgs(env.knownHostsWrongPath, 'echo should-not-run'), { encoding: 'utf8', timeout: 30_000 });
  assert.notEqual(wrong.status, 0);
  assert.doesNotMatch(wrong.stdout, /should-not-run/);
  assert.match(wrong.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
});

test('an image pushed to the harness registry is pulled by tasks on two different nodes', async (t) => {
  const ref = `${harness.registry}/cdtest-swarm/probe:${SUFFIX}`;
  const service = `cdtest-pull-${SUFFIX}`;
  const config = mkdtempSync(join(tmpdir(), 'cdtest-swarm-docker-'));
  t.after(() => {
    removeServices(service);
    spawnSync('docker', ['image', 'rm', ref], { stdio: 'ignore' });
    rmSync(config, { recursive: true, force: true });
  });
  // A layer of its own, so the nodes must fetch it from the registry (they hold the base already).
  checked('docker', ['build', '-q', '-t', ref, '-'], `FROM ${harness.busyboxImage}\nRUN echo ${SUFFIX} > /probe\n`);
  checked('docker', ['--config', config, 'login', '-u', harness.registryUser, '--password-stdin', harness.registry], harness.registryPassword);
  checked('docker', ['--config', config, 'push', ref]);
  const digest = checked('docker', ['image', 'inspect', '-f', '{{index .RepoDigests 0}}', ref]).split('@')[1] ?? '';
  assert.match(digest, /^sha256:/);

  onManager(['docker', 'login', '-u', harness.registryUser, '--password-stdin', env.registry], harness.registryPassword);
  onManager([
    'docker', 'service', 'create', '--detach', '--with-registry-auth', '--name', service,
    '--mode', 'global', '--constraint', 'node.role==worker', ref, 'sh', '-c', 'exec sleep 3600',
  ]);
  const workers = env.nodes.filter((n) => n.role === 'worker');
  assert.equal(workers.length, 2);
  await tasksOn(service, workers.map((n) => n.name));
  // The manager pinned the tag to the registry's digest; each worker pulled that.
  const pinned = `${ref.slice(0, ref.lastIndexOf(':'))}@${digest}`;
  assert.equal(onManager(['docker', 'service', 'inspect', '-f', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', service]), `${ref}@${digest}`);
  for (const node of workers) {
    const pulled = inNode(node, 'image', 'inspect', '-f', '{{join .RepoDigests " "}}', pinned);
    assert.equal(pulled.status, 0, `${node.name} does not hold ${pinned}: ${pulled.stderr}`);
    const id = await until(`${service}'s container on ${node.name}`, () => taskContainer(node, service));
    assert.equal(inNode(node, 'exec', id, 'cat', '/probe').stdout.trim(), SUFFIX);
  }
});

test(`a task on ${node2.name} reaches a task on ${node3.name} over an overlay network by tasks.<service> (dnsrr)`, async (t) => {
  const network = `cdtest-ov-${SUFFIX}`;
  const server = `cdtest-srv-${SUFFIX}`;
  const client = `cdtest-cli-${SUFFIX}`;
  t.after(() => {
    removeServices(server, client);
    // The network goes once its tasks have: bounded retries.
    for (let i = 0; i < 20; i++) {
      const r = spawnSync('ssh', sshArgs(env.knownHostsPath, quoteArgv(['docker', 'network', 'rm', network])), { stdio: 'ignore', timeout: 30_000 });
      if (r.status === 0) break;
      spawnSync('sleep', ['1']);
    }
  });
  onManager(['docker', 'network', 'create', '--driver', 'overlay', network]);
  onManager([
    'docker', 'service', 'create', '--detach', '--name', server, '--network', network, '--endpoint-mode', 'dnsrr',
    '--hostname', '{{.Node.Hostname}}', '--constraint', `node.hostname==${node3.name}`,
    harness.busyboxImage, 'nc', '-ll', '-p', '7000', '-e', 'hostname',
  ]);
  onManager([
    'docker', 'service', 'create', '--detach', '--name', client, '--network', network, '--endpoint-mode', 'dnsrr',
    '--constraint', `node.hostname==${node2.name}`, harness.busyboxImage, 'sleep', '3600',
  ]);
  await tasksOn(server, [node3.name]);
  await tasksOn(client, [node2.name]);
  const id = await until(`${client}'s container on ${node2.name}`, () => taskContainer(node2, client));
  const answer = await until(`an answer from tasks.${server}`, () => {
    const r = inNode(node2, 'exec', id, 'nc', '-w', '5', `tasks.${server}`, '7000');
    return r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : undefined;
  }, 60);
  assert.equal(answer, node3.name);
});

test('a `mode: host` published port answers on each node\'s address, from that node\'s task', async (t) => {
  const service = `cdtest-web-${SUFFIX}`;
  const port = 18080;
  t.after(() => removeServices(service));
  onManager([
    'docker', 'service', 'create', '--detach', '--name', service, '--mode', 'global', '--hostname', '{{.Node.Hostname}}',
    '--publish', `mode=host,target=8080,published=${port}`, harness.busyboxImage,
    'sh', '-c', 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www',
  ]);
  await tasksOn(service, env.nodes.map((n) => n.name));
  for (const node of env.nodes) {
    const body = await until(`http://${node.address}:${port}/`, () => {
      const r = run('curl', ['-sf', '--max-time', '5', `http://${node.address}:${port}/`]);
      return r.status === 0 ? r.stdout.trim() : undefined;
    }, 60);
    assert.equal(body, node.name, `${node.address}:${port} answered from another node`);
  }
});

test('docker stack deploy of a small Compose file runs on every node, and docker stack rm removes it', async () => {
  const stack = `cdtest-stack-${SUFFIX.replace(/[^a-z0-9]/g, '')}`;
  const file = `${env.deployRoot}/${stack}.yml`;
  const compose = [
    'version: "3.8"',
    'services:',
    '  hello:',
    `    image: ${harness.busyboxImage}`,
    '    command: ["sleep", "3600"]',
    '    deploy:',
    '      mode: global',
    '      endpoint_mode: dnsrr',
    '',
  ].join('\n');
  onManager(['sh', '-c', 'cat > "$1"', 'sh', file], compose);
  try {
    onManager(['docker', 'stack', 'deploy', '--compose-file', file, stack]);
    await tasksOn(`${stack}_hello`, env.nodes.map((n) => n.name));
    assert.match(onManager(['docker', 'stack', 'services', '--format', '{{.Name}} {{.Mode}} {{.Replicas}}', stack]), new RegExp(`^${stack}_hello global 3/3$`));
  } finally {
    onManager(['docker', 'stack', 'rm', stack]);
    onManager(['rm', '-f', file]);
  }
  await until(`${stack} to be gone`, () => {
    const left = onManager(['sh', '-c', 'docker stack ls --format "{{.Name}}"; docker network ls --format "{{.Name}}"']);
    return left.split('\n').some((l) => l.startsWith(stack)) ? undefined : true;
  });
  for (const node of env.nodes) {
    await until(`${stack}'s containers on ${node.name} to stop`, () => {
      const r = inNode(node, 'ps', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`);
      return r.status === 0 && r.stdout.trim() === '' ? true : undefined;
    });
  }
});
