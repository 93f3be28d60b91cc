import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cmd from '../../../src/deploy/commands.js';
import * as lock from '../../../src/host/lock.js';
import { keptReleases } from '../../../src/deploy/deploy-command.js';
import { parseKeyValues } from '../../../src/host/key-values.js';
import { parseRollOutput } from '../../../src/deploy/outcome.js';
import { tarArchive } from '../../../src/runtime/tar.js';
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
    '--env-file', `/srv/shop/releases/${SHA}/.env`, 'up', '-d', '--no-deps', '--', 'db', 'proxy',
  ]);
  const v2 = cmd.releaseCompose(ds, 'docker compose', SHA);
  assert.deepEqual(cmd.migrateCommand(v2, { service: 'migrate', command: ['python', 'manage.py', 'migrate'] }).argv.slice(0, 2), ['docker', 'compose']);
  // --no-deps: its dependencies were started by migrationDependenciesCommand, which recreates nothing that runs.
  assert.deepEqual(cmd.migrateCommand(v2, { service: 'migrate' }).argv.slice(-6), ['run', '--rm', '-T', '--no-deps', '--', 'migrate']);
  assert.deepEqual(cmd.migrationDependenciesCommand(v2, ['db', 'cache']).argv.slice(-6), ['up', '-d', '--no-recreate', '--', 'db', 'cache']);
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
  const probe = ['wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/health'];
  const c = cmd.rollCommand(target, { service: 'api', strategy: 'rolling', replicas: 2, stopGraceSeconds: 30, healthUrl: 'http://localhost/h', healthProbe: probe }, { healthTimeout: 60, minReadySeconds: 5, drainSeconds: 2, project: 'shop' }, lock.cancelMarker('/srv/shop'));
  assert.deepEqual(c.argv.slice(3, 15), ['compose-deploy-roll', 'api', '2', '60', '5', '2', 'http://localhost/h', 'rolling', 'shop', '30', '/srv/shop/.deploy-lock/cancel', 'wget -q -O /dev/null http://127.0.0.1:8080/health']);
  assert.deepEqual(c.argv.slice(15, 19), ['docker', 'compose', '--project-name', 'shop']);
  const back = cmd.rollCommand(target, { service: 'api', strategy: 'rolling', replicas: 1, stopGraceSeconds: 10 }, { healthTimeout: 60, minReadySeconds: 5, drainSeconds: 2, project: 'shop' });
  assert.equal(back.argv[13], '', 'a rollback roll watches no cancel marker');
  assert.equal(back.argv[14], '', 'no healthcheck: no probe');
});

test('the healthcheck probe reaches the host as quoted words that eval gives back exactly, whatever they hold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-probe-'));
  const canary = join(dir, 'canary');
  const words = ['/bin/sh', '-c', `curl -f http://x/ || exit 1; $(touch ${canary}) \`touch ${canary}\` 'q' "d" \\ $HOME`, 'a\nb', '', '-x', '*'];
  const target = cmd.releaseCompose(ds, 'docker compose', SHA);
  const c = cmd.rollCommand(target, { service: 'api', strategy: 'rolling', replicas: 1, stopGraceSeconds: 10, healthProbe: words }, { healthTimeout: 60, minReadySeconds: 5, drainSeconds: 2, project: 'shop' });
  // The roll script's own line: eval "set -- $probe", then the words go to docker exec as they are.
  const res = spawnSync('sh', ['-c', 'probe=$1; eval "set -- $probe"; for w in "$@"; do printf "%s\\0" "$w"; done', 'sh', c.argv[14]!], { encoding: 'utf8', cwd: dir });
  assert.equal(res.status, 0, res.stderr);
  assert.deepEqual(res.stdout.split('\0').slice(0, -1), words);
  assert.ok(!existsSync(canary), 'nothing in the words ran');
  rmSync(dir, { recursive: true, force: true });
});

test('third-party services converge; those mounting a changed file are force-recreated; added services are removed with the files that define them', () => {
  const target = cmd.releaseCompose(ds, 'docker compose', SHA);
  assert.deepEqual(cmd.convergeCommand(target, ['proxy'], true).argv.slice(-6), ['up', '-d', '--no-deps', '--force-recreate', '--', 'proxy']);
  assert.deepEqual(cmd.convergeCommand(target, ['proxy']).argv.slice(-5), ['up', '-d', '--no-deps', '--', 'proxy']);
  assert.deepEqual(cmd.removeServicesCommand(target, ['cron']).argv.slice(-5), ['rm', '--stop', '--force', '--', 'cron']);
});

