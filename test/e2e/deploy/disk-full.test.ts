import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExampleStack, freePort, loadLoop, randomSha } from './stack.js';
import { runAction } from '../lib/run-action.js';

// The deploy path on a filesystem of its own, 8 MB (a tmpfs the test mounts as root, owned by the
// deploy user): too small for the default min-free-disk-mb, and filled by a large release file.
const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
let stack: ExampleStack;
let mounted = false;

before(async () => {
  assert.equal(process.getuid?.(), 0, 'this test mounts a tmpfs: it must run as root');
  stack = new ExampleStack(await freePort());
  const uid = stack.onHost('id -u').trim();
  const gid = stack.onHost('id -g').trim();
  stack.onHost(`mkdir -p ${stack.deployPath}`);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=8m,mode=0755,uid=${uid},gid=${gid}`, `cdtest-${stack.id}`, stack.deployPath]);
  mounted = true;
  for (const v of [A, B]) stack.buildAndPush(v);
});
after(() => {
  if (stack) for (const id of stack.allContainerIds()) execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
  // Lazy: a container just removed may still hold its bind mount of the Caddyfile for a moment.
  if (mounted) execFileSync('umount', ['-l', stack.deployPath]);
  stack?.destroy();
});

/** The workspace's config with these deploy keys added. */
function configure(extra: string): void {
  const file = join(stack.workspace, 'compose-deploy.yml');
  const base = readFileSync(file, 'utf8').replace(/\n {2}min-free-disk-mb: .*|\n {2}files: .*/g, '');
  writeFileSync(file, `${base.trimEnd()}\n${extra}`);
}

const listing = () => stack.onHost(`ls -A ${stack.deployPath}`).trim();
const freeMb = () => Math.floor(Number(stack.onHost(`df -Pk ${stack.deployPath} | awk 'NR==2 {print $4}'`).trim()) / 1024);

test('preflight refuses a deploy path with less free space than min-free-disk-mb: says what it saw and needs, nothing on the host changes', async () => {
  configure('  files: [Caddyfile]\n');
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'failed');
  const escaped = stack.deployPath.replace(/[.]/g, '\\.');
  assert.match(res.log, new RegExp(`preflight: only [78] MB free under the deploy path ${escaped}.* deploy needs 500 MB free in each \\(deploy\\.min-free-disk-mb\\).*Nothing was changed`));
  // The harness's Docker data root has far more than 500 MB: it is not blamed.
  assert.doesNotMatch(res.log, /Docker's data root/);
  assert.equal(listing(), '', 'no release, no audit record, no lock left in the deploy path');
  assert.deepEqual(stack.allContainerIds(), []);
});

test('preflight measures Docker\'s data root too: below the threshold it is named with the free space seen', async () => {
  configure('  files: [Caddyfile]\n  min-free-disk-mb: 100000000\n');
  const res = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(res.code, 1, res.log);
  const root = execFileSync('docker', ['info', '--format', '{{.DockerRootDir}}'], { encoding: 'utf8' }).trim();
  assert.match(res.log, new RegExp(`only \\d+ MB free under Docker's data root ${root.replace(/[.]/g, '\\.')} \\(where pulled images go\\).*deploy needs 100000000 MB`));
  assert.equal(listing(), '');
});

test('a release upload that fills the disk mid-way fails that step, removes its half-written release, and the live release keeps serving', async () => {
  configure('  files: [Caddyfile]\n  min-free-disk-mb: 1\n');
  const first = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  assert.equal(first.code, 0, first.log);
  const liveIds = stack.allContainerIds();
  const freeBefore = freeMb();
  // 12 MB that does not compress, in an 8 MB filesystem: the unpack runs out of space part-way.
  writeFileSync(join(stack.workspace, 'big.bin'), randomBytes(12 * 1024 * 1024));
  configure('  files: [Caddyfile, big.bin]\n  min-free-disk-mb: 1\n');
  const load = loadLoop(stack.proxyPort);
  const res = await runAction(stack.inputs(B.sha), { workspace: stack.workspace });
  const traffic = await load.stop();
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'failed');
  assert.equal(res.outputs['rolled-back'], 'false');
  assert.match(res.log, /uploading release [0-9a-f]{12} .*No space left on device/s);
  assert.match(res.summary, /No running service was changed/);
  assert.equal(traffic.failed, 0, traffic.errors.slice(0, 5).join('; '));
  assert.ok(traffic.ok > 0);
  assert.equal(stack.current(), A.sha);
  assert.equal((await stack.get()).body.trim(), 'api A');
  assert.deepEqual(stack.allContainerIds(), liveIds, 'no container was started, stopped or replaced');
  assert.equal(stack.onHost(`ls -A ${stack.deployPath}/releases`).trim(), A.sha, 'no half-written release, no .incoming directory');
  assert.equal(freeMb(), freeBefore, 'the space the failed upload took is given back');
  assert.equal(stack.lockState(), 'free');
  const last = stack.audit().at(-1)!;
  assert.equal(last['sha'], B.sha);
  assert.equal(last['result'], 'failed');
  assert.match(String(last['error']), /No space left on device/);

  // Space made again (the large file dropped): the same sha deploys and the host ends on one release of B.
  configure('  files: [Caddyfile]\n  min-free-disk-mb: 1\n');
  const retry = await runAction(stack.inputs(B.sha), { workspace: stack.workspace });
  assert.equal(retry.code, 0, retry.log);
  assert.equal(stack.current(), B.sha);
  assert.deepEqual(stack.containers('api').map((c) => c.image), [`${stack.prefix}/api:sha-${B.sha}`]);
  assert.equal(stack.containers('worker').length, 1);
});
