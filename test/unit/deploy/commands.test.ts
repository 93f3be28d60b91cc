import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cmd from '../../../src/deploy/commands.js';
import { keptReleases } from '../../../src/deploy/deploy.js';
import { parseKeyValues, parseRollOutput } from '../../../src/deploy/outcome.js';
import { tarArchive } from '../../../src/remote/tar.js';
import { shellText, type Command } from '../../../src/runner/runner.js';

const ds = { deployPath: '/srv/shop', project: 'shop', composeFiles: ['compose.yaml', 'deploy/compose.prod.yaml'] };
const SHA = 'c'.repeat(40);

/** Runs a plan step through a real local sh, exactly as the SSH runner would send it. */
function sh(c: Command): { code: number; stdout: string } {
  try {
    return { code: 0, stdout: execFileSync('sh', ['-c', shellText(c)], { input: c.stdin ?? '', encoding: 'utf8' }) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, stdout: e.stdout };
  }
}

test('Compose argv for a release: fixed project, its files and .env, the stable project directory', () => {
  const target = cmd.releaseCompose(ds, 'docker-compose', SHA);
  assert.deepEqual(cmd.convergeCommand(target, ['db', 'proxy']).argv, [
    'docker-compose', '--project-name', 'shop', '--project-directory', '/srv/shop/current',
    '--file', `/srv/shop/releases/${SHA}/compose.yaml`, '--file', `/srv/shop/releases/${SHA}/deploy/compose.prod.yaml`,
    '--env-file', `/srv/shop/releases/${SHA}/.env`, 'up', '-d', '--no-deps', 'db', 'proxy',
  ]);
  const v2 = cmd.releaseCompose(ds, 'docker compose', SHA);
  assert.deepEqual(cmd.migrateCommand(v2, { service: 'migrate', command: ['python', 'manage.py', 'migrate'] }).argv.slice(0, 2), ['docker', 'compose']);
  // --no-deps: its dependencies were started by migrationDependenciesCommand, which recreates nothing that runs.
  assert.deepEqual(cmd.migrateCommand(v2, { service: 'migrate' }).argv.slice(-5), ['run', '--rm', '-T', '--no-deps', 'migrate']);
  assert.deepEqual(cmd.migrationDependenciesCommand(v2, ['db', 'cache']).argv.slice(-5), ['up', '-d', '--no-recreate', 'db', 'cache']);
});

test('the release renders with every service: v2 is asked for all profiles, v1 lists them anyway', () => {
  const v2 = cmd.renderCommand(cmd.releaseCompose(ds, 'docker compose', SHA));
  assert.deepEqual(v2.argv.slice(0, 8), ['docker', 'compose', '--project-name', 'shop', '--project-directory', '/srv/shop/current', '--profile', '*']);
  assert.match(shellText(v2), / --profile '\*' /, 'the star reaches the remote shell quoted');
  assert.ok(!cmd.renderCommand(cmd.releaseCompose(ds, 'docker-compose', SHA)).argv.includes('--profile'));
});

test('secrets travel on stdin only, never in the command text', () => {
  const pull = cmd.pullCommand(['ghcr.io/acme/shop/api:sha-1'], { registry: 'ghcr.io', user: 'octo', password: 's3cr3t-token' });
  assert.equal(pull.stdin, 's3cr3t-token');
  assert.ok(!shellText(pull).includes('s3cr3t-token'));
  assert.deepEqual(pull.argv.slice(3), ['compose-deploy-pull', 'ghcr.io', 'octo', 'ghcr.io/acme/shop/api:sha-1']);
  assert.deepEqual(cmd.pullCommand(['x']).argv.slice(3), ['compose-deploy-pull', '', '', 'x'], 'no login without credentials');
  const unpack = cmd.unpackCommand('/srv/shop', SHA, 'BASE64TAR');
  assert.ok(!shellText(unpack).includes('BASE64TAR'));
});