test('cancel: only the lock holder leaves the marker, and it goes away with the lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-cancel-'));
  assert.equal(sh(lock.lockCommand(root, 'tok1', 3600, false, '{"token":"tok1"}')).code, 0);
  assert.doesNotMatch(sh(lock.cancelCommand(root, 'other')).stdout, /cancel=marked/);
  assert.ok(!existsSync(lock.cancelMarker(root)));
  assert.match(sh(lock.cancelCommand(root, 'tok1')).stdout, /cancel=marked/);
  assert.ok(existsSync(lock.cancelMarker(root)));
  assert.match(sh(lock.unlockCommand(root, 'tok1')).stdout, /lock=released/);
  assert.ok(!existsSync(lock.cancelMarker(root)));
});

test('force-unlock: two runs breaking one stale lock at the same moment, 300 times: exactly one takes it each time', async () => {
  const run = (c: Command) =>
    new Promise<string>((resolvePromise) => {
      const child = spawn('sh', ['-c', shellText(c)], { stdio: ['pipe', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.on('close', (code) => resolvePromise(code === 0 ? out : `exit ${code}`));
      child.stdin.end(c.stdin ?? '');
    });
  let bothWon = 0;
  let noneWon = 0;
  // One race per trial, on a lock of its own; a few trials at once, each in its own deploy path, so the
  // 600 shells do not take minutes (the two breakers of a trial still start together).
  const trial = async () => {
    const root = mkdtempSync(join(tmpdir(), 'cd-lock-race-'));
    const lockDir = join(root, '.deploy-lock');
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'owner.json'), '{"token":"deadrun"}');
    utimesSync(lockDir, new Date(Date.now() - 7200_000), new Date(Date.now() - 7200_000));
    const [a, b] = await Promise.all([
      run(lock.lockCommand(root, 'runa', 3600, true, '{"token":"runa"}')),
      run(lock.lockCommand(root, 'runb', 3600, true, '{"token":"runb"}')),
    ]);
    // Taking it as freed (acquired) between the other's set-aside and its mkdir counts as winning too.
    const won = [a, b].filter((o) => /lock=(broken|acquired)/.test(o)).length;
    if (won === 2) bothWon++;
    if (won === 0) noneWon++;
    const owner = readFileSync(join(lockDir, 'owner.json'), 'utf8');
    if (won === 1) assert.equal(owner, /lock=(broken|acquired)/.test(a) ? '{"token":"runa"}' : '{"token":"runb"}', 'the lock holds the winner\'s record');
    assert.deepEqual(readdirSync(root).filter((f) => f !== '.deploy-lock'), [], 'nothing set aside is left');
    rmSync(root, { recursive: true, force: true });
  };
  for (let done = 0; done < 300; done += 4) await Promise.all(Array.from({ length: 4 }, trial));
  assert.equal(bothWon, 0, `both breakers took the lock in ${bothWon} of 300 trials`);
  assert.equal(noneWon, 0, `neither took the stale lock in ${noneWon} of 300 trials`);
});

test('lock lease: renewed by its holder; a lapsed lease is taken over without force, a lock without a lease only by force-unlock', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-lease-'));
  const lockDir = join(root, '.deploy-lock');
  assert.match(sh(lock.lockCommand(root, 'tok1', 3600, false, '{"token":"tok1"}', 60)).stdout, /lock=acquired/);
  assert.ok(existsSync(join(lockDir, 'lease')), 'taking the lock starts its lease');
  const past = new Date(Date.now() - 120_000);
  utimesSync(join(lockDir, 'lease'), past, past);
  assert.match(sh(lock.renewLeaseCommand(root, 'tok1')).stdout, /lease=renewed/);
  assert.match(sh(lock.renewLeaseCommand(root, 'other')).stdout, /lease=not-ours/);
  const held = sh(lock.lockCommand(root, 'tok2', 3600, false, '{"token":"tok2"}', 60));
  assert.equal(held.code, 75, 'a renewed lease keeps the lock');
  // Renewed: its age starts again from now (it was 120 s), whatever second boundary a loaded machine crosses.
  const leaseAge = Number(/lease-age=(\d+)/.exec(held.stdout)?.[1]);
  assert.ok(leaseAge >= 0 && leaseAge < 60, held.stdout);
  utimesSync(join(lockDir, 'lease'), past, past);
  const taken = sh(lock.lockCommand(root, 'tok2', 3600, false, '{"token":"tok2"}', 60));
  assert.equal(taken.code, 0);
  assert.match(taken.stdout, /lock=taken-over/);
  assert.match(taken.stdout, /owner=\{"token":"tok1"\}/, 'the record of the run that is gone is handed back');
  assert.equal(readFileSync(join(lockDir, 'owner.json'), 'utf8'), '{"token":"tok2"}');
  // An older version's lock has no lease file: never taken over, however old, without force-unlock.
  rmSync(join(lockDir, 'lease'));
  utimesSync(lockDir, new Date(Date.now() - 7200_000), new Date(Date.now() - 7200_000));
  assert.equal(sh(lock.lockCommand(root, 'tok3', 3600, false, '{"token":"tok3"}', 60)).code, 75);
  assert.match(sh(lock.lockCommand(root, 'tok3', 3600, true, '{"token":"tok3"}', 60)).stdout, /lock=broken/);
});

