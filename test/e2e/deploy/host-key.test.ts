import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { hostInputs, runAction, runCli, sshArgs } from '../lib/run-action.js';
import { SecondHost } from '../backup/second-host.js';
import { randomSha } from './stack.js';

// An impostor: a second sshd with a host key of its own, on an address the known_hosts pins to the
// real host's key (as after a DNS or routing hijack, or a reinstalled host). It would let the deploy
// user in with the right key, so only the host key check stands between the deploy and it.
const h = harnessEnv();
const project = `cdhostkey-${randomBytes(3).toString('hex')}`;
const deployPath = `${h.deployRoot}/${project}`;
const dir = mkdtempSync(join(tmpdir(), 'cd-hostkey-'));
let impostor: SecondHost;
let pinnedToReal: string;

before(async () => {
  impostor = await SecondHost.start({ ownHostKey: true });
  const realKey = readFileSync(join(h.stateDir, 'ssh', 'ssh_host_ed25519_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  pinnedToReal = `[127.0.0.1]:${impostor.port} ${realKey}\n`;
  writeFileSync(join(dir, 'compose.prod.yaml'), `services:\n  web:\n    image: ${h.busyboxImage}\n    command: ["sleep", "600"]\n`);
  writeFileSync(join(dir, 'compose-deploy.yml'), `project: ${project}\ncompose:\n  prod:\n    files: [compose.prod.yaml]\n`);
});
after(async () => {
  await impostor?.stop();
  rmSync(dir, { recursive: true, force: true });
  execFileSync('ssh', sshArgs(`rm -rf ${deployPath}`));
});

/** What the impostor's log shows of authentication: any request, accepted or not, is a failure of the pin. */
const authLines = (log: string) => log.split('\n').filter((l) => /userauth|Accepted|Failed (publickey|password|none)|Postponed/i.test(l));
const connections = (log: string) => log.split('\n').filter((l) => /Connection from 127\.0\.0\.1/.test(l)).length;
const hostExists = () => execFileSync('ssh', sshArgs(`test -e ${deployPath} && echo yes || echo no`), { encoding: 'utf8' }).trim() === 'yes';

test('the action: a host presenting another key is refused before authentication, naming the host and both fingerprints; nothing runs', async () => {
  const { fingerprint } = impostor.ownKey();
  const seen = connections(impostor.log());
  const res = await runAction({ command: 'deploy', sha: randomSha(), 'deploy-path': deployPath, ...hostInputs({ port: String(impostor.port), 'known-hosts': pinnedToReal }) }, { workspace: dir });
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'failed');
  const lookup = `\\[127\\.0\\.0\\.1\\]:${impostor.port}`;
  assert.match(res.log, new RegExp(`::error::.*host key for ${lookup} did not match known-hosts: the server presented ssh-ed25519 ${fingerprint.replace(/[+/]/g, '\\$&')}, known-hosts lists ssh-ed25519 ${h.hostKeyFingerprint.replace(/[+/]/g, '\\$&')}`));
  assert.match(res.log, /Nothing was run on the host/);
  assert.doesNotMatch(res.log, /retrying/, 'a wrong host key is not retried');
  assert.ok(connections(impostor.log()) > seen, 'the impostor was reached (else this proves nothing)');
  assert.deepEqual(authLines(impostor.log()), [], 'no authentication was attempted');
  assert.equal(hostExists(), false, 'nothing ran: no deploy directory');
});

test('the CLI: the same refusal, exit 1 (the operation failed), the fingerprint seen in --json', async () => {
  const { fingerprint } = impostor.ownKey();
  const known = join(dir, 'known_hosts');
  writeFileSync(known, pinnedToReal);
  const res = await runCli(['releases', '--json', '--host', '127.0.0.1', '--port', String(impostor.port), '--user', h.user, '--ssh-private-key-file', h.keyPath, '--known-hosts-file', known, '--deploy-path', deployPath]);
  assert.equal(res.code, 1, res.stdout + res.stderr);
  assert.ok(res.json, res.stdout);
  assert.ok(String(res.json.error).includes(fingerprint), res.json.error);
  assert.deepEqual(authLines(impostor.log()), []);
});

test('control: pinned to the impostor\'s own key, the same sshd lets the client authenticate, and its log shows it', async () => {
  const res = await runAction({ command: 'releases', 'deploy-path': deployPath, ...hostInputs({ port: String(impostor.port), 'known-hosts': impostor.ownKey().knownHosts }) }, { workspace: dir });
  assert.equal(res.code, 0, res.log);
  assert.ok(authLines(impostor.log()).some((l) => /Accepted publickey for deploy/.test(l)), impostor.log());
});
