import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLAIM_RANGE, claimPort } from '../../e2e/lib/port-claim.js';

const claimsDir = () => mkdtempSync(join(tmpdir(), 'port-claims-'));
/** Three ports, so a test can fill all but one of them. */
const SMALL = { first: CLAIM_RANGE.last - 2, last: CLAIM_RANGE.last };

test('the claim range lies below the kernel ephemeral range, so no listen(0) or outgoing connection gets one of its ports', () => {
  const [ephemeralFirst] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  assert.ok(CLAIM_RANGE.last < ephemeralFirst, `${CLAIM_RANGE.last} < ${ephemeralFirst}`);
});

test('ports claimed at the same instant are distinct, and each is recorded with this pid', async () => {
  const dir = claimsDir();
  const ports = await Promise.all(Array.from({ length: 40 }, () => claimPort(dir)));
  assert.equal(new Set(ports).size, ports.length);
  for (const p of ports) {
    assert.ok(p >= CLAIM_RANGE.first && p <= CLAIM_RANGE.last, String(p));
    assert.equal(readFileSync(join(dir, String(p)), 'utf8'), String(process.pid));
  }
});

test('every port claimed: the next claim fails naming the range', async () => {
  const dir = claimsDir();
  for (let i = 0; i < 3; i++) await claimPort(dir, SMALL);
  await assert.rejects(claimPort(dir, SMALL), /no free port claimable in 31997-31999/);
});

test("a live process's claim is never taken; an ended process's claim is", async () => {
  const dir = claimsDir();
  const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(join(dir, String(SMALL.first)), '1');
  writeFileSync(join(dir, String(SMALL.first + 1)), '1');
  writeFileSync(join(dir, String(SMALL.last)), ended.stdout);
  assert.equal(await claimPort(dir, SMALL), SMALL.last);
  assert.equal(readFileSync(join(dir, String(SMALL.last)), 'utf8'), String(process.pid));
  await assert.rejects(claimPort(dir, SMALL));
  assert.equal(readFileSync(join(dir, String(SMALL.first)), 'utf8'), '1');
});

test('a port something else listens on is not handed out, and stays claimed so no one tries it', async () => {
  const dir = claimsDir();
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(SMALL.last, '127.0.0.1', r));
  try {
    writeFileSync(join(dir, String(SMALL.first)), '1');
    writeFileSync(join(dir, String(SMALL.first + 1)), '1');
    await assert.rejects(claimPort(dir, SMALL), /no free port claimable/);
    assert.ok(readdirSync(dir).includes(String(SMALL.last)));
  } finally {
    srv.close();
  }
});
