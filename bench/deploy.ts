/**
 * Deploy benchmark on the harness, one run, the example stack (proxy -> api -> worker, migrate, Postgres):
 *  (a) failed requests under load: compose-deploy's rolling deploy vs a plain `compose pull && up -d` of the same change;
 *  (b) deploy wall time minus the floor (image pull + container start + first healthy probe, measured directly);
 *  (c) SSH round trips per deploy, with a fast-booting and a slow-booting api (more health polls).
 * Needs the harness (bash test/e2e/harness/up.sh). Run: node --import tsx bench/deploy.ts
 */
import { execFileSync } from 'node:child_process';
import { record } from './report.js';
import { ExampleStack, freePort, loadLoop, randomSha, type LoadResult } from '../test/e2e/deploy/stack.js';
import { harnessComposeCommand, harnessEnv } from '../test/e2e/harness/env.js';
import { runAction, sshArgs } from '../test/e2e/lib/run-action.js';
import { plainUpdate } from './plain-update.js';

const stack = new ExampleStack(await freePort());
const versions = ['A', 'B', 'C', 'D'].map((label) => ({ sha: randomSha(), label }));
const [A, B, C, D] = versions as [(typeof versions)[0], (typeof versions)[0], (typeof versions)[0], (typeof versions)[0]];

async function deploy(sha: string, boot: number): Promise<{ seconds: number; trips: number; traffic: LoadResult; log: string }> {
  stack.bootSeconds = boot;
  const load = loadLoop(stack.proxyPort);
  const t0 = performance.now();
  const res = await runAction(stack.inputs(sha), { workspace: stack.workspace });
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  if (res.code !== 0) throw new Error(`deploy of ${sha} failed:\n${res.log.slice(-3000)}`);
  return { seconds, trips: Number(res.outputs['round-trips']), traffic, log: res.log };
}

/** A plain `pull && up -d` of the same change, under the same load. */
async function plainUnderLoad(sha: string): Promise<LoadResult> {
  const load = loadLoop(stack.proxyPort);
  await plainUpdate(stack, sha);
  await new Promise((r) => setTimeout(r, 1000));
  return load.stop();
}

/** What one Compose invocation costs on the host before it does anything. */
function composeStartSeconds(): number {
  const runs = 3;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) execFileSync('ssh', sshArgs(`${harnessComposeCommand()} version --short >/dev/null`));
  const ssh0 = performance.now();
  for (let i = 0; i < runs; i++) execFileSync('ssh', sshArgs('true'));
  return (ssh0 - t0 - (performance.now() - ssh0)) / runs / 1000;
}

