// target: swarm on the harness's three-node swarm (test/e2e/harness/swarm-up.sh): the action reaches
// the manager over SSH with its pinned key, deploys the stack and watches it converge; Caddy, published
// in host mode on the manager, reaches the api's tasks on the other nodes by dnsrr (no IPVS here).
// One stack for the whole file: a first release, a rolling deploy under load, a release that never
// turns healthy rolled back by the tool under load, then a rollback to a kept release. It touches no
// Compose, so run.sh runs it once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { quoteArgv } from '../../../src/runner/quote.js';
import { harnessEnv } from '../harness/env.js';
import { swarmEnv } from '../harness/swarm-env.js';
import { runAction, startAction } from '../lib/run-action.js';
import { loadLoop } from '../deploy/stack.js';

const SWARM_UP = fileURLToPath(new URL('../harness/swarm-up.sh', import.meta.url));
const up = spawnSync('bash', [SWARM_UP], { encoding: 'utf8', timeout: 1_200_000, killSignal: 'SIGKILL' });
if (up.status !== 0) throw new Error(`bash ${SWARM_UP} failed (status ${String(up.status)}):\n${up.stderr.slice(-4000)}`);

const h = harnessEnv();
const env = swarmEnv();
const manager = env.nodes.find((n) => n.role === 'manager')!;
const stack = `cdswarm${randomBytes(3).toString('hex')}`;
const prefix = `${h.registry}/${stack}`;
const deployPath = `${env.deployRoot}/${stack}`;
const proxyPort = 20000 + Math.floor(Math.random() * 10000);
const workspace = mkdtempSync(join(tmpdir(), 'cd-swarm-'));
const pushConfig = mkdtempSync(join(tmpdir(), 'cd-swarm-push-'));
const sha = () => randomBytes(20).toString('hex');
const [V1, V2, BAD] = [sha(), sha(), sha()];
const pushed: string[] = [];

