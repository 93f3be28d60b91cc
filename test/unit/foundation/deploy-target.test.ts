import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../../src/config/settings.js';
import { deployTarget, refuseUnavailableTarget } from '../../../src/config/deploy-target.js';
import { COMMANDS } from '../../../src/config/options.js';
import { runCommand } from '../../../src/engine/handlers.js';
import { EXIT_BAD_INPUT, InputError, exitCodeOf } from '../../../src/errors.js';
import { MemoryReporter } from '../../../src/report/reporter.js';

// target: swarm (issue 24): validate, deploy and rollback know it; restore and backup reach the database
// through the host's Compose project, so they stop at once, before reading anything else or connecting anywhere.

function dirWith(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-target-'));
  writeFileSync(join(dir, 'compose-deploy.yml'), config);
  return dir;
}

/** Everything a deploy would need to connect: the guard must stop it first. */
const HOST = { host: '203.0.113.7', user: 'deploy', 'deploy-path': '/srv/app', sha: 'a'.repeat(40), 'ssh-private-key': 'not a key', 'known-hosts': 'x' };

const REFUSED = ['restore', 'backup'] as const;

for (const command of REFUSED) {
  test(`${command} with target: swarm is bad input (exit 2) naming the key, before anything runs`, () => {
    const cwd = dirWith('project: shop\ntarget: swarm\n');
    assert.throws(() => resolveSettings({ explicit: { command, ...HOST }, env: {}, cwd }), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(exitCodeOf(err), EXIT_BAD_INPUT);
      assert.equal(EXIT_BAD_INPUT, 2);
      assert.match(err.message, new RegExp(`^${command}: target: swarm \\(in compose-deploy\\.yml\\): ${command} is not available for a swarm in this version`));
      assert.match(err.message, /target: compose/);
      return true;
    });
  });
}

test('deploy and rollback with target: swarm pass the guard: they have the swarm procedure', () => {
  const cwd = dirWith('project: shop\ntarget: swarm\n');
  for (const command of ['deploy', 'rollback'] as const) assert.equal(deployTarget(resolveSettings({ explicit: { command, ...HOST }, env: {}, cwd }).config), 'swarm');
});

test('the config file is named as given: one in a folder', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cd-target-'));
  mkdirSync(join(cwd, 'ops'));
  writeFileSync(join(cwd, 'ops', 'deploy.yml'), 'target: swarm\n');
  assert.throws(() => resolveSettings({ explicit: { command: 'backup', config: 'ops/deploy.yml', ...HOST }, env: {}, cwd }), /target: swarm \(in ops\/deploy\.yml\)/);
});

test('every other command runs with target: swarm (validate checks the stack for Swarm)', () => {
  const cwd = dirWith('target: swarm\n');
  for (const command of COMMANDS.filter((c) => !(REFUSED as readonly string[]).includes(c))) {
    const s = resolveSettings({ explicit: { command }, env: {}, cwd });
    assert.equal(deployTarget(s.config), 'swarm', command);
  }
});

test('target: compose, or no target, changes nothing for deploy, rollback and restore', () => {
  for (const config of ['target: compose\n', 'project: shop\n']) {
    const cwd = dirWith(config);
    for (const command of ['deploy', 'rollback', 'restore', 'backup'] as const) {
      const s = resolveSettings({ explicit: { command, ...HOST }, env: {}, cwd });
      assert.equal(deployTarget(s.config), 'compose');
    }
  }
});

test('a target other than compose or swarm is bad input at its line', () => {
  const cwd = dirWith('project: shop\ntarget: nomad\n');
  assert.throws(() => resolveSettings({ explicit: { command: 'validate' }, env: {}, cwd }), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.match(err.message, /target/);
    assert.equal(err.location?.line, 2);
    return true;
  });
});

test('the guard alone: only restore and backup, only for swarm', () => {
  for (const command of COMMANDS) {
    const refused = (REFUSED as readonly string[]).includes(command);
    assert.doesNotThrow(() => refuseUnavailableTarget(command, { target: 'compose' }, 'compose-deploy.yml'));
    assert.doesNotThrow(() => refuseUnavailableTarget(command, {}, undefined));
    if (refused) assert.throws(() => refuseUnavailableTarget(command, { target: 'swarm' }, undefined), new RegExp(`${command}: target: swarm: ${command} is not available for a swarm`));
    else assert.doesNotThrow(() => refuseUnavailableTarget(command, { target: 'swarm' }, undefined));
  }
});

for (const command of REFUSED) {
  test(`${command}: the engine refuses swarm settings too, and never asks for a host`, async () => {
    // Settings made some other way than resolveSettings (an embedding, a test) meet the same guard in runCommand.
    const settings = resolveSettings({ explicit: { command, ...HOST }, env: {}, cwd: dirWith('project: shop\n') });
    settings.config.target = 'swarm';
    let connected = 0;
    const reporter = new MemoryReporter();
    await assert.rejects(runCommand(settings, reporter, { connectHost: async () => { connected++; throw new Error('connected'); } }), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, /target: swarm.*is not available for a swarm in this version/);
      return true;
    });
    assert.equal(connected, 0);
    assert.deepEqual(reporter.lines, []);
  });
}
