import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors.js';
import { listReleases, type AuditRecord, type HostFacts } from '../../../src/host/probe.js';
import { migrationsSince, parseRollbackTo, resolveRollbackTarget } from '../../../src/rollback/rollback-target.js';
import * as cmd from '../../../src/deploy/commands.js';
import { parseKeyValues } from '../../../src/host/key-values.js';
import { shellText } from '../../../src/runner/runner.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const AB = `ab${'0'.repeat(38)}`;

const rec = (sha: string, result: AuditRecord['result'], more: Record<string, unknown> = {}): AuditRecord => ({
  action: 'deploy',
  sha,
  startedAt: '2026-11-01T00:00:00Z',
  finishedAt: '2026-11-01T00:01:00Z',
  result,
  ...more,
});

function facts(current: string | undefined, releases: string[], audit: AuditRecord[]): HostFacts {
  return { current, releases, audit, running: {} };
}

test('parseRollbackTo: empty means the previous release; a sha or prefix is lower-cased; anything else is bad input', () => {
  assert.equal(parseRollbackTo(undefined), undefined);
  assert.equal(parseRollbackTo('  '), undefined);
  assert.equal(parseRollbackTo('ABCDEF1'), 'abcdef1');
  assert.equal(parseRollbackTo(A), A);
  for (const bad of ['abc', 'xyz1234', `${A}0`, '-rf', 'abcd;rm', 'HEAD~1', 'a'.repeat(41)]) {
    assert.throws(() => parseRollbackTo(bad), (e: unknown) => e instanceof InputError && /input "to"/.test((e as Error).message), bad);
  }
});

test('no to: the newest kept release other than the live one whose last deploy succeeded', () => {
  const f = facts(C, [A, B, C], [rec(A, 'success'), rec(B, 'success'), rec(C, 'success')]);
  assert.equal(resolveRollbackTarget(f, undefined), B);
  // B's last deploy failed (rolled back): A is the one to go back to.
  const g = facts(C, [A, B, C], [rec(A, 'success'), rec(B, 'rolled-back'), rec(C, 'success')]);
  assert.equal(resolveRollbackTarget(g, undefined), A);
  // After a rollback C -> B, a second rollback goes forward to C again (the release live before).
  const h = facts(B, [A, B, C], [rec(A, 'success'), rec(B, 'success'), rec(C, 'success'), rec(B, 'success', { action: 'rollback' })]);
  assert.equal(resolveRollbackTarget(h, undefined), C);
});

test('to: a full sha or an unambiguous prefix of a kept release', () => {
  const f = facts(C, [A, AB, C], [rec(A, 'success'), rec(AB, 'success'), rec(C, 'success')]);
  assert.equal(resolveRollbackTarget(f, A), A);
  assert.equal(resolveRollbackTarget(f, 'ab00'), AB);
  assert.equal(resolveRollbackTarget(f, C), C, 'the live release is a valid target (nothing to do)');
});

test('unknown and ambiguous targets are bad input that lists the kept releases', () => {
  const f = facts(C, [A, AB, C], [rec(A, 'success'), rec(AB, 'success'), rec(C, 'success')]);
  assert.throws(() => resolveRollbackTarget(f, 'dddd'), (e: unknown) => {
    const m = (e as Error).message;
    return e instanceof InputError && /no kept release matches dddd/.test(m) && m.includes(A) && m.includes(AB) && m.includes(`${C} (live)`);
  });
  assert.throws(() => resolveRollbackTarget(f, 'a0'), (e: unknown) => e instanceof InputError && /ambiguous|no kept release/.test((e as Error).message));
  const amb = facts(C, [A, `${'a'.repeat(39)}b`, C], [rec(C, 'success')]);
  assert.throws(() => resolveRollbackTarget(amb, 'aaaa'), (e: unknown) => e instanceof InputError && /ambiguous, 2 kept releases/.test((e as Error).message));
});

test('nothing live, or nothing else that succeeded: bad input saying so', () => {
  assert.throws(() => resolveRollbackTarget(facts(undefined, [], []), undefined), /nothing is deployed on the host yet/);
  assert.throws(() => resolveRollbackTarget(facts(A, [A, B], [rec(B, 'failed'), rec(A, 'success')]), undefined), /only the live release aaaaaaaaaaaa succeeded/);
});

test('migrationsSince: migrations run by later deploys, even ones that were rolled back', () => {
  const audit = [
    rec(A, 'success', { migration: 'migrate' }),
    rec(B, 'success'),
    rec(C, 'rolled-back', { migration: 'migrate', finishedAt: '2026-11-03T00:00:00Z' }),
    rec(B, 'success', { action: 'rollback' }),
  ];
  assert.deepEqual(migrationsSince(audit, B), []);
  assert.deepEqual(migrationsSince(audit, A), [{ sha: C, service: 'migrate', at: '2026-11-03T00:00:00Z' }]);
  // A target the log never saw live: every migration in the log may be newer than it.
  assert.equal(migrationsSince(audit, 'f'.repeat(40)).length, 2);
});

test('listReleases marks rollbacks and carries the images of the last record', () => {
  const f = facts(B, [A, B], [rec(A, 'success', { images: ['r/api:sha-a'] }), rec(B, 'success', { action: 'rollback', images: ['r/api:sha-b'] })]);
  assert.deepEqual(
    listReleases(f).map((r) => [r.sha, r.current, r.rollback, r.images]),
    [
      [B, true, true, ['r/api:sha-b']],
      [A, false, false, ['r/api:sha-a']],
    ],
  );
});

test('kept-release script (real sh): its recorded Compose files, the live one\'s, and the files that differ from the live release', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-kept-'));
  const write = (sha: string, files: Record<string, string>) => {
    mkdirSync(join(root, 'releases', sha, 'conf'), { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(root, 'releases', sha, f), text);
  };
  write(A, { '.env': 'X=1\n', '.compose-files': 'compose.yaml\ncompose.prod.yaml\n', 'compose.yaml': 'a', 'compose.prod.yaml': 'p', 'conf/Caddyfile': 'old' });
  write(B, { '.env': 'X=2\n', '.compose-files': 'compose.yaml\n', 'compose.yaml': 'a', 'conf/Caddyfile': 'new' });
  symlinkSync(`releases/${B}`, join(root, 'current'));
  const run = (sha: string) => {
    try {
      return { code: 0, out: execFileSync('sh', ['-c', shellText(cmd.keptReleaseCommand(root, sha))], { encoding: 'utf8' }) };
    } catch (err) {
      return { code: (err as { status: number }).status, out: (err as { stdout: string }).stdout };
    }
  };
  const res = run(A);
  assert.equal(res.code, 0);
  const kv = parseKeyValues(res.out);
  assert.deepEqual(kv.get('compose-file'), ['compose.yaml', 'compose.prod.yaml']);
  assert.deepEqual(kv.get('live-compose-file'), ['compose.yaml']);
  assert.deepEqual([...(kv.get('changed') ?? [])].sort(), ['.compose-files', 'compose.prod.yaml', 'conf/Caddyfile']);
  const gone = run(C);
  assert.equal(gone.code, 4, 'a release that is not kept is refused before anything changes');
  assert.match(gone.out, /missing=/);
});
