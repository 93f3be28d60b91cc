/**
 * restore-test benchmark: a generated dump of at least 1 GB (BENCH_RESTORE_GB, default 1), custom
 * format without compression, restored by `compose-deploy restore-test` (postgres: docker, the harness
 * image) against the baseline measured in the same run: a fresh container of the same image started and
 * `pg_restore -j N` of the same file into it. Also the speed-up of -j N over -j 1.
 * Needs the harness (bash test/e2e/harness/up.sh). Run: node --import tsx bench/restore-test.ts
 */
import { record } from './report.js';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededPostgres } from '../test/e2e/restore/seeded-postgres.js';
import { runCli } from '../test/e2e/lib/run-action.js';

const gb = Number(process.env['BENCH_RESTORE_GB'] ?? '1');
const jobs = availableParallelism();
const pg = new SeededPostgres();
const ws = mkdtempSync(join(tmpdir(), 'cd-bench-restore-'));

/** Seconds for: start a fresh container of the image, wait until it accepts connections, create the database, pg_restore -j n. */
function plainRestore(file: string, n: number): number {
  const t0 = performance.now();
  const id = execFileSync('docker', ['run', '-d', '--network', 'none', '--label', 'compose-deploy.test=1', '-e', 'POSTGRES_PASSWORD=bench', '-v', `${file}:/restore/d.dump:ro`, pg.h.postgresImage], { encoding: 'utf8' }).trim();
  try {
    for (;;) {
      try {
        execFileSync('docker', ['exec', id, 'pg_isready', '-q', '-h', '127.0.0.1'], { stdio: 'ignore' });
        break;
      } catch {
        execFileSync('sleep', ['0.25']);
      }
    }
    execFileSync('docker', ['exec', id, 'psql', '-U', 'postgres', '-qc', 'CREATE DATABASE shop']);
    execFileSync('docker', ['exec', id, 'pg_restore', '-U', 'postgres', '--exit-on-error', '--no-owner', '--no-privileges', '-j', String(n), '-d', 'shop', '/restore/d.dump']);
    return (performance.now() - t0) / 1000;
  } finally {
    execFileSync('docker', ['rm', '-f', '-v', id], { stdio: 'ignore' });
  }
}

try {
  // Rows of about 970 bytes in the dump (960 of body) in four tables (parallel restore has something
  // to share), each with an index; 950 per row keeps the file at or above the size asked for.
  const rows = Math.ceil((gb * 1e9) / 950 / 4);
  const t0 = performance.now();
  for (let t = 1; t <= 4; t++) {
    pg.psql(`CREATE TABLE bulk${t} AS SELECT g AS id, repeat(md5(g::text), 30) AS body FROM generate_series(1, ${rows}) g; CREATE INDEX ON bulk${t} (id);`);
  }
  writeFileSync(join(ws, 'compose-deploy.yml'), `restore-test:\n  postgres: docker\n  image: ${pg.h.postgresImage}\n  max-age: 1d\n`);
  // pg_dump -Fc compresses; an uncompressed archive keeps the file at the size the goal names.
  const raw = join(pg.dir, 'bench-raw.dump');
  execFileSync('sh', ['-c', `docker exec ${pg.id} pg_dump -U postgres -d shop -Fc -Z0 > ${raw}`]);
  execFileSync('sh', ['-c', `cd ${pg.dir} && sha256sum bench-raw.dump > bench-raw.dump.sha256`]);
  const counts = Object.fromEntries(pg.psql("SELECT schemaname || '.' || relname, n_live_tup FROM pg_stat_user_tables").trim().split('\n').map((l) => l.split('|')).map(([t, n]) => [t, Number(n)]));
  for (const t of Object.keys(counts)) counts[t] = Number(pg.psql(`SELECT count(*) FROM ${t}`).trim());
  writeFileSync(`${raw}.json`, JSON.stringify({ database: 'shop', created_at: new Date().toISOString(), tables: counts }));
  const size = statSync(raw).size;
  console.log(`restore-test benchmark: a ${(size / 1e9).toFixed(2)} GB custom-format dump (made in ${((performance.now() - t0) / 1000).toFixed(0)} s), ${jobs} cores, the harness's Postgres image`);

  // The plain restore runs before and after the drill: the first restore into a fresh container pays for
  // what the later ones find warm (page cache, image layers), so neither side gets it alone.
  const before = plainRestore(raw, jobs);
  const drillStart = performance.now();
  const drill = await runCli(['restore-test', '--backup-file', raw, '--report-file', join(ws, 'r.json'), '--json'], { cwd: ws });
  const drillSeconds = (performance.now() - drillStart) / 1000;
  if (drill.code !== 0) throw new Error(`restore-test failed: ${drill.stdout}\n${drill.stderr.slice(-2000)}`);
  const after = plainRestore(raw, jobs);
  const baseline = (before + after) / 2;
  const single = plainRestore(raw, 1);
  const rto = Number(drill.json.outputs['rto-seconds']);
  console.log(`restore-test wall time ${drillSeconds.toFixed(1)} s (restore phase, the RTO: ${rto.toFixed(1)} s) vs plain container start + pg_restore -j ${jobs}: ${baseline.toFixed(1)} s (mean of ${before.toFixed(1)} s before the drill and ${after.toFixed(1)} s after), ratio ${(drillSeconds / baseline).toFixed(2)} (goal <= 1.05)`);
  const phases = (JSON.parse(readFileSync(join(ws, 'r.json'), 'utf8')) as { phases: Record<string, number> }).phases;
  console.log(`  drill phases: ${Object.entries(phases).map(([p, sec]) => `${p} ${sec.toFixed(1)} s`).join(', ')}`);
  console.log(`  what the drill adds: sha256 of the file, pg_restore --list, version/extension checks, an exact count(*) of every table, the report`);
  record({ bench: 'restore-test', figure: `restore-test wall time, a ${(size / 1e9).toFixed(2)} GB custom dump (sha256, checks, exact counts, report)`, value: drillSeconds, unit: 's', baseline: { what: `container start + plain pg_restore -j ${jobs}`, value: baseline, unit: 's' }, ratio: drillSeconds / baseline, target: '<= 1.05x', met: drillSeconds / baseline <= 1.05 });
  record({ bench: 'restore-test', figure: `pg_restore -j ${jobs} speed-up over -j 1`, value: single / baseline, unit: 'x', baseline: { what: 'pg_restore -j 1', value: single, unit: 's' } });
  console.log(`pg_restore -j ${jobs} vs -j 1: ${baseline.toFixed(1)} s vs ${single.toFixed(1)} s, speed-up ${(single / baseline).toFixed(2)}x`);
} finally {
  pg.destroy();
  rmSync(ws, { recursive: true, force: true });
}
