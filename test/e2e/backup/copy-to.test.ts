import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../lib/run-action.js';
import { DbStack } from './db-stack.js';
import { SecondHost } from './second-host.js';

let db: DbStack;
let second: SecondHost;
let copies: string;

before(async () => {
  db = new DbStack();
  db.sql("CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes SELECT g, repeat('x', g % 100) FROM generate_series(1, 20000) g;");
  second = await SecondHost.start();
  copies = `${db.h.deployRoot}/${db.project}-copies`;
});
after(async () => {
  await second?.stop();
  if (db) execFileSync('rm', ['-rf', copies]);
  db?.destroy();
});

const copyInputs = (knownHosts: string) => db.inputs({ 'copy-to-ssh-private-key': readFileSync(db.h.keyPath, 'utf8'), 'copy-to-known-hosts': knownHosts });

test('copy-to: the verified dump, its manifest and sidecar land on the second host and verify there', async () => {
  db.config(`  copy-to: { address: 127.0.0.1, port: ${second.port}, user: deploy, path: ${copies} }\n`);
  const res = await runAction(copyInputs(second.knownHosts()), { workspace: db.workspace });
  assert.equal(res.code, 0, res.log);
  const file = res.outputs['backup-file']!;
  const name = file.split('/').pop()!;
  assert.deepEqual(execFileSync('ls', ['-A', copies], { encoding: 'utf8' }).trim().split('\n').sort(), [name, `${name}.json`, `${name}.sha256`]);
  assert.deepEqual(readFileSync(`${copies}/${name}`), readFileSync(file));
  assert.deepEqual(JSON.parse(readFileSync(`${copies}/${name}.json`, 'utf8')), JSON.parse(res.outputs['backup-manifest']!));
  // What a person on the second host would run.
  const knownHosts = join(db.workspace, 'second_known_hosts');
  writeFileSync(knownHosts, second.knownHosts());
  const check = execFileSync('ssh', ['-p', String(second.port), '-i', db.h.keyPath, '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'BatchMode=yes', 'deploy@127.0.0.1', `cd ${copies} && sha256sum -c ${name}.sha256`], { encoding: 'utf8' });
  assert.equal(check.trim(), `${name}: OK`);
  assert.match(res.summary, new RegExp(`Copied to deploy@127\\.0\\.0\\.1:${second.port}:${copies}/${name.replace(/\./g, '\\.')} \\(checksum verified there\\)`));
});

test('copy-to with a host key that does not match: the step fails, nothing is sent, the dump stays on the deploy host', async () => {
  const before = execFileSync('ls', ['-A', copies], { encoding: 'utf8' });
  const res = await runAction(copyInputs(second.knownHosts(true)), { workspace: db.workspace });
  assert.equal(res.code, 1, res.log);
  assert.match(res.summary, /Backup failed[\s\S]*host key/i);
  assert.equal(execFileSync('ls', ['-A', copies], { encoding: 'utf8' }), before);
  assert.equal(db.backupFiles().filter((f) => f.endsWith('.dump')).length, 2, 'the verified dump on the deploy host is kept');
});