/** The floor: pull both images and start a fresh api until its first healthy probe, plus a worker. */
async function floorSeconds(sha: string): Promise<number> {
  const api = `${stack.prefix}/api:sha-${sha}`;
  const worker = `${stack.prefix}/worker:sha-${sha}`;
  for (const img of [api, worker]) execFileSync('docker', ['rmi', '-f', img], { stdio: 'ignore' });
  const t0 = performance.now();
  execFileSync('ssh', sshArgs(`d=$(mktemp -d) && DOCKER_CONFIG=$d docker login -u ${stack.h.registryUser} --password-stdin ${stack.h.registry} >/dev/null && DOCKER_CONFIG=$d docker pull -q ${api} >/dev/null && DOCKER_CONFIG=$d docker pull -q ${worker} >/dev/null; rm -rf $d`), {
    input: stack.h.registryPassword,
  });
  const name = `${stack.project}-floor`;
  execFileSync('docker', ['run', '-d', '--name', name, '--label', 'compose-deploy.test=1', '-e', `BOOT_SECONDS=${stack.bootSeconds}`, '--health-cmd', 'wget -q -O /dev/null http://127.0.0.1:8080/health', '--health-interval', '1s', '--health-start-period', '12s', api], { stdio: 'ignore' });
  const wname = `${stack.project}-floor-worker`;
  execFileSync('docker', ['run', '-d', '--name', wname, '--label', 'compose-deploy.test=1', worker], { stdio: 'ignore' });
  for (;;) {
    const st = execFileSync('docker', ['inspect', '-f', '{{.State.Health.Status}}', name], { encoding: 'utf8' }).trim();
    if (st === 'healthy') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  execFileSync('docker', ['rm', '-f', name, wname], { stdio: 'ignore' });
  return seconds;
}

try {
  for (const v of versions) stack.buildAndPush(v);
  console.log(`deploy benchmark: example stack (proxy, api, worker, migrate, db), ${harnessComposeCommand()} ${harnessEnv().composeVersion} on the harness host`);
  await deploy(A.sha, 4);

  const rolling = await deploy(B.sha, 4);
  const plain = await plainUnderLoad(A.sha);
  console.log(`(a) failed requests under load  rolling deploy: ${rolling.traffic.failed}/${rolling.traffic.ok + rolling.traffic.failed}   plain pull + up -d: ${plain.failed}/${plain.ok + plain.failed}`);
  console.log(`    ratio rolling/plain failures: ${plain.failed === 0 ? 'n/a (plain lost none)' : (rolling.traffic.failed / plain.failed).toFixed(2)}`);

  // Back on a compose-deploy release before measuring the rest.
  stack.onHost(`ln -sfn releases/${B.sha} ${stack.deployPath}/current`);
  const timed = await deploy(C.sha, 4);
  const floor = await floorSeconds(C.sha);
  // Waits the config asks for: a drain per rolled service, min-ready for the worker (no healthcheck), and the migration's own run.
  const migration = Number(/migration migrate finished \(([\d.]+)s\)/.exec(timed.log)?.[1] ?? 0);
  const waits = 2 * 1 + 2 + migration;
  // render, migration dependencies (unless they already run), migrate, converge, one `up` per rolled service
  const composeCalls = /what the migration needs is running/.test(timed.log) ? 5 : 6;
  const composeStart = composeStartSeconds();
  const overhead = timed.seconds - floor;
  console.log(`(b) deploy wall time ${timed.seconds.toFixed(1)} s, floor (pull + start + first healthy probe) ${floor.toFixed(1)} s, ratio wall/floor ${(timed.seconds / floor).toFixed(2)}`);
  console.log(`    overhead ${overhead.toFixed(1)} s = configured waits ${waits.toFixed(1)} s (2 drains of 1 s, worker min-ready 2 s, migration ${migration.toFixed(1)} s)`);
  console.log(`      + Compose CLI start-up ${(composeCalls * composeStart).toFixed(1)} s (${composeCalls} calls x ${composeStart.toFixed(2)} s for ${harnessComposeCommand()})`);
  console.log(`      + compose-deploy itself ${(overhead - waits - composeCalls * composeStart).toFixed(1)} s (node start, SSH, upload, lock, audit, prune)`);

  record({ bench: 'deploy', figure: 'failed requests during a rolling deploy', value: rolling.traffic.failed, unit: 'requests', baseline: { what: 'plain pull + up -d of the same change', value: plain.failed, unit: 'requests' }, target: '0', met: rolling.traffic.failed === 0 });
  record({ bench: 'deploy', figure: 'deploy wall time above the floor (pull + start + first healthy probe)', value: overhead, unit: 's', baseline: { what: 'floor', value: floor, unit: 's' }, ratio: timed.seconds / floor });
  const own = overhead - waits - composeCalls * composeStart;
  record({ bench: 'deploy', figure: "compose-deploy's own overhead (beyond configured waits and Compose start-up)", value: own, unit: 's', baseline: { what: 'configured waits', value: waits, unit: 's' }, target: '< 1 s', met: own < 1 });
  const slow = await deploy(D.sha, 9);
  record({ bench: 'deploy', figure: 'SSH round trips per deploy (api boots in 4 s)', value: timed.trips, unit: 'round trips', baseline: { what: 'api boots in 9 s', value: slow.trips, unit: 'round trips' }, ratio: slow.trips / timed.trips });
  console.log(`(c) SSH round trips per deploy: api boots in 4 s -> ${timed.trips}, in 9 s -> ${slow.trips} (ratio ${(slow.trips / timed.trips).toFixed(2)}: health polls run on the host)`);
} finally {
  stack.destroy();
}
