// restore-test.source: copy — the drill tests what backup.copy-to put on the second host, fetched
// read-only over that host's own pinned connection, not what is on the deploy host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../lib/run-action.js';
import { DbStack } from '../backup/db-stack.js';
import { SecondHost } from '../backup/second-host.js';
import { drillLeftovers } from './seeded-postgres.js';

let db: DbStack;
let second: SecondHost;
let copies: string;

before(async () => {
  db = new DbStack();
  db.sql("CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes SELECT g, repeat('x', g % 100) FROM generate_series(1, 12345) g;");
  second = await SecondHost.start();
  copies = `${db.h.deployRoot}/${db.project}-copies`;
  db.config(`  copy-to: { address: 127.0.0.1, port: ${second.port}, user: deploy, path: ${copies} }\nrestore-test:\n  source: copy\n  postgres: native\n  required-tables: [notes]\n`);
});
after(async () => {
  await second?.stop();
  if (db) execFileSync('rm', ['-rf', copies]);
  db?.destroy();
});

const inputs = (command: string) =>
  db.inputs({ command, 'copy-to-ssh-private-key': readFileSync(db.h.keyPath, 'utf8'), 'copy-to-known-hosts': second.knownHosts(), 'report-file': 'drill.json' });

/** Every file in the copy dir with its size and time: the drill must change none of them. */
const copyFiles = () => execFileSync('sh', ['-c', `find ${copies} -printf '%p %s %T@\\n' 2>/dev/null | sort`], { encoding: 'utf8' });

test('source copy: no backup on the copy host is a failed drill (exit 1) naming the directory and the host it looked in', async () => {
  const res = await runAction(inputs('restore-test'), { workspace: db.workspace });
  assert.equal(res.code, 1, res.log);
  assert.equal(res.outputs['result'], 'failed');
  assert.match(res.log, new RegExp(`no verified backup of project ${db.project} .* in ${copies} on deploy@127\\.0\\.0\\.1:${second.port}`));
  assert.deepEqual(drillLeftovers(), { containers: [], dirs: [] });
});

test('source copy: the newest backup copied by backup.copy-to is fetched from the second host read-only, restored and verified', async () => {
  const made = await runAction(inputs('backup'), { workspace: db.workspace });
  assert.equal(made.code, 0, made.log);
  const name = made.outputs['backup-file']!.split('/').pop()!;
  // Only the copy is left: a drill that read the deploy host's backup dir would find nothing.
  db.onHost(`rm -rf ${db.deployPath}/backups`);
  const before = copyFiles();
  const res = await runAction(inputs('restore-test'), { workspace: db.workspace });
  assert.equal(res.code, 0, res.log);
  assert.equal(res.outputs['result'], 'success');
  assert.equal(res.outputs['backup']!.split('/').pop(), name);
  assert.equal(res.outputs['rows'], '12345');
  assert.match(res.log, new RegExp(`fetching ${copies}/${name.replace(/\./g, '\\.')} from deploy@127\\.0\\.0\\.1:${second.port}`));
  const report = JSON.parse(readFileSync(join(db.workspace, 'drill.json'), 'utf8'));
  assert.deepEqual(report.tables.map((t: { table: string; expected: number; restored: number }) => [t.table, t.expected, t.restored]), [['public.notes', 12345, 12345]]);
  assert.ok(report.backup.sha256, 'the checksum beside the copy was verified');
  assert.equal(copyFiles(), before, 'the drill wrote nothing on the copy host');
  assert.deepEqual(drillLeftovers(), { containers: [], dirs: [] });
});
