import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cmd from '../../../src/db-restore/commands.js';
import type { Command } from '../../../src/runner/runner.js';

const pg = { container: 'c0ffee', user: 'app' };

test('names reach psql as variables, never spliced into the SQL text', () => {
  const odd = "a'b\"c; DROP DATABASE x";
  for (const c of [cmd.prepareCommand(pg, odd, odd), cmd.dropCommand(pg, odd), cmd.swapCommand(pg, odd, odd, odd), cmd.allowConnectionsCommand(pg, odd)]) {
    assert.deepEqual(c.argv.slice(0, 5), ['docker', 'exec', '-i', 'c0ffee', 'psql']);
    assert.ok(c.argv.includes('ON_ERROR_STOP=1'));
    assert.ok(c.argv.some((a) => a.endsWith(`=${odd}`)), 'the name is a -v value');
    assert.ok(!c.stdin!.includes(odd), 'the SQL is fixed text');
  }
});

test('the swap renames both databases inside one transaction', () => {
  const sql = cmd.swapCommand(pg, 'app', 'app_restoring_1', 'app_pre_restore_1').stdin!;
  const begin = sql.indexOf('BEGIN;');
  const commit = sql.indexOf('COMMIT;');
  const renames = [...sql.matchAll(/RENAME TO/g)].map((m) => m.index!);
  assert.equal(renames.length, 2);
  assert.ok(renames.every((i) => i > begin && i < commit));
});

test('state script (real sh): written whole, read back, cleared', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-restore-state-'));
  try {
    const run = (c: Command) => execFileSync(c.argv[0]!, c.argv.slice(1), { input: c.stdin ?? '' });
    run(cmd.writeStateCommand(root, { phase: 'restoring', backup: 'x.dump' }));
    assert.deepEqual(JSON.parse(readFileSync(join(root, 'restore/state.json'), 'utf8')), { phase: 'restoring', backup: 'x.dump' });
    assert.equal(existsSync(join(root, 'restore/.state.tmp')), false);
    run(cmd.clearStateCommand(root));
    assert.equal(existsSync(join(root, 'restore/state.json')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
