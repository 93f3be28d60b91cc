import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moduleFileOf, readShellScripts, renderShellScriptsModule, shellScriptDirs } from '../../../scripts/shell-scripts.js';

// Every shell script the tool runs, as it is sent: includes expanded (src/<folder>/sh/*.sh).
const all: Record<string, string> = Object.fromEntries(shellScriptDirs().flatMap((dir) => readShellScripts(dir).map((s) => [`${dir.split('/src/')[1]}/${s.file}`, s.value])));

test('the scripts are found: every folder that sends them', () => {
  for (const folder of ['deploy', 'backup', 'host', 'maintenance', 'db-restore', 'restore']) assert.ok(Object.keys(all).some((k) => k.startsWith(`${folder}/sh/`)), folder);
});

test('every host script is valid POSIX sh and passes shellcheck at warning level', () => {
  for (const [name, body] of Object.entries(all)) {
    const syntax = spawnSync('dash', ['-n'], { input: body, encoding: 'utf8' });
    assert.equal(syntax.status, 0, `${name}: ${syntax.stderr}`);
    // A function file uses its includer's variables: it is checked inside each script that includes it.
    if (name.endsWith('.fn.sh')) continue;
    const lint = spawnSync('shellcheck', ['--shell=sh', '--severity=warning', '-'], { input: body, encoding: 'utf8' });
    assert.ok(!lint.error, 'shellcheck must be installed (Debian package shellcheck; .ci/run installs it)');
    assert.equal(lint.status, 0, `${name}:\n${lint.stdout}`);
  }
});

test('the bundle carries the scripts as they are in the .sh files (run npm run generate)', () => {
  for (const dir of shellScriptDirs()) assert.equal(readFileSync(moduleFileOf(dir), 'utf8'), renderShellScriptsModule(dir), moduleFileOf(dir));
});

test('every shell-scripts.ts in src/ is generated from an sh/ folder beside it', () => {
  const src = join(import.meta.dirname, '../../../src');
  const modules = readdirSync(src).filter((d) => existsSync(join(src, d, 'shell-scripts.ts'))).map((d) => join(src, d, 'sh'));
  assert.deepEqual(modules.sort(), shellScriptDirs().map((d) => d.replace(/\/$/, '')).sort());
});