test('a stale lock without an owner record (its run died between mkdir and writing it) can still be broken', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-lock-empty-'));
  mkdirSync(join(root, '.deploy-lock'));
  utimesSync(join(root, '.deploy-lock'), new Date(Date.now() - 7200_000), new Date(Date.now() - 7200_000));
  assert.match(sh(lock.lockCommand(root, 'tok9', 3600, true, '{"token":"tok9"}')).stdout, /lock=broken/);
  assert.match(sh(lock.unlockCommand(root, 'tok9')).stdout, /lock=released/);
});

test('lock: mkdir is exclusive, the holder is named, only the holder releases, stale locks break only when forced', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-lock-'));
  const first = sh(lock.lockCommand(root, 'tok1', 3600, false, '{"token":"tok1","actor":"alice"}'));
  assert.equal(first.code, 0);
  assert.ok(existsSync(join(root, '.deploy-lock/owner.json')));
  const second = sh(lock.lockCommand(root, 'tok2', 3600, false, '{"token":"tok2"}'));
  assert.equal(second.code, 75);
  assert.deepEqual(parseKeyValues(second.stdout).get('owner'), ['{"token":"tok1","actor":"alice"}']);
  assert.equal(sh(lock.lockCommand(root, 'tok2', 3600, true, '{"token":"tok2"}')).code, 75, 'force does not break a fresh lock');
  assert.match(sh(lock.unlockCommand(root, 'tok2')).stdout, /not-ours/);
  assert.ok(existsSync(join(root, '.deploy-lock')));
  execFileSync('touch', ['-d', '2 hours ago', join(root, '.deploy-lock')]);
  const broken = sh(lock.lockCommand(root, 'tok2', 3600, true, '{"token":"tok2"}'));
  assert.equal(broken.code, 0);
  assert.match(broken.stdout, /lock=broken/);
  assert.match(sh(lock.unlockCommand(root, 'tok2')).stdout, /lock=released/);
  assert.ok(!existsSync(join(root, '.deploy-lock')));
});