function onManager(argv: string[]): string {
  const r = spawnSync(
    'ssh',
    ['-F', '/dev/null', '-p', String(env.port), '-i', env.keyPath, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${env.knownHostsPath}`, '-o', 'StrictHostKeyChecking=yes', `${env.user}@${env.host}`, quoteArgv(argv)],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`on the manager: ${argv.join(' ')} -> ${String(r.status)}: ${r.stderr}`);
  return r.stdout.trim();
}

function push(ref: string): void {
  execFileSync('docker', ['--config', pushConfig, 'push', '-q', ref], { stdio: ['ignore', 'ignore', 'pipe'] });
  pushed.push(ref);
}

/** The api of one release: answers its version at once, healthy after a second (or never). */
function buildApi(version: string, healthy: boolean): void {
  const ctx = mkdtempSync(join(tmpdir(), 'cd-swarm-api-'));
  writeFileSync(
    join(ctx, 'run.sh'),
    ['#!/bin/sh', 'mkdir -p /www', `echo "${version}" > /www/index.html`, `(sleep 1; ${healthy ? 'touch /tmp/ready' : 'true'}) &`, 'exec httpd -f -p 8080 -h /www', ''].join('\n'),
    { mode: 0o755 },
  );
  writeFileSync(join(ctx, 'Dockerfile'), `FROM ${h.busyboxImage}\nCOPY run.sh /run.sh\nCMD ["/run.sh"]\n`);
  const ref = `${prefix}/api:sha-${version}`;
  execFileSync('docker', ['build', '-q', '--label', `compose-deploy-test.stack=${stack}`, '-t', ref, ctx], { stdio: ['ignore', 'ignore', 'pipe'] });
  push(ref);
  rmSync(ctx, { recursive: true, force: true });
}

const COMPOSE = `version: "3.8"
services:
  proxy:
    image: ${prefix}/caddy:2
    ports: [{ target: 80, published: ${proxyPort}, mode: host }]
    configs: [{ source: caddyfile, target: /etc/caddy/Caddyfile }]
    deploy: { placement: { constraints: [node.role == manager] } }
  api:
    image: ${prefix}/api:\${IMAGE_TAG}
    init: true
    stop_grace_period: 2s
    healthcheck: { test: [CMD, test, -f, /tmp/ready], interval: 1s, timeout: 2s, retries: 2, start_period: 4s }
    deploy: { replicas: 2, endpoint_mode: dnsrr }
configs:
  caddyfile: { file: ./Caddyfile }
`;

// Per-address upstreams refreshed each second with passive health and quick retries (the field
// notes' settings): a task that stops is skipped at once.
const CADDYFILE = `{
	admin off
	auto_https off
}
:80 {
	reverse_proxy {
		dynamic a tasks.api 8080 {
			refresh 1s
		}
		fail_duration 5s
		lb_try_duration 5s
		lb_try_interval 20ms
		transport http {
			dial_timeout 100ms
		}
	}
}
`;

writeFileSync(join(workspace, 'compose.yaml'), COMPOSE);
writeFileSync(join(workspace, 'Caddyfile'), CADDYFILE);
writeFileSync(join(workspace, 'compose-deploy.yml'), `project: ${stack}\ntarget: swarm\ncompose:\n  prod:\n    files: [compose.yaml]\ndeploy:\n  order: [api]\n  health-timeout: 30\n  lock-lease: 12\n  files: [Caddyfile]\n`);
execFileSync('docker', ['--config', pushConfig, 'login', h.registry, '--username', h.registryUser, '--password-stdin'], { input: h.registryPassword, stdio: ['pipe', 'ignore', 'pipe'] });
// The manager pins every image by digest in the registry: the proxy's too, so it goes there.
execFileSync('docker', ['tag', h.caddyImage, `${prefix}/caddy:2`]);
push(`${prefix}/caddy:2`);
buildApi(V1, true);
buildApi(V2, true);
buildApi(BAD, false);

after(() => {
  try {
    onManager(['sh', '-c', 'docker stack rm "$1" >/dev/null; rm -rf "$2"', 'x', stack, deployPath]);
  } catch (err) {
    console.error(`clean-up of stack ${stack} on the manager failed: ${(err as Error).message}`);
  }
  for (const ref of pushed) spawnSync('docker', ['rmi', '--no-prune', ref], { stdio: 'ignore' });
  rmSync(workspace, { recursive: true, force: true });
  rmSync(pushConfig, { recursive: true, force: true });
});

function inputs(extra: Record<string, string>): Record<string, string> {
  return {
      command: 'deploy',
      'deploy-path': deployPath,
      registry: h.registry,
      'registry-username': h.registryUser,
      'registry-password': h.registryPassword,
      host: env.host,
      port: String(env.port),
      user: env.user,
      'ssh-private-key': readFileSync(env.keyPath, 'utf8'),
      'known-hosts': readFileSync(env.knownHostsPath, 'utf8'),
      ...extra,
  };
}

function deploy(extra: Record<string, string>) {
  return runAction(inputs(extra), { workspace });
}

const url = `http://${manager.address}:${proxyPort}/`;

async function body(): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return res.status === 200 ? (await res.text()).trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Requests through Caddy until stopped: two at a time, each failure kept. */
/** The api's running tasks: node and image each. */
function apiTasks(): { node: string; image: string }[] {
  return onManager(['docker', 'service', 'ps', '--no-trunc', '--filter', 'desired-state=running', '--format', '{{.Node}} {{.Image}}', `${stack}_api`])
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ node: l.split(' ')[0]!, image: l.split(' ')[1]! }));
}

test('first release: the stack comes up, every image pinned by digest, the audit record keeps the digests', async () => {
  const r = await deploy({ sha: V1 });
  assert.equal(r.code, 0, r.log);
  assert.equal(r.outputs['result'], 'success');
  for (let i = 0; i < 240 && (await body()) !== V1; i++) await sleep(250);
  assert.equal(await body(), V1);
  const tasks = apiTasks();
  assert.equal(tasks.length, 2);
  for (const t of tasks) assert.match(t.image, new RegExp(`/api:sha-${V1}@sha256:[0-9a-f]{64}$`));
  const audit = JSON.parse(onManager(['tail', '-n', '1', `${deployPath}/releases.jsonl`])) as { swarm: { services: { name: string; image: string }[] } };
  assert.deepEqual(audit.swarm.services.map((s) => s.name).sort(), ['api', 'proxy']);
  const spec = onManager(['docker', 'service', 'inspect', '-f', '{{json .Spec.UpdateConfig}}', `${stack}_api`]);
  assert.match(spec, /"Order":"start-first"/);
  assert.match(spec, /"FailureAction":"rollback"/);
});

