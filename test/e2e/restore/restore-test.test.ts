import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { runAction, runCli } from '../lib/run-action.js';
import { fakeGitHub } from '../lib/fake-github.js';
import { ROW_COUNTS, SeededPostgres, drillLeftovers, drillWorkspace, runDrill, sha256 } from './seeded-postgres.js';

let pg: SeededPostgres;
let image: string;
const dumps: Record<string, string> = {};

before(() => {
  pg = new SeededPostgres();
  image = pg.h.postgresImage;
  for (const f of ['custom', 'directory', 'plain', 'plain-gz'] as const) dumps[f] = pg.dump(f);
});
after(() => pg?.destroy());
afterEach(() => {
  // Whatever the outcome, the drill leaves no container and no temp dir behind.
  assert.deepEqual(drillLeftovers(), { containers: [], dirs: [] });
});

const docker = `postgres: docker\nimage: ${'IMAGE'}`;

for (const [format, mode] of [['custom', 'docker'], ['custom', 'native'], ['directory', 'native'], ['directory', 'docker'], ['plain', 'docker'], ['plain-gz', 'docker']] as const) {
  test(`${format} dump restores and verifies with postgres: ${mode}`, async () => {
    const res = await runDrill(dumps[format]!, mode === 'docker' ? docker.replace('IMAGE', image) : 'postgres: native');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.json.ok, true);
    const out = res.json.outputs;
    assert.equal(out.result, 'success');
    assert.equal(out.backup, dumps[format]);
    assert.equal(out.tables, '3');
    assert.equal(out.rows, String(Object.values(ROW_COUNTS).reduce((a, b) => a + b, 0)));
    assert.ok(Number(out['rto-seconds']) > 0, 'the restore phase is timed');
    assert.ok(Number(out['rpo-seconds']) >= 0 && Number(out['rpo-seconds']) < 3600, 'the backup is fresh');
    const r = res.report;
    assert.deepEqual(r.tables.map((t: { table: string; expected: number; restored: number; ok: boolean }) => [t.table, t.expected, t.restored, t.ok]), Object.entries(ROW_COUNTS).map(([t, n]) => [t, n, n, true]));
    assert.equal(r.objects.views, 1);
    assert.equal(r.objects.sequences, 3, 'customers_id_seq, orders_id_seq, invoice_numbers');
    assert.ok(r.objects.indexes >= 4);
    assert.equal(r.objects.extensions, 1, 'pgcrypto');
    assert.equal(r.objects.functions, 1, 'order_count; pgcrypto\'s own functions are not counted');
    for (const p of ['fetch', 'verify', 'server-start', 'restore', 'checks']) assert.equal(typeof r.phases[p], 'number', p);
  });
}