test('the roll step passes its settings as positional arguments after the fixed script', () => {
  const target = cmd.releaseCompose(ds, 'docker compose', SHA);
  const c = cmd.rollCommand(target, { service: 'api', strategy: 'rolling', replicas: 2, stopGraceSeconds: 30, healthUrl: 'http://localhost/h' }, { healthTimeout: 60, minReadySeconds: 5, drainSeconds: 2, project: 'shop' }, cmd.cancelMarker('/srv/shop'));
  assert.deepEqual(c.argv.slice(3, 14), ['compose-deploy-roll', 'api', '2', '60', '5', '2', 'http://localhost/h', 'rolling', 'shop', '30', '/srv/shop/.deploy-lock/cancel']);
  assert.deepEqual(c.argv.slice(14, 18), ['docker', 'compose', '--project-name', 'shop']);
  const back = cmd.rollCommand(target, { service: 'api', strategy: 'rolling', replicas: 1, stopGraceSeconds: 10 }, { healthTimeout: 60, minReadySeconds: 5, drainSeconds: 2, project: 'shop' });
  assert.equal(back.argv[13], '', 'a rollback roll watches no cancel marker');
});

test('third-party services converge; those mounting a changed file are force-recreated; added services are removed with the files that define them', () => {
  const target = cmd.releaseCompose(ds, 'docker compose', SHA);
  assert.deepEqual(cmd.convergeCommand(target, ['proxy'], true).argv.slice(-5), ['up', '-d', '--no-deps', '--force-recreate', 'proxy']);
  assert.deepEqual(cmd.convergeCommand(target, ['proxy']).argv.slice(-4), ['up', '-d', '--no-deps', 'proxy']);
  assert.deepEqual(cmd.removeServicesCommand(target, ['cron']).argv.slice(-4), ['rm', '--stop', '--force', 'cron']);
});

test('cancel: only the lock holder leaves the marker, and it goes away with the lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-cancel-'));
  assert.equal(sh(cmd.lockCommand(root, 'tok1', 3600, false, '{"token":"tok1"}')).code, 0);
  assert.doesNotMatch(sh(cmd.cancelCommand(root, 'other')).stdout, /cancel=marked/);
  assert.ok(!existsSync(cmd.cancelMarker(root)));
  assert.match(sh(cmd.cancelCommand(root, 'tok1')).stdout, /cancel=marked/);
  assert.ok(existsSync(cmd.cancelMarker(root)));
  assert.match(sh(cmd.unlockCommand(root, 'tok1')).stdout, /lock=released/);
  assert.ok(!existsSync(cmd.cancelMarker(root)));
});

test('lock: mkdir is exclusive, the holder is named, only the holder releases, stale locks break only when forced', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-lock-'));
  const first = sh(cmd.lockCommand(root, 'tok1', 3600, false, '{"token":"tok1","actor":"alice"}'));
  assert.equal(first.code, 0);
  assert.ok(existsSync(join(root, '.deploy-lock/owner.json')));
  const second = sh(cmd.lockCommand(root, 'tok2', 3600, false, '{"token":"tok2"}'));
  assert.equal(second.code, 75);
  assert.deepEqual(parseKeyValues(second.stdout).get('owner'), ['{"token":"tok1","actor":"alice"}']);
  assert.equal(sh(cmd.lockCommand(root, 'tok2', 3600, true, '{"token":"tok2"}')).code, 75, 'force does not break a fresh lock');
  assert.match(sh(cmd.unlockCommand(root, 'tok2')).stdout, /not-ours/);
  assert.ok(existsSync(join(root, '.deploy-lock')));
  execFileSync('touch', ['-d', '2 hours ago', join(root, '.deploy-lock')]);
  const broken = sh(cmd.lockCommand(root, 'tok2', 3600, true, '{"token":"tok2"}'));
  assert.equal(broken.code, 0);
  assert.match(broken.stdout, /lock=broken/);
  assert.match(sh(cmd.unlockCommand(root, 'tok2')).stdout, /lock=released/);
  assert.ok(!existsSync(join(root, '.deploy-lock')));
});

