import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settleCommand } from '../../../src/deploy/commands.js';
import { mixedReleases, strandedIds } from '../../../src/deploy/docker-return.js';

const ID1 = 'a'.repeat(64);
const ID2 = 'b'.repeat(64);

test('mixedReleases names only the services whose containers run more than one image', () => {
  const listing = [`api reg/api:sha-1 ${ID1}`, `api reg/api:sha-2 ${ID2}`, `api reg/api:sha-2 ${'c'.repeat(64)}`, `worker reg/worker:sha-1 ${'d'.repeat(64)}`, `db postgres:15 ${'e'.repeat(64)}`, '', 'garbage'].join('\n');
  const mixed = mixedReleases(listing);
  assert.deepEqual(mixed.map((m) => m.service), ['api']);
  assert.deepEqual([...mixed[0]!.images], [['reg/api:sha-1', [ID1]], ['reg/api:sha-2', [ID2, 'c'.repeat(64)]]]);
  assert.deepEqual(mixedReleases(`api reg/api:sha-1 ${ID1}\napi reg/api:sha-1 ${ID2}\n`), [], 'two replicas of one release are not two releases');
});

test('strandedIds reads every id of every stranded line', () => {
  assert.deepEqual(strandedIds(`old=x\nstranded=${ID1} ${ID2}\nreason=y\nstranded=${'c'.repeat(12)}\n`), [ID1, ID2, 'c'.repeat(12)]);
  assert.deepEqual(strandedIds('removed-new=abc\n'), []);
});

test('settleCommand takes container ids only: anything else never reaches the host', () => {
  assert.deepEqual(settleCommand(90, [ID1]).argv.slice(-2), ['90', ID1]);
  for (const bad of ['-f', `${ID1};rm -rf /`, '../x', '', 'ABCDEF012345']) assert.throws(() => settleCommand(90, [bad]), /not a container id/);
});

/**
 * The settle script against a stand-in `docker` on PATH: it answers `version` only after `down`
 * failed calls, and refuses to remove the ids listed in `stuck` (they still exist).
 */
function settle(opts: { down: number; stuck?: string[]; gone?: string[]; wait?: number }, ids: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'cd-settle-'));
  try {
    writeFileSync(join(dir, 'count'), '0');
    writeFileSync(
      join(dir, 'docker'),
      `#!/bin/sh
echo "$*" >> "${dir}/calls"
case "$1" in
  version) n=$(cat "${dir}/count"); echo $((n + 1)) > "${dir}/count"; [ "$n" -ge ${opts.down} ] ;;
  rm) id=$4; case " ${(opts.stuck ?? []).join(' ')} ${(opts.gone ?? []).join(' ')} " in *" $id "*) exit 1 ;; esac; exit 0 ;;
  inspect) id=$3; case " ${(opts.stuck ?? []).join(' ')} " in *" $id "*) exit 0 ;; esac; exit 1 ;;
esac
`,
    );
    chmodSync(join(dir, 'docker'), 0o755);
    const c = settleCommand(opts.wait ?? 5, ids);
    const res = spawnSync(c.argv[0]!, c.argv.slice(1), { encoding: 'utf8', env: { PATH: `${dir}:/usr/bin:/bin` } });
    return { code: res.status, stdout: res.stdout, calls: readFileSync(join(dir, 'calls'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('settle script: waits for the daemon, then removes the containers (one already gone counts as removed)', () => {
  const res = settle({ down: 3, gone: [ID2] }, [ID1, ID2]);
  assert.equal(res.code, 0, res.stdout);
  assert.match(res.stdout, /^docker=up/m);
  assert.match(res.stdout, new RegExp(`^removed=${ID1} ${ID2}$`, 'm'));
  assert.doesNotMatch(res.stdout, /stranded=/);
  assert.match(res.calls, new RegExp(`rm -f -- ${ID1}`));
});

test('settle script: a container Docker will not remove is named, exit 1', () => {
  const res = settle({ down: 0, stuck: [ID1] }, [ID1, ID2]);
  assert.equal(res.code, 1);
  assert.match(res.stdout, new RegExp(`^stranded=${ID1}$`, 'm'));
});

test('settle script: a daemon that never answers within the wait: docker=down and every id stranded, nothing removed', () => {
  const res = settle({ down: 1000, wait: 1 }, [ID1]);
  assert.equal(res.code, 1);
  assert.match(res.stdout, /^docker=down$/m);
  assert.match(res.stdout, new RegExp(`^stranded=${ID1}$`, 'm'));
  assert.doesNotMatch(res.calls, /^rm /m);
});

test('settle script without ids only waits for the daemon', () => {
  const res = settle({ down: 2 }, []);
  assert.equal(res.code, 0);
  assert.match(res.stdout, /^docker=up/m);
  assert.doesNotMatch(res.stdout, /removed=|stranded=/);
});
