// Dumps made by a real PostgreSQL 17 with its own pg_dump 17 (custom, and plain with its \restrict
// line and SET transaction_timeout): a 15 server, in a container or from this machine's binaries,
// is refused before any restore, naming both majors; a 17 server restores and verifies them.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { harnessEnv } from '../harness/env.js';
import { ROW_COUNTS, SeededPostgres, drillLeftovers, runDrill } from './seeded-postgres.js';

let pg: SeededPostgres;
const dumps: Record<'custom' | 'plain', string> = { custom: '', plain: '' };

before(() => {
  pg = new SeededPostgres(harnessEnv().postgres17Image);
  assert.match(pg.psql('SHOW server_version'), /^17\./, 'the seeded server is PostgreSQL 17');
  for (const f of ['custom', 'plain'] as const) {
    dumps[f] = pg.dump(f, `shop17-${f}`);
    // Without the manifest, the versions can only come from the dump itself.
    rmSync(`${dumps[f]}.json`);
  }
  const plain = readFileSync(dumps.plain, 'utf8');
  assert.match(plain, /^\\restrict \S+$/m, 'pg_dump 17 writes \\restrict into a plain dump');
  assert.match(plain, /^SET transaction_timeout = 0;$/m, 'pg_dump 17 writes SET transaction_timeout');
  assert.match(plain, /^-- Dumped by pg_dump version 17\./m);
});
after(() => pg?.destroy());
afterEach(() => {
  assert.deepEqual(drillLeftovers(), { containers: [], dirs: [] });
});

for (const format of ['custom', 'plain'] as const) {
  for (const mode of ['docker', 'native'] as const) {
    test(`a ${format} dump by pg_dump 17 into a 15 server (postgres: ${mode}): refused before restoring, naming 17 and 15`, async () => {
      const res = await runDrill(dumps[format], mode === 'docker' ? `postgres: docker\nimage: ${pg.h.postgresImage}` : 'postgres: native');
      assert.equal(res.code, 1, res.stderr);
      assert.equal(res.json.outputs.result, 'failed');
      const message: string = res.json.message;
      assert.match(message, /comes from PostgreSQL 17 \(dumped from database version 17\.\S+.* by pg_dump 17\.\S+.*\), newer than the disposable server's 15/);
      assert.ok(message.includes(dumps[format]), 'names the file');
      assert.doesNotMatch(message, /pg_restore --list|restoring .* failed|transaction_timeout|restrict/, 'refused before pg_restore or psql saw it');
      assert.match(res.report.server.version, /^15\./);
      assert.equal(res.report.phases.restore, undefined, 'no restore was tried');
    });
  }
  test(`a ${format} dump by pg_dump 17 restores and verifies in the 17 image`, async () => {
    const res = await runDrill(dumps[format], `postgres: docker\nimage: ${pg.h.postgres17Image}`);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.json.outputs.result, 'success');
    assert.match(res.report.server.version, /^17\./);
    assert.deepEqual(Object.fromEntries(res.report.tables.map((t: { table: string; restored: number }) => [t.table, t.restored])), ROW_COUNTS);
    assert.equal(res.report.objects.extensions, 1, 'pgcrypto');
  });
}
