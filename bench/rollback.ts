/**
 * Rollback benchmark on the harness, the example stack (proxy -> api -> worker, migrate, Postgres):
 * a rollback to a kept release whose images are on the host, under load. Prints its wall time to every
 * service healthy against the floor (the target's api and worker started fresh until the api's first
 * healthy probe, measured in the same run), and the failed requests during it (goal 0).
 * Needs the harness (bash test/e2e/harness/up.sh). Run: node --import tsx bench/rollback.ts
 */
import { ExampleStack, freePort, loadLoop, randomSha } from '../test/e2e/deploy/stack.js';
import { record } from './report.js';
import { runAction } from '../test/e2e/lib/run-action.js';
import { containerFloorSeconds } from './floor.js';

const stack = new ExampleStack(await freePort());
const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };

try {
  for (const v of [A, B]) {
    stack.buildAndPush(v);
    const res = await runAction(stack.inputs(v.sha), { workspace: stack.workspace });
    if (res.code !== 0) throw new Error(`deploy of ${v.label} failed:\n${res.log.slice(-3000)}`);
  }
  const { sha: _s, 'env-file': _e, ...inputs } = stack.inputs(A.sha);
  const load = loadLoop(stack.proxyPort);
  const t0 = performance.now();
  const res = await runAction({ ...inputs, command: 'rollback' }, { workspace: stack.workspace });
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  if (res.code !== 0 || res.outputs['deployed-sha'] !== A.sha) throw new Error(`rollback failed:\n${res.log.slice(-3000)}`);
  const floor = await containerFloorSeconds(stack, A.sha);
  console.log(`rollback benchmark: example stack, ${res.outputs['compose-command']} on the harness host, target images on the host`);
  console.log(`rollback wall time ${seconds.toFixed(1)} s, floor (start + first healthy probe) ${floor.toFixed(1)} s, ratio wall/floor ${(seconds / floor).toFixed(2)}`);
  console.log(`  configured waits inside it: 2 drains of 1 s, worker min-ready 2 s; SSH round trips ${res.outputs['round-trips']}`);
  console.log(`failed requests during the rollback: ${traffic.failed}/${traffic.ok + traffic.failed} (goal 0)`);
  record({ bench: 'rollback', figure: 'rollback to a kept release, images on the host', value: seconds, unit: 's', baseline: { what: 'floor: the target started fresh until its first healthy probe', value: floor, unit: 's' }, ratio: seconds / floor });
  record({ bench: 'rollback', figure: 'failed requests during the rollback', value: traffic.failed, unit: 'requests', baseline: { what: 'requests answered', value: traffic.ok, unit: 'requests' }, target: '0', met: traffic.failed === 0 });
} finally {
  stack.destroy();
}