test('a rolling deploy across nodes under load through Caddy: zero failed requests, the new release on every task', async () => {
  const traffic = loadLoop(url);
  const r = await deploy({ sha: V2 });
  const seen = await traffic.stop();
  assert.equal(r.code, 0, r.log);
  assert.equal(r.outputs['previous-sha'], V1);
  assert.equal(seen.failed, 0, `failed requests: ${seen.errors.slice(0, 5).join('; ')}`);
  assert.ok(seen.bodies.has(V2), `the new release answered during the load (${[...seen.bodies].join(', ')})`);
  const tasks = apiTasks();
  assert.equal(tasks.filter((t) => t.image.includes(`sha-${V2}@`)).length, 2);
  // Swarm spreads a service's tasks over the nodes: the roll crossed at least two of them.
  assert.ok(new Set(tasks.map((t) => t.node)).size >= 2, JSON.stringify(tasks));
  assert.equal(await body(), V2);
});

test('a release that never turns healthy: the tool deploys the previous digests again, under load with zero failed requests', async () => {
  const before = apiTasks().map((t) => t.image)[0];
  const traffic = loadLoop(url);
  const r = await deploy({ sha: BAD });
  const seen = await traffic.stop();
  assert.equal(r.code, 1, r.log);
  assert.equal(r.outputs['rolled-back'], 'true', r.log);
  assert.equal(seen.failed, 0, `failed requests: ${seen.errors.slice(0, 5).join('; ')}`);
  assert.deepEqual([...seen.bodies], [V2]);
  assert.deepEqual(apiTasks().map((t) => t.image), [before, before]);
  assert.equal(onManager(['sh', '-c', 'basename "$(readlink "$1/current")"', 'x', deployPath]), V2);
  const audit = JSON.parse(onManager(['tail', '-n', '1', `${deployPath}/releases.jsonl`])) as { result: string; sha: string };
  assert.deepEqual([audit.sha, audit.result], [BAD, 'rolled-back']);
});

test('rollback to a kept release: its recorded digests made live again', async () => {
  const r = await deploy({ command: 'rollback', to: V1.slice(0, 10) });
  assert.equal(r.code, 0, r.log);
  assert.equal(r.outputs['deployed-sha'], V1);
  for (const t of apiTasks()) assert.match(t.image, new RegExp(`/api:sha-${V1}@sha256:`));
  assert.equal(await body(), V1);
});

/** The manager's sshd serving the connection that runs this stack's service wait (walked up from it). */
function sshdServingWait(): number | undefined {
  const ps = spawnSync('docker', ['exec', manager.name, 'ps', '-eo', 'pid=,ppid=,args='], { encoding: 'utf8', timeout: 30_000 });
  const rows = ps.stdout
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  let p = rows.find((r) => r.args.includes('compose-deploy-service-wait') && r.args.includes(stack));
  while (p && !(p.args.startsWith('sshd:') && !p.args.includes('listener'))) p = rows.find((r) => r.pid === p!.ppid);
  return p?.pid;
}

test('the manager\'s SSH dropped mid-deploy: the run fails without undoing; the next deploy takes the lease over and converges, under load with zero failed requests', async () => {
  const traffic = loadLoop(url);
  const run = startAction(inputs({ sha: V2 }), { workspace });
  let sshd: number | undefined;
  for (let i = 0; i < 1200 && sshd === undefined; i++) {
    sshd = sshdServingWait();
    if (sshd === undefined) await sleep(100);
  }
  assert.ok(sshd !== undefined, `the deploy reached its service wait:\n${run.output()}`);
  spawnSync('docker', ['exec', manager.name, 'kill', '-TERM', String(sshd)], { stdio: 'ignore', timeout: 30_000 });
  const code = await run.exited;
  assert.equal(code, 1, run.output());
  const next = await deploy({ sha: V2 });
  const seen = await traffic.stop();
  assert.equal(next.code, 0, next.log);
  assert.match(next.log, /took over the deploy lock/);
  assert.equal(seen.failed, 0, `failed requests: ${seen.errors.slice(0, 5).join('; ')}`);
  for (const t of apiTasks()) assert.match(t.image, new RegExp(`/api:sha-${V2}@sha256:`));
  assert.equal(await body(), V2);
  const kinds = onManager(['tail', '-n', '3', `${deployPath}/releases.jsonl`]).split('\n').map((l) => (JSON.parse(l) as { kind: string; result: string }).kind);
  assert.ok(kinds.includes('abandoned'), kinds.join(', '));
});