test('unpack puts the tar in place with its modes; current switches atomically; audit appends', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-release-'));
  const tar = tarArchive([
    { name: 'compose.yaml', content: 'services: {}\n', mode: 0o644 },
    { name: 'deploy/Caddyfile', content: ':80\n', mode: 0o644 },
    { name: '.env', content: 'SECRET=1\n', mode: 0o600 },
  ]);
  assert.equal(sh(cmd.unpackCommand(root, SHA, tar.toString('base64'))).code, 0);
  assert.equal(readFileSync(join(root, 'releases', SHA, 'deploy/Caddyfile'), 'utf8'), ':80\n');
  assert.equal(statSync(join(root, 'releases', SHA, '.env')).mode & 0o777, 0o600);
  assert.equal(sh(cmd.switchCurrentCommand(root, SHA)).code, 0);
  assert.equal(readlinkSync(join(root, 'current')), `releases/${SHA}`);
  sh(cmd.auditCommand(root, { sha: 'x' }));
  sh(cmd.auditCommand(root, { sha: 'y' }));
  assert.deepEqual(readFileSync(join(root, 'releases.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).sha), ['x', 'y']);
});

test('unpack names the files that differ from the live release (not .env, which Compose itself reads)', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-changed-'));
  const release = (caddy: string, env: string) =>
    tarArchive([
      { name: 'compose.yaml', content: 'services: {}\n', mode: 0o644 },
      { name: 'deploy/Caddyfile', content: caddy, mode: 0o644 },
      { name: '.env', content: env, mode: 0o600 },
    ]).toString('base64');
  const first = sh(cmd.unpackCommand(root, 'a'.repeat(40), release(':80\n', 'A=1\n')));
  assert.equal(parseKeyValues(first.stdout).get('changed'), undefined, 'nothing is live yet');
  sh(cmd.switchCurrentCommand(root, 'a'.repeat(40)));
  const same = sh(cmd.unpackCommand(root, 'b'.repeat(40), release(':80\n', 'A=2\n')));
  assert.equal(parseKeyValues(same.stdout).get('changed'), undefined);
  const changed = sh(cmd.unpackCommand(root, 'c'.repeat(40), release(':8080\n', 'A=1\n')));
  assert.deepEqual(parseKeyValues(changed.stdout).get('changed'), ['deploy/Caddyfile']);
});

test('a failed upload leaves no half release (nor its .env) behind', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-upload-'));
  const res = sh(cmd.unpackCommand(root, SHA, 'this is not base64 of a tar!'));
  assert.notEqual(res.code, 0);
  assert.deepEqual(execFileSync('ls', ['-A', join(root, 'releases')], { encoding: 'utf8' }), '');
});

test('prune keeps the named releases and removes the rest', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-prune-'));
  for (const s of ['a', 'b', 'c']) execFileSync('mkdir', ['-p', join(root, 'releases', s.repeat(40))]);
  const res = sh(cmd.pruneCommand(root, ['a'.repeat(40), 'c'.repeat(40)]));
  assert.equal(res.code, 0);
  assert.deepEqual(parseKeyValues(res.stdout).get('pruned'), ['b'.repeat(40)]);
  assert.ok(existsSync(join(root, 'releases', 'a'.repeat(40))));
  assert.ok(!existsSync(join(root, 'releases', 'b'.repeat(40))));
});

test('kept releases: the live one plus the newest successful ones', () => {
  const r = (sha: string, result: 'success' | 'failed' | 'rolled-back') => ({ action: 'deploy' as const, sha, startedAt: '', result });
  const audit = [r('1', 'success'), r('2', 'success'), r('3', 'failed'), r('4', 'success'), r('2', 'success'), r('5', 'rolled-back')];
  assert.deepEqual(keptReleases(audit, '6', 3), ['6', '2', '4']);
  assert.deepEqual(keptReleases(audit, '4', 1), ['4']);
  assert.deepEqual(keptReleases([], '9', 5), ['9']);
});

test('roll output: time to healthy on success, reason and diagnostics on failure', () => {
  const ok = parseRollOutput('old=a\nnew=b c\nready=b after=7\nready=c after=9\nstopped-old=a\ndone-after=11\n', true);
  assert.deepEqual([ok.ok, ok.secondsToHealthy], [true, 9]);
  const bad = parseRollOutput('old=a\nnew=b\nfailed=b\nreason=healthcheck reported unhealthy\nhealth| wget: server returned error: HTTP/1.1 503\nlog| booting\nremoved-new=b\n', false);
  assert.equal(bad.reason, 'healthcheck reported unhealthy');
  assert.equal(bad.diagnostics, 'health| wget: server returned error: HTTP/1.1 503\nlog| booting');
});
