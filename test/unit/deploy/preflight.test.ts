import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowDisk } from '../../../src/deploy/preflight.js';
import { parseProbe } from '../../../src/host/probe.js';

const ds = { deployPath: '/srv/app', minFreeDiskMb: 500 };

test('the probe reads the free space under the deploy path and under Docker\'s data root', () => {
  const facts = parseProbe('docker-version=27.1.0\ndocker-root=/var/lib/docker\ndocker-root-free-kb=2048\nfree-kb=1048576\n');
  assert.equal(facts.dockerRoot, '/var/lib/docker');
  assert.equal(facts.dockerRootFreeKb, 2048);
  assert.equal(facts.freeKb, 1048576);
  assert.deepEqual(lowDisk(facts, ds), ["only 2 MB free under Docker's data root /var/lib/docker (where pulled images go)"]);
});

test('each filesystem below min-free-disk-mb is named with what was seen; one not measured is not judged', () => {
  assert.deepEqual(lowDisk({ freeKb: 8192, dockerRoot: '/var/lib/docker', dockerRootFreeKb: 100 }, ds), [
    'only 8 MB free under the deploy path /srv/app',
    "only 0 MB free under Docker's data root /var/lib/docker (where pulled images go)",
  ]);
  assert.deepEqual(lowDisk({}, ds), []);
  assert.deepEqual(lowDisk({ freeKb: 8192, dockerRootFreeKb: 1 }, { ...ds, minFreeDiskMb: 0 }), []);
  assert.deepEqual(lowDisk({ freeKb: 512000 }, ds), [], 'exactly the threshold is enough');
});