test('the action: outputs, report path and the per-table summary', async () => {
  const ws = drillWorkspace(`postgres: native\nrequired-tables: [orders, billing.invoices]\nassertions: checks.sql`, {
    'checks.sql': '-- every order has a customer\nSELECT count(*) = 0 FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL;\nSELECT nextval(\'invoice_numbers\') >= 1000;\n',
  });
  try {
    const res = await runAction({ command: 'restore-test', 'backup-file': join(pg.dir, 'shop-custom.*'), 'report-file': 'drill/report.json' }, { workspace: ws });
    assert.equal(res.code, 0, res.stdout);
    assert.equal(res.outputs['result'], 'success');
    assert.equal(res.outputs['backup'], dumps['custom']);
    assert.equal(res.outputs['report'], join(ws, 'drill/report.json'));
    assert.equal(JSON.parse(readFileSync(res.outputs['report']!, 'utf8')).result, 'success');
    assert.equal(res.outputs['tables'], '3');
    assert.match(res.summary, /### ✅ Backup restored and verified/);
    assert.match(res.summary, /\| public\.orders \| 20000 \| 20000 \| ✅ \|/);
    assert.match(res.summary, /backup age \(RPO\)/);
    assert.match(res.summary, /restore time \(RTO\) \| [\d.]+ s/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

/** A copy of a dump (with its sidecars) that a test may damage. */
function copyOf(path: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-damaged-'));
  const target = join(dir, name);
  copyFileSync(path, target);
  for (const ext of ['.json', '.sha256']) {
    const side = readFileSync(`${path}${ext}`, 'utf8').replaceAll(path.split('/').pop()!, name);
    writeFileSync(`${target}${ext}`, side);
  }
  return target;
}

/** After a deliberate edit: the sidecar and the manifest agree with the file again, so only the edit is tested. */
function reseal(f: string): void {
  writeFileSync(`${f}.sha256`, `${sha256(f)}  ${f.split('/').pop()}\n`);
  const m = JSON.parse(readFileSync(`${f}.json`, 'utf8'));
  m.sha256 = sha256(f);
  writeFileSync(`${f}.json`, JSON.stringify(m));
}

const damage: Array<[string, (f: string) => void, RegExp]> = [
  ['truncated by one byte', (f) => truncateSync(f, readFileSync(f).length - 1), /checksum mismatch/],
  ['a flipped byte', (f) => {
    const b = readFileSync(f);
    b[Math.floor(b.length / 2)]! ^= 0x01;
    writeFileSync(f, b);
  }, /checksum mismatch/],
  ['empty', (f) => writeFileSync(f, ''), /checksum mismatch|empty/],
];
for (const [what, hurt, message] of damage) {
  test(`a custom dump ${what} fails with its own message (exit 1), nothing restored, nothing left`, async () => {
    const f = copyOf(dumps['custom']!, 'hurt.dump');
    hurt(f);
    const res = await runDrill(f, 'postgres: native');
    assert.equal(res.code, 1, res.stderr);
    assert.equal(res.json.outputs.result, 'failed');
    assert.match(res.json.message, message);
    assert.ok(res.json.message.includes(f), 'the message names the file');
    // The server starts while the checksum is read; a damaged file is never restored, and the server is gone (afterEach).
    assert.equal(res.report.phases['restore'], undefined, 'nothing was restored from a damaged file');
  });
}

test('without a sidecar, a truncated custom dump is caught by pg_restore --list or the restore', async () => {
  const f = copyOf(dumps['custom']!, 'cut.dump');
  rmSync(`${f}.sha256`);
  truncateSync(f, Math.floor(readFileSync(f).length / 2));
  const res = await runDrill(f, 'postgres: native');
  assert.equal(res.code, 1, res.stderr);
  assert.match(res.json.message, /pg_restore --list cannot read|restoring .* failed/);
});

test('a checksum file that disagrees with an intact dump: mismatch named', async () => {
  const f = copyOf(dumps['custom']!, 'sum.dump');
  writeFileSync(`${f}.sha256`, `${'0'.repeat(64)}  sum.dump\n`);
  const res = await runDrill(f, 'postgres: native');
  assert.equal(res.code, 1);
  assert.match(res.json.message, /checksum mismatch: sha256 is [0-9a-f]{64}, sum\.dump\.sha256 says 0{64}/);
});

test('a plain dump cut short (no completion line) is refused before restoring', async () => {
  const f = copyOf(dumps['plain']!, 'cut.sql');
  const text = readFileSync(f, 'utf8');
  writeFileSync(f, text.slice(0, Math.floor(text.length / 2)));
  reseal(f);
  const res = await runDrill(f, 'postgres: native');
  assert.equal(res.code, 1);
  assert.match(res.json.message, /cut short/);
});

test('an old backup fails on max-age, saying how old and which file, and still reports the restore', async () => {
  const old = pg.dump('custom', 'shop-old', new Date(Date.now() - 3 * 86400_000));
  const res = await runDrill(old, 'postgres: native\nmax-age: 26h');
  assert.equal(res.code, 1);
  assert.match(res.json.message, /shop-old\.dump is 72 hours old .*older than restore-test\.max-age 26h/);
  assert.ok(Number(res.json.outputs['rpo-seconds']) >= 3 * 86400 - 60);
  assert.ok(Number(res.json.outputs['rto-seconds']) > 0, 'the restore still ran');
});

test('a manifest whose row counts differ from the restore: the table is named', async () => {
  const f = copyOf(dumps['custom']!, 'counts.dump');
  const m = JSON.parse(readFileSync(`${f}.json`, 'utf8'));
  m.tables['public.orders'] = 20001;
  m.tables['public.refunds'] = 5;
  writeFileSync(`${f}.json`, JSON.stringify(m));
  const res = await runDrill(f, 'postgres: native');
  assert.equal(res.code, 1);
  assert.match(res.json.message, /table public\.orders: 20000 rows restored, the manifest counted 20001/);
  assert.match(res.json.message, /table public\.refunds is missing after the restore/);
});

test('required tables and assertions: each failure named with its query', async () => {
  const res = await runDrill(dumps['custom']!, 'postgres: native\nrequired-tables: [orders, audit_log]\nassertions: checks.sql', {
    'checks.sql': 'SELECT count(*) > 0 FROM orders;\nSELECT count(*) > 1000000 FROM customers;\nSELECT 1/0 = 1;\n',
  });
  assert.equal(res.code, 1);
  assert.match(res.json.message, /required table public\.audit_log is not in the restored database/);
  assert.match(res.json.message, /SELECT count\(\*\) > 1000000 FROM customers; returned "f"/);
  assert.match(res.json.message, /SELECT 1\/0 = 1; returned "error: .*division by zero/);
  assert.deepEqual(res.report.assertions.map((a: { ok: boolean }) => a.ok), [true, false, false]);
});

test('a dump needing an extension the server lacks is refused before restoring, naming it', async () => {
  const f = copyOf(dumps['plain']!, 'ext.sql');
  writeFileSync(f, readFileSync(f, 'utf8').replace('CREATE EXTENSION IF NOT EXISTS pgcrypto', 'CREATE EXTENSION IF NOT EXISTS no_such_extension;\nCREATE EXTENSION IF NOT EXISTS pgcrypto'));
  reseal(f);
  const res = await runDrill(f, docker.replace('IMAGE', image));
  assert.equal(res.code, 1);
  assert.match(res.json.message, /needs extension no_such_extension/);
  assert.equal(res.report.phases.restore, undefined);
});

test('a dump from a newer major than the server is refused plainly before trying', async () => {
  const f = copyOf(dumps['plain']!, 'newer.sql');
  writeFileSync(f, readFileSync(f, 'utf8').replace(/^-- Dumped from database version .*$/m, '-- Dumped from database version 17.2').replace(/^-- Dumped by pg_dump version .*$/m, '-- Dumped by pg_dump version 17.2'));
  reseal(f);
  const m = JSON.parse(readFileSync(`${f}.json`, 'utf8'));
  delete m.server_version;
  delete m.pg_dump_version;
  writeFileSync(`${f}.json`, JSON.stringify(m));
  const res = await runDrill(f, 'postgres: native');
  assert.equal(res.code, 1);
  assert.match(res.json.message, /comes from PostgreSQL 17 .*newer than the disposable server's 15/);
});

test('roles a plain dump references: named, or created with create-roles', async () => {
  const f = copyOf(dumps['plain']!, 'roles.sql');
  writeFileSync(f, readFileSync(f, 'utf8').replace(/OWNER TO postgres;/g, 'OWNER TO shop_owner;'));
  reseal(f);
  const refused = await runDrill(f, 'postgres: native');
  assert.equal(refused.code, 1);
  assert.match(refused.json.message, /references roles the server lacks: shop_owner/);
  // A plain dump is restored in a container only (postgres: native refuses it: hostile-dump.test.ts).
  const created = await runDrill(f, `${docker.replace('IMAGE', image)}\ncreate-roles: true`);
  assert.equal(created.code, 0, created.stderr);
});

test('bad input exits 2: no backup found (saying where it looked), Docker unavailable for postgres: docker, an unknown key', async () => {
  const none = await runDrill(join(pg.dir, 'nothing-*.dump'), 'postgres: native');
  assert.equal(none.code, 2);
  assert.ok(none.json.error.includes(pg.dir), 'names where it looked');
  const ws = drillWorkspace(docker.replace('IMAGE', image));
  try {
    const res = await runCli(['restore-test', '--backup-file', dumps['custom']!, '--json'], { cwd: ws, env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.json.error, /no Docker engine answers[\s\S]*postgres: native/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  const typo = await runDrill(dumps['custom']!, 'postgress: native');
  assert.equal(typo.code, 2);
  assert.match(typo.json.error, /compose-deploy\.yml:3.*postgress/);
});

test('an assertions file that is a symlink out of the repository is refused (exit 2) and never read', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'cd-outside-'));
  writeFileSync(join(outside, 'secret.sql'), 'SELECT \'CANARY-outside-file\' = \'x\';');
  try {
    const res = await runDrill(dumps['custom']!, 'postgres: native\nassertions: leak.sql', {}, (ws) => symlinkSync(join(outside, 'secret.sql'), join(ws, 'leak.sql')));
    assert.equal(res.code, 2);
    assert.match(res.json.error, /restore-test\.assertions: "leak\.sql" is outside the repository/);
    assert.ok(!res.stdout.includes('CANARY') && !res.stderr.includes('CANARY'));
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('a failing drill opens one issue labelled restore-test, comments on it while failing, and the next success closes it', async () => {
  const github = await fakeGitHub();
  const bad = copyOf(dumps['custom']!, 'issue.dump');
  truncateSync(bad, 100);
  const ws = drillWorkspace('postgres: native');
  try {
    const run = (file: string) => runAction({ command: 'restore-test', 'backup-file': file, 'github-token': 'ghs_fake_drill' }, { workspace: ws, env: { GITHUB_API_URL: github.url } });
    const first = await run(bad);
    assert.equal(first.code, 1, first.stdout);
    assert.equal(github.issues.length, 1);
    assert.deepEqual(github.issues[0]!.labels, ['restore-test']);
    assert.match(github.issues[0]!.title, /Restore test failed: .*issue\.dump/);
    assert.match(github.issues[0]!.body, /checksum mismatch/);
    const second = await run(bad);
    assert.equal(second.code, 1);
    assert.equal(github.issues.length, 1, 'never a second issue');
    assert.equal(github.issues[0]!.comments.length, 1);
    const fixed = await run(dumps['custom']!);
    assert.equal(fixed.code, 0, fixed.stdout);
    assert.equal(github.issues[0]!.state, 'closed');
    assert.match(github.issues[0]!.comments.at(-1)!, /passed again/);
    assert.ok(!fixed.log.includes('ghs_fake_drill'), 'the token is masked');
  } finally {
    await github.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('the disposable server killed mid-restore: the drill fails, says so, and leaves nothing behind', async () => {
  // A dump large enough that the restore is still running when the server is killed.
  pg.psql('CREATE TABLE bulk AS SELECT g AS id, md5(g::text) AS h FROM generate_series(1, 600000) g;');
  const big = pg.dump('custom', 'shop-big');
  pg.psql('DROP TABLE bulk;');
  const ws = drillWorkspace(docker.replace('IMAGE', image));
  let killed = false;
  const killer = setInterval(() => {
    const ids = execFileSync('docker', ['ps', '-q', '--filter', 'label=compose-deploy.restore-test'], { encoding: 'utf8' }).trim();
    if (!ids) return;
    // The drill creates the database right before pg_restore starts filling it.
    const busy = spawnSync('docker', ['exec', ids.split('\n')[0]!, 'psql', '-U', 'postgres', '-Atc', "SELECT count(*) FROM pg_database WHERE datname = 'shop'"], { encoding: 'utf8' });
    if (busy.stdout?.trim() === '1') {
      execFileSync('docker', ['kill', ids.split('\n')[0]!], { stdio: 'ignore' });
      killed = true;
      clearInterval(killer);
    }
  }, 100);
  try {
    const res = await runCli(['restore-test', '--backup-file', big, '--json'], { cwd: ws });
    assert.ok(killed, 'the server was killed during the drill');
    assert.equal(res.code, 1, res.stderr);
    assert.equal(res.json.ok, false);
    assert.match(res.json.message, /restoring .* failed|failed in the disposable server/);
  } finally {
    clearInterval(killer);
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a second drill compares with the report the first one left: size, rows and restore time', async () => {
  const ws = drillWorkspace('postgres: native');
  try {
    const first = await runCli(['restore-test', '--backup-file', dumps['custom']!, '--report-file', 'last.json'], { cwd: ws });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /since the last drill \| no earlier report found/);
    // Another format of the same data (a plain dump is not restored natively), so the size differs.
    const second = await runCli(['restore-test', '--backup-file', dumps['directory']!, '--report-file', 'last.json'], { cwd: ws });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /since the last drill \| size [+-][\d.]+ MB \([+-]\d+%\), rows \+0, restore time [+-][\d.]+ s since the drill of \d{4}-/);
    assert.ok(JSON.parse(readFileSync(join(ws, 'last.json'), 'utf8')).previous.rows > 0);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
