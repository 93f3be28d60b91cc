import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../../src/config/settings.js';
import { InputError } from '../../../src/errors.js';
import { maintenanceSettings } from '../../../src/maintenance/maintenance-settings.js';

const settings = (extra: Record<string, string>, env: Record<string, string> = {}) =>
  resolveSettings({
    explicit: { command: 'maintenance', host: 'deploy.example', user: 'deploy', 'ssh-private-key': 'unused', 'deploy-path': '/srv/shop', 'host-key-fingerprint': `SHA256:${'A'.repeat(43)}`, ...extra },
    env,
    cwd: mkdtempSync(join(tmpdir(), 'cd-maintenance-')),
  });

test('maintenance settings: the switch, the reason trimmed, the actor and the host, read once', () => {
  const m = maintenanceSettings(settings({ maintenance: ' On ', reason: '  restoring last night  ' }, { GITHUB_ACTOR: 'octo' }));
  assert.equal(m.on, true);
  assert.equal(m.reason, 'restoring last night');
  assert.equal(m.actor, 'octo');
  assert.equal(m.deployPath, '/srv/shop');
  assert.equal(m.target.host, 'deploy.example');
  assert.equal(m.dryRun, false);
  assert.equal(maintenanceSettings(settings({ maintenance: 'off', reason: '   ' })).reason, undefined);
});

test('maintenance settings: a switch that is neither on nor off is bad input before the host is looked at', () => {
  assert.throws(() => maintenanceSettings(settings({ maintenance: 'maybe', host: '' })), (e: unknown) => e instanceof InputError && /"maintenance" must be on or off.*maybe/.test(e.message));
});
