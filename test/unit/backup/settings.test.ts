import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../../src/config/settings.js';
import { backupDir, backupSettings } from '../../../src/backup/backup-settings.js';
import { InputError } from '../../../src/errors.js';

const KNOWN = '[203.0.113.7]:22 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
function settingsWith(config: string, extra: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'cd-backup-'));
  writeFileSync(join(cwd, 'compose-deploy.yml'), config);
  return resolveSettings({
    explicit: { command: 'backup', host: '203.0.113.7', user: 'deploy', 'ssh-private-key': 'k', 'known-hosts': KNOWN, 'deploy-path': '/srv/shop', ...extra },
    env: {},
    cwd,
  });
}
const throwsInput = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: unknown) => e instanceof InputError && re.test(e.message));

test('defaults: dir under the deploy path, keep 7, database and user from the container', () => {
  const bs = backupSettings(settingsWith('project: shop\nbackup:\n  service: db\n'));
  assert.equal(bs.dir, '/srv/shop/backups');
  assert.equal(bs.keep, 7);
  assert.equal(bs.keepDays, 0);
  assert.equal(bs.database, undefined);
  assert.equal(bs.user, undefined);
  assert.equal(bs.project, 'shop');
});

test('backup.service, or backup.image for an external database, is required; not both', () => {
  throwsInput(() => backupSettings(settingsWith('project: shop\n')), /backup\.service/);
  throwsInput(() => backupSettings(settingsWith('project: shop\nbackup:\n  service: db\n  image: postgres:16\n')), /exclude each other/);
  const bs = backupSettings(settingsWith('project: shop\nbackup:\n  image: postgres:16\n'));
  assert.deepEqual(bs.external, { image: 'postgres:16', urlVariable: 'DATABASE_URL' });
});

test('a backup dir outside the deploy path needs allow-outside; ".." is refused', () => {
  assert.equal(backupDir('/srv/shop', 'dumps/daily', false), '/srv/shop/dumps/daily');
  throwsInput(() => backupDir('/srv/shop', '/var/backups', false), /outside the deploy path.*allow-outside/);
  throwsInput(() => backupDir('/srv/shop', '/srv/shop-other', false), /outside the deploy path/);
  throwsInput(() => backupDir('/srv/shop', 'x/../../etc', true), /\.\./);
  assert.equal(backupDir('/srv/shop', '/var/backups/shop', true), '/var/backups/shop');
});

test('metacharacters in the service, database, user or dir are bad input with file and line', () => {
  for (const [key, value] of [['service', 'db;rm'], ['database', 'app$(id)'], ['user', 'a b'], ['dir', 'x`y`']]) {
    const rest = key === 'service' ? '' : '  service: db\n';
    throwsInput(() => settingsWith(`project: shop\nbackup:\n${rest}  ${key}: "${value}"\n`), new RegExp(`compose-deploy\\.yml:\\d+:\\d+: backup\\.${key}`));
  }
});

test('copy-to needs its own key and a pinned host key', () => {
  const config = 'project: shop\nbackup:\n  service: db\n  copy-to: { address: 198.51.100.9, user: backup, path: /srv/copies }\n';
  throwsInput(() => backupSettings(settingsWith(config)), /copy-to-ssh-private-key/);
  throwsInput(() => backupSettings(settingsWith(config, { 'copy-to-ssh-private-key': 'k' })), /copy-to-known-hosts/);
  const bs = backupSettings(settingsWith(config, { 'copy-to-ssh-private-key': 'k', 'copy-to-known-hosts': KNOWN.replace('203.0.113.7', '198.51.100.9') }));
  assert.deepEqual({ host: bs.copyTo?.target.host, port: bs.copyTo?.target.port, path: bs.copyTo?.path }, { host: '198.51.100.9', port: 22, path: '/srv/copies' });
});
