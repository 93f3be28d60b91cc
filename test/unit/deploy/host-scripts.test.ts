import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as scripts from '../../../src/deploy/host-scripts.js';
import * as swarmScripts from '../../../src/deploy/swarm-scripts.js';
import { probeCommand } from '../../../src/host/probe.js';

const all: Record<string, string> = { ...scripts, ...swarmScripts, PROBE_SCRIPT: probeCommand('/srv/x', 'p').argv[2]! };

test('every host script is valid POSIX sh and passes shellcheck at warning level', () => {
  for (const [name, body] of Object.entries(all)) {
    const syntax = spawnSync('dash', ['-n'], { input: body, encoding: 'utf8' });
    assert.equal(syntax.status, 0, `${name}: ${syntax.stderr}`);
    const lint = spawnSync('shellcheck', ['--shell=sh', '--severity=warning', '-'], { input: body, encoding: 'utf8' });
    assert.ok(!lint.error, 'shellcheck must be installed (Debian package shellcheck; .ci/run installs it)');
    assert.equal(lint.status, 0, `${name}:\n${lint.stdout}`);
  }
});

test('scripts take every variable part as a positional argument (no interpolation from JavaScript)', () => {
  for (const [name, body] of Object.entries(all)) {
    assert.ok(!/undefined|\[object Object\]/.test(body), `${name} has a JavaScript value baked in`);
  }
});
