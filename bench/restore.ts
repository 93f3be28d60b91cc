/**
 * restore benchmark: the downtime of `compose-deploy restore` (maintenance on to maintenance off, the
 * downtime-seconds output) of a database of BENCH_RESTORE_GB (default 1) in the example stack on the
 * harness, against the floor measured in the same run on the same server: plain `pg_restore -j N` of
 * the same dump into an empty database, plus the restart of the services the restore stops (api and
 * worker restarted and healthy again). What restore adds to the floor: the dump's checks, a safety
 * backup of the live database, a one-job restore (the dump is streamed into the container), the row
 * counts, the swap.
 * Needs the harness (bash test/e2e/harness/up.sh). Run: node --import tsx bench/restore.ts
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { record } from './report.js';
import { randomSha } from '../test/e2e/deploy/stack.js';
import { runAction, runCli } from '../test/e2e/lib/run-action.js';
import { hostSideInputs, restoreStack, sql } from '../test/e2e/db-restore/restore-stack.js';

const gb = Number(process.env['BENCH_RESTORE_GB'] ?? '1');
const jobs = availableParallelism();
const stack = await restoreStack();
const A = { sha: randomSha(), label: 'A' };
const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Seconds until every container of the service reports healthy (or runs, without a healthcheck). */
function waitReady(service: string): void {
  for (;;) {
    const ids = stack.containers(service).map((c) => c.id);
    const states = ids.map((id) => execFileSync('docker', ['inspect', '-f', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}healthy{{end}}', id], { encoding: 'utf8' }).trim());
    if (ids.length > 0 && states.every((s) => s === 'running healthy')) return;
    execFileSync('sleep', ['0.1']);
  }
}

try {
  stack.buildAndPush(A);
  const deployed = await runAction(stack.inputs(A.sha), { workspace: stack.workspace });
  if (deployed.code !== 0) throw new Error(`deploy failed: ${deployed.log}`);
  const rows = Math.ceil((gb * 1e9) / 1000 / 4);
  for (let t = 1; t <= 4; t++) sql(stack, `CREATE TABLE bulk${t} AS SELECT g AS id, repeat(md5(g::text), 30) AS body FROM generate_series(1, ${rows}) g; CREATE INDEX ON bulk${t} (id);`);
  const size = Number(sql(stack, "SELECT pg_database_size('app');"));
  const backup = await runAction(hostSideInputs(stack, 'backup'), { workspace: stack.workspace });
  if (backup.code !== 0) throw new Error(`backup failed: ${backup.log}`);
  const dump = backup.outputs['backup-file']!;
  console.log(`restore benchmark: database of ${(size / 1e9).toFixed(2)} GB, dump ${dump}, ${jobs} cores`);

  // The floor: pg_restore -j N into an empty database of the same server, then the services restarted.
  const db = stack.containers('db')[0]!.id;
  execFileSync('docker', ['cp', dump, `${db}:/tmp/bench.dump`]);
  sql(stack, 'CREATE DATABASE floor_restore;', 'postgres');
  const t0 = performance.now();
  execFileSync('docker', ['exec', db, 'pg_restore', '-U', 'app', '--exit-on-error', '-j', String(jobs), '-d', 'floor_restore', '/tmp/bench.dump']);
  const pgRestore = seconds(t0);
  const t1 = performance.now();
  execFileSync('docker', ['restart', ...['api', 'worker'].flatMap((s) => stack.containers(s).map((c) => c.id))], { stdio: 'ignore' });
  waitReady('api');
  waitReady('worker');
  const restart = seconds(t1);
  sql(stack, 'DROP DATABASE floor_restore;', 'postgres');
  execFileSync('docker', ['exec', db, 'rm', '-f', '/tmp/bench.dump']);
  const floor = pgRestore + restart;

  const res = await runCli(['restore', '--json', '--deploy-path', stack.deployPath, '--confirm', stack.project, ...cliHost()], { cwd: stack.workspace });
  if (res.code !== 0) throw new Error(`restore failed: ${res.stdout}\n${res.stderr.slice(-2000)}`);
  const downtime = Number(res.json.outputs['downtime-seconds']);
  console.log(`restore downtime ${downtime.toFixed(1)} s vs the floor ${floor.toFixed(1)} s (pg_restore -j ${jobs} ${pgRestore.toFixed(1)} s + services restarted ${restart.toFixed(1)} s): ratio ${(downtime / floor).toFixed(2)}`);
  record({ bench: 'restore', figure: `restore downtime, a ${(size / 1e9).toFixed(2)} GB database (checks, safety backup, restore, counts, swap, gated start)`, value: downtime, unit: 's', baseline: { what: `pg_restore -j ${jobs} into an empty database + services restarted`, value: floor, unit: 's' }, ratio: downtime / floor });
} finally {
  stack.destroy();
}

function cliHost(): string[] {
  const h = hostSideInputs(stack, 'x');
  const key = `${stack.workspace}/.bench-key`;
  execFileSync('sh', ['-c', 'umask 077; cat > "$1"', 'sh', key], { input: h['ssh-private-key']! });
  return ['--host', h['host']!, '--port', h['port']!, '--user', h['user']!, '--ssh-private-key-file', key, '--known-hosts', h['known-hosts']!];
}
