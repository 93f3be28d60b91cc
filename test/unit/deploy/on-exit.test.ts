import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ON_EXIT_FN } from '../../../src/deploy/shell-scripts.js';

/** A script that makes a file, sets on_exit to remove it, and ends as `how` says; run by dash, a host's plainest sh. */
function run(how: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cd-on-exit-'));
  try {
    const body = `${ON_EXIT_FN}\nf=$1/left\non_exit 'rm -f "$f"'\n: > "$f"\n${how}\n`;
    const res = spawnSync('dash', ['-c', body, 'on-exit-test', dir], { encoding: 'utf8' });
    return { code: res.status, left: existsSync(join(dir, 'left')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('on_exit: the command runs on a normal end, on exit N, and on each signal, which exits 128 + its number', () => {
  assert.deepEqual(run('true'), { code: 0, left: false });
  assert.deepEqual(run('exit 3'), { code: 3, left: false });
  assert.deepEqual(run('kill -HUP $$; sleep 5'), { code: 129, left: false });
  assert.deepEqual(run('kill -INT $$; sleep 5'), { code: 130, left: false });
  assert.deepEqual(run('kill -PIPE $$; sleep 5'), { code: 141, left: false });
  assert.deepEqual(run('kill -TERM $$; sleep 5'), { code: 143, left: false });
});
