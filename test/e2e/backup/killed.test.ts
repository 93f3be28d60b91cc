// A backup whose Postgres goes away mid-dump: the run fails with a clear message, and nothing is left
// under a final name, no partial file, no lock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { runAction } from '../lib/run-action.js';
import { DbStack } from './db-stack.js';

let db: DbStack;

before(() => {
  db = new DbStack();
  // Large enough that pg_dump runs for seconds: there is time to kill it halfway.
  db.sql("CREATE TABLE events (id bigserial PRIMARY KEY, payload text); INSERT INTO events (payload) SELECT md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text) FROM generate_series(1, 1500000) g;");
});
after(() => db?.destroy());

/**
 * Runs `backup` and, once pg_dump's session shows in pg_stat_activity, calls `kill` (once). Returns
 * the action's result and whether the kill happened while the dump was running.
 */
async function backupKilledBy(kill: (container: string) => void) {
  const container = db.container();
  let killed = false;
  const watcher = setInterval(() => {
    if (killed) return;
    const seen = spawnSync('docker', ['exec', container, 'psql', '-X', '-At', '-U', 'shop', '-d', 'shopdb', '-c', "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pg_dump' AND state = 'active'"], { encoding: 'utf8' });
    if (seen.stdout?.trim() === '1') {
      kill(container);
      killed = true;
    }
  }, 100);
  try {
    const res = await runAction(db.inputs(), { workspace: db.workspace });
    return { res, killed };
  } finally {
    clearInterval(watcher);
  }
}

/** Nothing of the failed backup: no dump or sidecar under a final name, no partial file, no deploy lock. */
function assertNothingLeft(what: string): void {
  assert.deepEqual(db.backupFiles(), [], `${what}: the backup dir holds nothing (no final name, no .partial)`);
  assert.equal(db.onHost(`[ -e ${db.deployPath}/.deploy-lock ] && echo held || echo free`).trim(), 'free', `${what}: the lock is released`);
}

test('backup: pg_dump\'s backend terminated mid-dump fails (exit 1) naming pg_dump, keeps nothing, and the next backup works', async () => {
  const { res, killed } = await backupKilledBy((c) => {
    execFileSync('docker', ['exec', c, 'psql', '-X', '-q', '-U', 'shop', '-d', 'shopdb', '-c', "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pg_dump'"], { stdio: 'ignore' });
  });
  assert.ok(killed, 'the backend was terminated while pg_dump ran');
  assert.equal(res.code, 1, res.log);
  assert.match(res.summary, /Backup failed[\s\S]*pg_dump exited with 1/);
  assert.match(res.log, /terminat/i, 'Postgres\'s own reason is shown');
  assertNothingLeft('terminated backend');
  // The lock is free and the database is fine: a backup now succeeds.
  const again = await runAction(db.inputs(), { workspace: db.workspace });
  assert.equal(again.code, 0, again.log);
  assert.equal(db.backupFiles().filter((f) => f.endsWith('.dump')).length, 1);
  db.onHost(`rm -rf ${db.deployPath}/backups`);
});

test('backup: the app\'s Postgres container killed mid-dump fails (exit 1) with a clear message and keeps nothing', async () => {
  const { res, killed } = await backupKilledBy((c) => execFileSync('docker', ['kill', c], { stdio: 'ignore' }));
  assert.ok(killed, 'the container was killed while pg_dump ran');
  assert.equal(res.code, 1, res.log);
  assert.match(res.summary, /Backup failed/);
  // Which step notices first depends on timing (pg_dump may still report its own exit); each says the database went away.
  assert.match(res.summary, /did the database stop or restart during the dump\?|pg_dump did not finish .*did the container stop during the dump/);
  assert.doesNotMatch(res.summary, /pg_dump exited with \d+(?!\d|: the database container is no longer running)/, 'a pg_dump that lost its server is not left unexplained');
  assertNothingLeft('killed container');
});
