/**
 * Backup benchmark on the harness: throughput of compose-deploy's backup (one snapshot, row counts,
 * pg_restore reading every block while the dump is written, sha256, manifest) against a plain
 * `pg_dump -Fc` of the same database on the same host, streamed to a file the same way.
 * Goal: at least 0.9x the plain dump's throughput. Runs alternate (plain, backup, plain, ...) so a
 * neighbour's load hits both; the median of each is compared.
 * Needs the harness (bash test/e2e/harness/up.sh). Run: node --import tsx bench/backup.ts [rows]
 */
import { DbStack } from '../test/e2e/backup/db-stack.js';
import { record } from './report.js';
import { runAction } from '../test/e2e/lib/run-action.js';

const rows = Number(process.argv[2] ?? 1_500_000);
const runs = 3;
const db = new DbStack();
try {
  db.sql(`CREATE TABLE events (id bigserial PRIMARY KEY, note text, payload text);
    INSERT INTO events (note, payload) SELECT 'event ' || g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, ${rows}) g;
    CREATE TABLE customers (id int PRIMARY KEY, name text); INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 20000) g;
    VACUUM ANALYZE;`);
  db.config('  keep: 1\n');
  const plain: number[] = [];
  const ours: number[] = [];
  const total: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    // The same path the backup's bytes take: docker exec on the host, into a file in the deploy dir.
    const out = db.onHost(
      `f=${db.deployPath}/plain.dump; t0=$(date +%s%N); docker exec ${db.container()} pg_dump --format=custom -U shop -d shopdb > $f; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )) $(wc -c < $f); rm -f $f`,
    );
    const [ms, bytes] = out.trim().split(' ').map(Number) as [number, number];
    plain.push(bytes / (ms / 1000));
    const t0 = performance.now();
    const res = await runAction(db.inputs(), { workspace: db.workspace });
    const wall = (performance.now() - t0) / 1000;
    if (res.code !== 0) throw new Error(`backup failed:\n${res.log.slice(-2000)}`);
    const m = JSON.parse(res.outputs['backup-manifest']!) as { size: number; duration_seconds: number };
    size = m.size;
    ours.push(m.size / m.duration_seconds);
    total.push(m.size / wall);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const mb = (x: number) => `${(x / 1048576).toFixed(1)} MiB/s`;
  const ratio = median(ours) / median(plain);
  console.log(`database: ${rows} + 20000 rows; dump ${(size / 1048576).toFixed(1)} MiB; ${runs} runs each, medians`);
  console.log(`plain pg_dump -Fc (docker exec, to a file on the host):     ${mb(median(plain))}`);
  console.log(`compose-deploy backup, the dump step (snapshot, counts, full read check, sha256): ${mb(median(ours))}  -> ${ratio.toFixed(2)}x (goal >= 0.9x) ${ratio >= 0.9 ? 'MET' : 'NOT MET'}`);
  console.log(`compose-deploy backup, whole command (Node start, SSH, lock, inspect, manifest, retention): ${mb(median(total))} -> ${(median(total) / median(plain)).toFixed(2)}x`);
  record({ bench: 'backup', figure: `dump throughput, a ${(size / 1048576).toFixed(0)} MiB dump (snapshot, counts, read check, sha256)`, value: median(ours) / 1048576, unit: 'MiB/s', baseline: { what: 'plain pg_dump -Fc on the same host', value: median(plain) / 1048576, unit: 'MiB/s' }, ratio, target: '>= 0.9x', met: ratio >= 0.9 });
} finally {
  db.destroy();
}
