import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, runCli } from '../lib/run-action.js';
import { DbStack } from './db-stack.js';

let db: DbStack;
const NAME = /^cdbackup-[0-9a-f]{6}-\d{8}T\d{6}Z-0123456789abcdef0123456789abcdef01234567\.dump$/;

before(() => {
  db = new DbStack();
  // Several tables, one large enough that dumping it takes a while, and a schema of its own.
  db.sql(`
    CREATE TABLE events (id bigserial PRIMARY KEY, note text NOT NULL, payload text);
    INSERT INTO events (note, payload) SELECT 'seed ' || g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 400000) g;
    CREATE TABLE customers (id int PRIMARY KEY, name text);
    INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 1234) g;
    CREATE SCHEMA billing;
    CREATE TABLE billing.invoices (id int PRIMARY KEY, customer int REFERENCES customers, cents int);
    INSERT INTO billing.invoices SELECT g, 1 + g % 1234, g * 100 FROM generate_series(1, 5000) g;
    CREATE TABLE empty_one (id int);
  `);
});
after(() => db?.destroy());

test('backup: a named, checked dump with manifest and sidecar; its counts are what the dump restores', async () => {
  const res = await runAction(db.inputs(), { workspace: db.workspace });
  assert.equal(res.code, 0, res.log);
  const file = res.outputs['backup-file']!;
  assert.ok(file.startsWith(`${db.deployPath}/backups/`), file);
  assert.match(file.split('/').pop()!, NAME);
  assert.deepEqual(db.backupFiles(), [file, `${file}.json`, `${file}.sha256`].map((f) => f.split('/').pop()!).sort());
  const manifest = JSON.parse(res.outputs['backup-manifest']!);
  assert.deepEqual(JSON.parse(readFileSync(`${file}.json`, 'utf8')), manifest, 'the output is the manifest stored beside the dump');
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString(), 'PGDMP');
  assert.equal(manifest.size, bytes.length);
  assert.equal(manifest.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(readFileSync(`${file}.sha256`, 'utf8'), `${manifest.sha256}  ${file.split('/').pop()}\n`);
  assert.equal(manifest.database, 'shopdb');
  assert.equal(manifest.user, 'shop');
  assert.match(manifest.server_version, /^15\./);
  assert.match(manifest.pg_dump_version, /15\./);
  assert.equal(manifest.sha, '0123456789abcdef0123456789abcdef01234567');
  assert.match(manifest.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(typeof manifest.duration_seconds, 'number');
  const expected = { 'billing.invoices': 5000, 'public.customers': 1234, 'public.empty_one': 0, 'public.events': 400000 };
  assert.deepEqual(manifest.tables, expected);
  assert.deepEqual(db.restoredCounts(file), expected);
  assert.match(res.summary, /Backup of `shopdb`[\s\S]*\| public\.events \| 400000 \|/);
  assert.ok(!res.log.includes(db.password), 'the database password is never printed');
});

test('backup while a writer inserts: manifest counts equal the rows in the dump, taken in one snapshot', async () => {
  const before = db.counts()['public.events']!;
  const writer = db.writer('events');
  let res;
  try {
    res = await runAction(db.inputs(), { workspace: db.workspace });
  } finally {
    const sent = await writer.stop();
    assert.ok(sent > 0);
  }
  assert.equal(res.code, 0, res.log);
  const manifest = JSON.parse(res.outputs['backup-manifest']!);
  const restored = db.restoredCounts(res.outputs['backup-file']!);
  assert.deepEqual(manifest.tables, restored, 'every count is the count of the dumped snapshot');
  const after = db.counts()['public.events']!;
  // The writer really wrote around the dump: rows before it, and rows it did not see.
  assert.ok(manifest.tables['public.events'] > before, `${manifest.tables['public.events']} > ${before}`);
  assert.ok(manifest.tables['public.events'] < after, `${manifest.tables['public.events']} < ${after}`);
});

test('verify: a stored dump passes; one truncated by a byte and one with a flipped byte are both caught', async () => {
  const dir = `${db.deployPath}/backups`;
  const newest = db.backupFiles().filter((f) => f.endsWith('.dump')).pop()!;
  const good = await runCli(['backup', '--verify', newest, '--json', ...flags(db)], { cwd: db.workspace });
  assert.equal(good.code, 0, good.stderr);
  for (const [kind, corrupt] of [
    ['truncated', `truncate -s -1 ${dir}/X`],
    ['flipped', `printf '\\125' | dd of=${dir}/X bs=1 seek=$(( $(stat -c %s ${dir}/X) / 2 )) conv=notrunc 2>/dev/null`],
  ] as const) {
    const name = `${kind}-${newest}`;
    db.onHost(`cd ${dir} && for s in '' .sha256 .json; do cp ${newest}$s ${name}$s; done && ${corrupt.replaceAll('X', name)}`);
    assert.notEqual(readFileSync(`${dir}/${name}`).toString('hex'), readFileSync(`${dir}/${newest}`).toString('hex'));
    const res = await runCli(['backup', '--verify', name, '--json', ...flags(db)], { cwd: db.workspace });
    assert.equal(res.code, 1, `${kind}: ${res.stderr}`);
    assert.match(res.json.message, /sha256 is [0-9a-f]{64}, the sidecar says/, kind);
    // Without its sidecar, the full read still finds it: every data block is decompressed.
    assert.match(res.json.message, /pg_restore cannot read every block/, kind);
    db.onHost(`cd ${dir} && rm -f ${name} ${name}.sha256 ${name}.json`);
  }
});

test('retention: keeps the newest `keep`, removes older dumps with their sidecars and leftover partial files, leaves other files alone', async () => {
  const dir = `${db.deployPath}/backups`;
  db.config('  keep: 2\n');
  const partial = `.${db.project}-20200101T000000Z-${'b'.repeat(40)}.dump.partial`;
  db.onHost(`cd ${dir} && echo half > ${partial} && echo mine > notes.txt`);
  const before = db.backupFiles().filter((f) => f.endsWith('.dump'));
  assert.equal(before.length, 2);
  const res = await runAction(db.inputs(), { workspace: db.workspace });
  assert.equal(res.code, 0, res.log);
  const made = res.outputs['backup-file']!.split('/').pop()!;
  const kept = [before[1]!, made];
  assert.deepEqual(db.backupFiles(), [...kept.flatMap((k) => [k, `${k}.json`, `${k}.sha256`]), 'notes.txt'].sort());
  assert.match(res.summary, new RegExp(`Retention removed: .*${before[0]!.replace(/\./g, '\\.')}`));
});

test('--download DIR fetches the dump, manifest and sidecar, checksum checked', async () => {
  const local = mkdtempSync(join(tmpdir(), 'cd-download-'));
  try {
    const res = await runCli(['backup', '--download', local, '--json', ...flags(db)], { cwd: db.workspace });
    assert.equal(res.code, 0, res.stderr);
    const name = res.json.outputs['backup-file'].split('/').pop();
    const bytes = readFileSync(join(local, name));
    assert.deepEqual(bytes, readFileSync(res.json.outputs['backup-file']));
    assert.equal(readFileSync(join(local, `${name}.sha256`), 'utf8'), `${createHash('sha256').update(bytes).digest('hex')}  ${name}\n`);
    assert.deepEqual(JSON.parse(readFileSync(join(local, `${name}.json`), 'utf8')), JSON.parse(res.json.outputs['backup-manifest']));
    assert.ok(!existsSync(join(local, `.${name}.partial`)));
  } finally {
    rmSync(local, { recursive: true, force: true });
  }
});

test('bad input exits 2 and leaves nothing under a final name: no such service, database or role, dir outside, metacharacters', async () => {
  const cases: Array<[string, string, RegExp, string?]> = [
    ['no such service', '', /backup\.service "nosuch": no container/, 'nosuch'],
    ['no such database', '  database: nodb\n', /database "nodb" does not exist/],
    ['no such role', '  user: norole\n', /role "norole" does not exist/],
    ['dir outside', '  dir: /tmp/elsewhere\n', /outside the deploy path/],
    ['metacharacters', '  database: "shop;drop"\n', /backup\.database: invalid value/],
  ];
  for (const [what, extra, message, service] of cases) {
    const before = db.backupFiles();
    db.config(extra, service);
    const res = await runCli(['backup', '--json', ...flags(db)], { cwd: db.workspace });
    assert.equal(res.code, 2, `${what}: ${res.stderr}`);
    assert.match(res.json.error, message, what);
    assert.deepEqual(db.backupFiles(), before, `${what}: nothing written`);
  }
  db.config('  keep: 2\n');
});

test('not enough disk for the dump (estimated from pg_database_size) exits 2 with nothing written', async () => {
  const small = `${db.deployPath}/small`;
  db.onHost(`mkdir -p ${small}`);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=2m,uid=${execFileSync('id', ['-u', 'deploy'], { encoding: 'utf8' }).trim()}`, 'tmpfs', small]);
  try {
    db.config('  dir: small\n');
    const res = await runCli(['backup', '--json', ...flags(db)], { cwd: db.workspace });
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.json.error, /not enough disk for the dump in .*small: \d+ MB free, the database is \d+ MB/);
    assert.deepEqual(db.backupFiles(small), []);
  } finally {
    execFileSync('umount', [small]);
    db.config('  keep: 2\n');
  }
});

function flags(stack: DbStack): string[] {
  const i = stack.inputs();
  const h = stack.h;
  return ['--host', i['host']!, '--port', i['port']!, '--user', i['user']!, '--ssh-private-key-file', h.keyPath, '--known-hosts-file', h.knownHostsPath, '--deploy-path', stack.deployPath, '--sha', '0123456789abcdef0123456789abcdef01234567'];
}
