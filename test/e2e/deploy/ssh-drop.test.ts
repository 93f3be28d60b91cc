import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort, loadLoop, randomSha } from './stack.js';
import { runAction, startAction } from '../lib/run-action.js';

const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
let stack: ExampleStack;

before(async () => {
  stack = new ExampleStack(await freePort());
  // A short lease: the run whose connection dropped cannot release its lock; the next deploy takes it over.
  appendFileSync(join(stack.workspace, 'compose-deploy.yml'), '  lock-lease: 12\n');
  for (const v of [A, B]) stack.buildAndPush(v);
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 0, res.stdout);
});
after(() => stack?.destroy());

/** The sshd process serving the connection that runs this project's roll script (found by walking up from it). */
function sshdServingRoll(): number | undefined {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  let p = rows.find((r) => r.args.includes('compose-deploy-roll') && r.args.includes(stack.project));
  while (p && !p.args.startsWith('sshd:')) p = rows.find((r) => r.pid === p!.ppid);
  return p?.pid;
}

test('the SSH connection drops in the middle of the rolling update: the step fails saying so; the next deploy of the same sha converges', async () => {
  const load = loadLoop(stack.proxyPort);
  const run = startAction(stack.inputs(B.sha), { workspace: stack.workspace, env: { GITHUB_ACTOR: 'dropped-run', GITHUB_RUN_ID: '5' } });
  let sshd: number | undefined;
  for (let i = 0; i < 600 && !sshd; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (stack.containers('api').length === 2) sshd = sshdServingRoll();
  }
  assert.ok(sshd, 'found the sshd serving the roll');
  process.kill(sshd!, 'SIGTERM');
  const code = await run.exited;
  const out = run.output();
  assert.equal(code, 1, out);
  const errors = out.split('\n').filter((l) => l.startsWith('::error::')).join('\n');
  assert.match(errors, /the SSH connection to deploy@[\d.:]+ was lost/, 'the failure says the connection went away');
  assert.match(errors, /nothing could be undone from here: check the host/);
  assert.doesNotMatch(errors, /did not become healthy/, 'the service is not blamed for the lost connection');
  // The next deploy of the same sha takes over the lock the dropped run could not release, and converges.
  const res = await runAction(stack.inputs(B.sha), { workspace: stack.workspace, env: { GITHUB_ACTOR: 'retry-run' } });
  await new Promise((r) => setTimeout(r, 500));
  const traffic = await load.stop();
  assert.equal(res.code, 0, res.stdout);
  assert.equal(traffic.failed, 0, traffic.errors.slice(0, 5).join('\n'));
  assert.equal(stack.current(), B.sha);
  assert.deepEqual(stack.containers('api').map((c) => c.image), [`${stack.prefix}/api:sha-${B.sha}`], 'one api container, on B');
  assert.equal(stack.containers('worker').length, 1);
  assert.equal((await stack.get()).body.trim(), 'api B');
  assert.equal(stack.lockState(), 'free');
  assert.equal(stack.audit().at(-1)!['result'], 'success');
});
