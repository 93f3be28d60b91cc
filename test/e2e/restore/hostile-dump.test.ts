import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runCli } from '../lib/run-action.js';
import { SeededPostgres, drillLeftovers, drillWorkspace, sha256 } from './seeded-postgres.js';

/*
 * A backup is written by whoever can write the backup directory (or the copy-to host, which also holds
 * the checksum): a plain dump is a psql script, and a hostile one tries to run commands. Nothing of it
 * may run, and nothing of the runner's (its environment, its files) may show.
 */

const CANARY = `zz-restore-canary-${process.pid}`;
let pg: SeededPostgres;
let plain: string;
let work: string;
before(() => {
  pg = new SeededPostgres();
  plain = pg.dump('plain');
  work = mkdtempSync(join(tmpdir(), 'cd-hostile-dump-'));
});
after(() => {
  pg?.destroy();
  rmSync(work, { recursive: true, force: true });
});
// Containers only: temp dirs are counted by restore-test.test.ts, which runs alone.
afterEach(() => assert.deepEqual(drillLeftovers().containers, []));

/** A copy of the plain dump with `extra` after its SET lines, its checksum and manifest resealed (the attacker writes those too). */
function hostileDump(name: string, extra: string): string {
  const dir = mkdtempSync(join(work, 'd-'));
  const f = join(dir, name);
  copyFileSync(plain, f);
  writeFileSync(f, readFileSync(f, 'utf8').replace(/^SET statement_timeout = 0;$/m, (m) => `${m}\n${extra}`));
  const m = JSON.parse(readFileSync(`${plain}.json`, 'utf8'));
  m.sha256 = sha256(f);
  writeFileSync(`${f}.json`, JSON.stringify(m));
  writeFileSync(`${f}.sha256`, `${sha256(f)}  ${name}\n`);
  return f;
}

async function drill(backup: string, settings: string) {
  const ws = drillWorkspace(settings);
  const report = join(ws, 'report.json');
  try {
    const res = await runCli(['restore-test', '--backup-file', backup, '--report-file', report, '--json'], { cwd: ws, env: { CD_RESTORE_CANARY: CANARY } });
    return { ...res, reportText: existsSync(report) ? readFileSync(report, 'utf8') : '' };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

const modes = { docker: () => `postgres: docker\nimage: ${pg.h.postgresImage}`, native: () => 'postgres: native' } as const;

for (const [mode, settings] of Object.entries(modes)) {
  for (const [what, extra, said] of [
    ['a shell escape (\\!)', `\\! sh -c 'echo "$CD_RESTORE_CANARY" > MARKER'`, /\\!/],
    ['a shell escape after a statement on the same line', `SELECT 1; \\! sh -c 'echo "$CD_RESTORE_CANARY" > MARKER'`, /\\!/],
    ['output piped into a shell (\\o |)', `\\o |sh -c 'echo "$CD_RESTORE_CANARY" > MARKER'\nSELECT 1;`, /\\o/],
    ['COPY … FROM PROGRAM', `CREATE TABLE pwn (a text);\nCOPY pwn FROM PROGRAM 'sh -c "echo x > MARKER"';`, /PROGRAM/],
  ] as const) {
    test(`postgres: ${mode}: a plain dump holding ${what} is refused before anything runs`, async () => {
      const marker = join(work, `marker-${mode}-${Math.random().toString(36).slice(2)}`);
      const f = hostileDump('hostile.sql', extra.replace('MARKER', marker));
      const res = await drill(f, settings());
      assert.equal(res.code, 1, res.stderr);
      const json = JSON.parse(res.stdout);
      assert.equal(json.outputs.result, 'failed');
      assert.match(json.message, said);
      assert.match(json.message, /pg_dump never writes: the dump was refused before anything ran/);
      assert.ok(json.message.includes(`${f}:`), 'names the file and line');
      assert.equal(existsSync(marker), false, 'the command ran');
      for (const [where, text] of [['stdout', res.stdout], ['stderr', res.stderr], ['report', res.reportText]]) assert.equal(text.includes(CANARY), false, `the canary reached ${where}`);
      assert.equal(JSON.parse(res.reportText).phases['restore'], undefined, 'nothing was restored');
    });
  }
}

test('postgres: native refuses a plain dump (psql would run its script on this machine), saying what to use', async () => {
  const res = await drill(plain, modes.native());
  assert.equal(res.code, 1, res.stderr);
  const json = JSON.parse(res.stdout);
  assert.match(json.message, /is a plain dump, which postgres: native does not restore[\s\S]*postgres: docker/);
});

test('postgres: docker: the disposable server runs with no network, capabilities dropped, no new privileges, memory and process limits', async () => {
  const running = drill(plain, modes.docker());
  let seen: { NetworkMode: string; CapDrop: string[]; SecurityOpt: string[]; Memory: number; PidsLimit: number } | undefined;
  let settled = false;
  void running.finally(() => (settled = true));
  while (!seen && !settled) {
    const ids = execFileSync('docker', ['ps', '-q', '--filter', 'label=compose-deploy.restore-test'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    if (ids[0]) {
      try {
        seen = JSON.parse(execFileSync('docker', ['inspect', '--format', '{{json .HostConfig}}', ids[0]], { encoding: 'utf8' }));
      } catch {
        // Removed between the two calls: look again.
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const res = await running;
  assert.equal(res.code, 0, res.stderr);
  assert.ok(seen, 'the drill\'s container was not seen running');
  assert.equal(seen.NetworkMode, 'none');
  assert.deepEqual(seen.CapDrop, ['ALL']);
  assert.ok(seen.SecurityOpt.includes('no-new-privileges'), JSON.stringify(seen.SecurityOpt));
  assert.ok(seen.Memory > 0, 'a memory limit');
  assert.ok(seen.PidsLimit > 0, 'a process limit');
});