test('unpack puts the tar in place with its modes; current switches atomically; audit appends', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-release-'));
  const tar = tarArchive([
    { path: 'compose.yaml', data: 'services: {}\n', mode: 0o644 },
    { path: 'deploy/Caddyfile', data: ':80\n', mode: 0o644 },
    { path: '.env', data: 'SECRET=1\n', mode: 0o600 },
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
      { path: 'compose.yaml', data: 'services: {}\n', mode: 0o644 },
      { path: 'deploy/Caddyfile', data: caddy, mode: 0o644 },
      { path: '.env', data: env, mode: 0o600 },
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

test('an upload killed outright leaves its .incoming-* directory, .env included: the next upload removes it', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-leftover-'));
  const leftover = join(root, 'releases', `.incoming-${SHA}-4242`);
  execFileSync('mkdir', ['-p', leftover]);
  writeFileSync(join(leftover, '.env'), 'DB_PASSWORD=left-behind\n', { mode: 0o600 });
  const tar = tarArchive([{ path: 'compose.yaml', data: 'services: {}\n', mode: 0o644 }], 0).toString('base64');
  const res = sh(cmd.unpackCommand(root, SHA, tar));
  assert.equal(res.code, 0);
  assert.deepEqual(parseKeyValues(res.stdout).get('removed-leftover'), [`.incoming-${SHA}-4242`]);
  assert.deepEqual(readdirSync(join(root, 'releases')), [SHA]);
});

test('an upload interrupted by a signal removes its own directory on the way out', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-interrupted-'));
  const c = cmd.unpackCommand(root, SHA, '');
  // stdin stays open: the script sits in the extract, as a slow upload would.
  const child = spawn(c.argv[0]!, c.argv.slice(1), { stdio: ['pipe', 'ignore', 'ignore'] });
  const incoming = () => (existsSync(join(root, 'releases')) ? readdirSync(join(root, 'releases')).filter((d) => d.startsWith('.incoming-')) : []);
  while (incoming().length === 0) await new Promise((r) => setTimeout(r, 20));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  // A lost connection: the shell is signalled and its input ends. Without a trap for the signal,
  // the shell would die on it and skip the EXIT trap.
  child.kill('SIGTERM');
  child.stdin.end();
  assert.equal(await exited, 143);
  assert.deepEqual(incoming(), []);
});

test('audit-prune appends the record, then keeps the named releases and removes the rest', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-prune-'));
  for (const s of ['a', 'b', 'c']) execFileSync('mkdir', ['-p', join(root, 'releases', s.repeat(40))]);
  writeFileSync(join(root, 'releases.jsonl'), '{"n":1}\n');
  const res = sh(cmd.auditAndPruneCommand(root, { n: 2 }, ['a'.repeat(40), 'c'.repeat(40)]));
  assert.equal(res.code, 0);
  assert.deepEqual(parseKeyValues(res.stdout).get('pruned'), ['b'.repeat(40)]);
  assert.ok(existsSync(join(root, 'releases', 'a'.repeat(40))));
  assert.ok(!existsSync(join(root, 'releases', 'b'.repeat(40))));
  assert.equal(readFileSync(join(root, 'releases.jsonl'), 'utf8'), '{"n":1}\n{"n":2}\n');
  rmSync(root, { recursive: true, force: true });
});

test('audit-prune prunes nothing when the record cannot be written', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-prune-'));
  for (const s of ['a', 'b']) execFileSync('mkdir', ['-p', join(root, 'releases', s.repeat(40))]);
  mkdirSync(join(root, 'releases.jsonl'));
  const res = sh(cmd.auditAndPruneCommand(root, { n: 2 }, ['a'.repeat(40)]));
  assert.equal(res.code, 1);
  assert.ok(existsSync(join(root, 'releases', 'b'.repeat(40))), 'no release removed');
  rmSync(root, { recursive: true, force: true });
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

test('a roll says where its time went, from the marks of the host clock', () => {
  const rolling = parseRollOutput('at-start=1000\nold=a\nat-up=1300\nnew=b\nready=b after=4\nat-ready=5500\nat-drained=6500\nstopped-old=a\nat-end=6650\n', true);
  assert.equal(rolling.phases, 'compose up 0.3s, ready 4.2s, drain 1.0s, old stopped 0.1s');
  const first = parseRollOutput('at-start=1000\nat-up=1250\nready=b after=1\nat-ready=2000\nat-end=2010\n', true);
  assert.equal(first.phases, 'compose up 0.3s, ready 0.8s', 'nothing old was stopped on a first start');
  assert.equal(parseRollOutput('ready=b after=1\n', true).phases, undefined);
});

test('a roll cut short by a signal (the connection gone) leaves no file of its own in TMPDIR', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cd-roll-signal-'));
  const bin = mkdtempSync(join(tmpdir(), 'cd-roll-bin-'));
  // A docker that lists no containers, and a compose whose `up` takes a second: the roll is signalled while it waits (sh runs the trap once up returns).
  writeFileSync(join(bin, 'docker'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  writeFileSync(join(bin, 'compose'), '#!/bin/sh\nexec sleep 1\n', { mode: 0o755 });
  const target = cmd.releaseCompose(ds, 'docker compose', SHA);
  const c = cmd.rollCommand(target, { service: 'api', strategy: 'rolling', replicas: 1, stopGraceSeconds: 10 }, { healthTimeout: 60, minReadySeconds: 5, drainSeconds: 2, project: 'shop' });
  const argv = [...c.argv.slice(0, 15), join(bin, 'compose')];
  for (const signal of ['SIGHUP', 'SIGTERM'] as const) {
    const child = spawn(argv[0]!, argv.slice(1), { env: { PATH: `${bin}:/usr/bin:/bin`, TMPDIR: tmp }, stdio: 'ignore' });
    while (readdirSync(tmp).length === 0) await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise((r) => child.on('exit', r));
    child.kill(signal);
    await exited;
    assert.deepEqual(readdirSync(tmp), [], `after ${signal}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  rmSync(bin, { recursive: true, force: true });
});
