import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as scripts from '../../../src/backup/shell-scripts.js';
import * as cmd from '../../../src/backup/commands.js';
import { judge } from '../../../src/backup/verify.js';
import { parseKeyValues } from '../../../src/host/key-values.js';

test('every backup host script is valid POSIX sh and passes shellcheck at warning level', () => {
  for (const [name, body] of Object.entries(scripts)) {
    const syntax = spawnSync('dash', ['-n'], { input: body, encoding: 'utf8' });
    assert.equal(syntax.status, 0, `${name}: ${syntax.stderr}`);
    const lint = spawnSync('shellcheck', ['--shell=sh', '--severity=warning', '-'], { input: body, encoding: 'utf8' });
    assert.equal(lint.status, 0, `${name}:\n${lint.stdout}`);
  }
});

test('names and SQL travel as arguments; the manifest on stdin; nothing secret on argv', () => {
  const dump = cmd.dumpCommand('c0ffee', 'app', 'app', '/srv/shop/backups/.x.partial');
  assert.deepEqual(dump.argv.slice(3, 7), ['compose-deploy-backup-dump', 'c0ffee', 'app', 'app']);
  assert.match(dump.argv[8]!, /pg_export_snapshot|query_to_xml/);
  const finish = cmd.finishCommand('/d/.x.partial', '/d/x.dump', 'ab', '{"a":1}');
  assert.equal(finish.stdin, '{"a":1}\n');
  assert.ok(!finish.argv.includes('{"a":1}'));
});

/** Runs a script with dash the way the host does. */
const run = (c: { argv: readonly string[]; stdin?: string }) => spawnSync('dash', c.argv.slice(1), { input: c.stdin ?? '', encoding: 'utf8' });

test('finish writes manifest and sidecar, then gives the dump its name; a dump that changed since its check is dropped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-finish-'));
  writeFileSync(join(dir, '.a.dump.partial'), 'PGDMP-bytes');
  const sum = spawnSync('sha256sum', [join(dir, '.a.dump.partial')], { encoding: 'utf8' }).stdout.split(' ')[0]!;
  const ok = run(cmd.finishCommand(join(dir, '.a.dump.partial'), join(dir, 'a.dump'), sum, '{"m":1}'));
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['a.dump', 'a.dump.json', 'a.dump.sha256']);
  assert.equal(readFileSync(join(dir, 'a.dump.sha256'), 'utf8'), `${sum}  a.dump\n`);
  assert.equal(spawnSync('sha256sum', ['-c', 'a.dump.sha256'], { cwd: dir }).status, 0, 'the sidecar is what sha256sum -c reads');

  writeFileSync(join(dir, '.b.dump.partial'), 'PGDMP-other');
  const bad = run(cmd.finishCommand(join(dir, '.b.dump.partial'), join(dir, 'b.dump'), sum, '{}'));
  assert.equal(bad.status, 1);
  assert.ok(!readdirSync(dir).some((f) => f.startsWith('b.dump') || f.startsWith('.b.dump')), 'nothing under a final name, the temporary file removed');

  writeFileSync(join(dir, '.c.partial'), 'PGDMP-bytes');
  assert.equal(run(cmd.finishCommand(join(dir, '.c.partial'), join(dir, 'a.dump'), sum, '{}')).status, 4, 'an existing dump is never overwritten');
});

test('verify judges each check: sidecar, manifest, header, table of contents, every block', () => {
  const sum = 'f'.repeat(64);
  const good = parseKeyValues(`size=10\nchecksum=${sum}\nsidecar=${sum}\nmanifest={"size":10,"sha256":"${sum}"}\nmagic=ok\nlist=ok\nread=ok\n`);
  assert.deepEqual(judge(good).problems, []);
  const flipped = parseKeyValues(`size=10\nchecksum=${'e'.repeat(64)}\nsidecar=${sum}\nmanifest={"size":10,"sha256":"${sum}"}\nmagic=ok\nlist=ok\nread=failed pg_restore: error: could not uncompress data\n`);
  const v = judge(flipped);
  assert.equal(v.ok, false);
  assert.match(v.problems.join('\n'), /the sidecar says/);
  assert.match(v.problems.join('\n'), /could not uncompress data/);
  assert.match(judge(parseKeyValues('size=0\nmagic=bad\nlist=failed\nread=failed\n')).problems.join('\n'), /no \.sha256 sidecar[\s\S]*empty[\s\S]*PGDMP/);
});
