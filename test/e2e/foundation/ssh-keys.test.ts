import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessComposeCommand, harnessEnv } from '../harness/env.js';
import { hostInputs, runAction, sshArgs } from '../lib/run-action.js';

const h = harnessEnv();
const dir = mkdtempSync(join(tmpdir(), 'cd-keys-'));
const deployPath = `${h.deployRoot}/keys-${process.pid}`;
const PASSPHRASE = 'correct horse battery staple';
const keys = {
  pemRsa: join(dir, 'rsa_pem'),
  opensshEd25519: join(dir, 'ed25519_enc'),
};
const marker = `compose-deploy-key-test-${process.pid}`;

before(() => {
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', PASSPHRASE, '-C', marker, '-f', keys.pemRsa]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASSPHRASE, '-C', marker, '-f', keys.opensshEd25519]);
  const pubs = [keys.pemRsa, keys.opensshEd25519].map((k) => readFileSync(`${k}.pub`, 'utf8')).join('');
  execFileSync('ssh', sshArgs('cat >> ~/.ssh/authorized_keys'), { input: pubs });
});

after(() => {
  execFileSync('ssh', sshArgs(`sed -i '/${marker}/d' ~/.ssh/authorized_keys`));
  rmSync(dir, { recursive: true, force: true });
});

for (const [name, path] of Object.entries(keys)) {
  test(`a passphrase-protected ${name} key connects with ssh-passphrase`, async () => {
    const res = await runAction({ command: 'releases', 'deploy-path': deployPath, ...hostInputs({ 'ssh-private-key': readFileSync(path, 'utf8'), 'ssh-passphrase': PASSPHRASE }) });
    assert.equal(res.code, 0, res.log);
    assert.equal(res.outputs['compose-command'], harnessComposeCommand());
    assert.ok(!res.log.includes(PASSPHRASE), 'the passphrase is never logged');
  });
}

test('a wrong passphrase is bad input (exit 2) that says what to fix', async () => {
  const res = await runAction({ command: 'releases', 'deploy-path': deployPath, ...hostInputs({ 'ssh-private-key': readFileSync(keys.opensshEd25519, 'utf8'), 'ssh-passphrase': 'wrong' }) });
  assert.equal(res.code, 2, res.log);
  assert.match(res.log, /ssh-private-key could not be read/);
  assert.match(res.log, /ssh-passphrase/);
});

test('a key the host does not accept fails as a refused login, not a crash', async () => {
  const stranger = join(dir, 'stranger');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
  const res = await runAction({ command: 'releases', 'deploy-path': deployPath, ...hostInputs({ 'ssh-private-key': readFileSync(stranger, 'utf8') }) });
  assert.equal(res.code, 1, res.log);
  assert.match(res.log, new RegExp(`SSH login as deploy@127\\.0\\.0\\.1:${harnessEnv().port} was refused`));
});

test('insecure-skip-host-key-check connects without a pin, with a warning annotation', async () => {
  const res = await runAction({ command: 'releases', 'deploy-path': deployPath, ...hostInputs({ 'known-hosts': '', 'insecure-skip-host-key-check': 'true' }) });
  assert.equal(res.code, 0, res.log);
  assert.ok(res.annotations.some((a) => /^::warning::insecure-skip-host-key-check is true: the host key of 127\.0\.0\.1 is NOT verified/.test(a)), res.log);
});
