import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import {
  fingerprintOf,
  hostFieldMatches,
  hostLookupName,
  keyTypeOfBlob,
  parseKnownHosts,
  pinnedHostKeyAlgorithms,
  verifyHostKey,
} from '../../../src/ssh/known-hosts.js';

function blob(type: string, body = randomBytes(32)): Buffer {
  const name = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(name.length);
  const blen = Buffer.alloc(4);
  blen.writeUInt32BE(body.length);
  return Buffer.concat([len, name, blen, body]);
}
const hashed = (host: string, salt = randomBytes(20)) => `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(host).digest('base64')}`;

const ed = blob('ssh-ed25519');
const other = blob('ssh-ed25519');
const rsa = blob('ssh-rsa');

test('lookup names follow OpenSSH: bare on 22, [host]:port otherwise', () => {
  assert.equal(hostLookupName('example.com', 22), 'example.com');
  assert.equal(hostLookupName('127.0.0.1', 2222), '[127.0.0.1]:2222');
});

test('host fields: plain lists, wildcards, negation, hashed', () => {
  assert.ok(hostFieldMatches('a.example,b.example', 'b.example'));
  assert.ok(hostFieldMatches('*.example', 'deep.example'));
  assert.ok(!hostFieldMatches('*.example,!bad.example', 'bad.example'));
  assert.ok(hostFieldMatches('[127.0.0.1]:2222', '[127.0.0.1]:2222'));
  assert.ok(!hostFieldMatches('127.0.0.1', '[127.0.0.1]:2222'));
  assert.ok(hostFieldMatches(hashed('[127.0.0.1]:2222'), '[127.0.0.1]:2222'));
  assert.ok(!hostFieldMatches(hashed('[127.0.0.1]:2223'), '[127.0.0.1]:2222'));
  assert.ok(hostFieldMatches('Host.Example', 'host.example'));
  assert.ok(!hostFieldMatches('a.b', 'axb'), 'dots are literal, not regex wildcards');
});

test('parse reports malformed lines and key type mismatches', () => {
  const text = `# comment\n\n[h]:2 ssh-ed25519 ${ed.toString('base64')}\nnonsense\nh ssh-rsa ${ed.toString('base64')}\n`;
  const { entries, problems } = parseKnownHosts(text);
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.line, 3);
  assert.deepEqual(problems.map((p) => p.split(':')[0]), ['line 4', 'line 5']);
});

test('verify accepts the exact pinned key, plain or hashed', () => {
  assert.deepEqual(verifyHostKey({ knownHosts: `[h]:2222 ssh-ed25519 ${ed.toString('base64')}` }, 'h', 2222, ed), { ok: true });
  assert.deepEqual(verifyHostKey({ knownHosts: `${hashed('[h]:2222')} ssh-ed25519 ${ed.toString('base64')}` }, 'h', 2222, ed), { ok: true });
});

test('verify rejects another key and says which keys were seen', () => {
  const v = verifyHostKey({ knownHosts: `[h]:2222 ssh-ed25519 ${ed.toString('base64')}` }, 'h', 2222, other);
  assert.equal(v.ok, false);
  assert.match((v as { reason: string }).reason, /did not match known-hosts/);
  assert.match((v as { reason: string }).reason, new RegExp(fingerprintOf(other).replace(/[+/]/g, '\\$&')));
});

test('verify rejects a host with no entry, and a key pinned for another port', () => {
  const v = verifyHostKey({ knownHosts: `h ssh-ed25519 ${ed.toString('base64')}` }, 'h', 2222, ed);
  assert.equal(v.ok, false);
  assert.match((v as { reason: string }).reason, /no entry for \[h\]:2222/);
});

test('@revoked wins over a plain entry', () => {
  const kh = `h ssh-ed25519 ${ed.toString('base64')}\n@revoked h ssh-ed25519 ${ed.toString('base64')}`;
  const v = verifyHostKey({ knownHosts: kh }, 'h', 22, ed);
  assert.equal(v.ok, false);
  assert.match((v as { reason: string }).reason, /@revoked/);
});

test('fingerprint pins match ssh-keygen format, with or without padding', () => {
  const fp = fingerprintOf(ed);
  assert.match(fp, /^SHA256:[A-Za-z0-9+/]{43}$/);
  assert.deepEqual(verifyHostKey({ fingerprint: fp }, 'h', 22, ed), { ok: true });
  assert.deepEqual(verifyHostKey({ fingerprint: `${fp}=` }, 'h', 22, ed), { ok: true });
  assert.equal(verifyHostKey({ fingerprint: fp }, 'h', 22, other).ok, false);
});

test('only the pinned key types are offered, so the server cannot pick an unpinned one', () => {
  const kh = `[h]:2222 ssh-ed25519 ${ed.toString('base64')}\n[h]:2222 ssh-rsa ${rsa.toString('base64')}\nz ssh-ed25519 ${other.toString('base64')}`;
  assert.deepEqual(pinnedHostKeyAlgorithms(kh, 'h', 2222), ['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  assert.equal(pinnedHostKeyAlgorithms(kh, 'nobody', 22), undefined);
});

test('key type is read from the blob', () => {
  assert.equal(keyTypeOfBlob(ed), 'ssh-ed25519');
  assert.equal(keyTypeOfBlob(Buffer.from([0, 0])), undefined);
});
