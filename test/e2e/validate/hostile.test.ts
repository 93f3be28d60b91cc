import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { plantCanaries, secretInputs, secretVariables, type Canaries } from './hostile/canaries.js';
import { HOSTILE_CASES, workspaceFor } from './hostile/cases.js';
import { listen, runTraced, type TracedRun } from './hostile/traced-run.js';

/*
 * Pull requests written to make validate leak: every case runs through the bundled action and the
 * bundled CLI with canary secrets in the runner's environment and in files outside the repository,
 * under strace, with a loopback listener the hostile files point at. The real Compose CLI renders.
 */

/** Compose is the only program validate may start (v2 is a docker CLI plugin, found by `docker`). */
const ALLOWED_PROGRAMS = new Set(['node', 'docker', 'docker-compose']);

let c: Canaries;
let listener: Awaited<ReturnType<typeof listen>>;
before(async () => {
  c = plantCanaries();
  listener = await listen();
});
after(async () => {
  await listener.close();
  rmSync(c.outside, { recursive: true, force: true });
});

function assertContained(run: TracedRun, label: string): void {
  for (const [channel, text] of Object.entries(run.channels)) {
    const at = text.indexOf(c.token);
    assert.equal(at, -1, `${label}: a canary reached ${channel}: …${text.slice(Math.max(0, at - 120), at + 40)}…`);
  }
  assert.deepEqual(run.programs.filter((p) => !ALLOWED_PROGRAMS.has(p)), [], `${label}: programs other than Compose were started`);
  assert.deepEqual(run.networkConnects, [], `${label}: network connections were opened`);
  assert.deepEqual(run.unixSockets.filter((s) => !/docker/.test(s)), [], `${label}: connected to a local socket other than Docker's`);
  assert.equal(listener.connections(), 0, `${label}: something connected to the address the pull request chose`);
}

function assertOutcome(run: TracedRun, exit: number, rules: readonly string[] | undefined, label: string): void {
  // The bundle really ran under the tracer (an exit code from strace itself would prove nothing).
  assert.equal(run.programs[0], 'node', `${label}: the run did not start\n${run.channels['stderr']}`);
  assert.equal(run.code, exit, `${label}: exit code\n${run.channels['stdout']}\n${run.channels['stderr']}`);
  // Findings (0, 1) always come with the report; bad input (2) stops before anything is checked.
  assert.equal(run.report !== undefined, exit !== 2, `${label}: report written: ${run.report !== undefined}\n${run.channels['stderr']}`);
  if (!rules) return;
  const found = new Set([...(run.report?.sets ?? []).flatMap((s) => s.findings), ...(run.report?.workflows?.findings ?? [])].map((f) => f.rule));
  for (const r of rules) assert.ok(found.has(r), `${label}: no ${r} finding\nreport: ${run.channels["report"]}\nstderr: ${run.channels["stderr"]}`);
}

describe('hostile pull requests: validate prints no secret, starts nothing but Compose, opens no connection', () => {
  for (const hostile of HOSTILE_CASES) {
    it(hostile.name, async () => {
      const ws = workspaceFor(hostile, c, listener.port);
      try {
        // The runner's own DOCKER_HOST points at the listener too: validate needs no daemon, so it must not follow it.
        const runnerEnv = { ...c.env, DOCKER_HOST: `tcp://127.0.0.1:${listener.port}` };
        const flags = Object.entries(hostile.inputs ?? {}).flatMap(([k, v]) => [`--${k}`, v]);
        // The three front doors at once: each has its own runner dir and report, and only reads the workspace.
        const [action, cliJson, cli] = await Promise.all([
          runTraced('action', { workspace: ws, inputs: { ...secretInputs(c), ...hostile.inputs }, env: runnerEnv }),
          runTraced('cli', { workspace: ws, args: [...flags, '--json'], env: { ...runnerEnv, ...secretVariables(c) } }),
          runTraced('cli', { workspace: ws, args: flags, env: { ...runnerEnv, ...secretVariables(c) } }),
        ]);
        assertContained(action, 'action');
        assertOutcome(action, hostile.exit, hostile.rules, 'action');
        assertContained(cliJson, 'cli --json');
        assertOutcome(cliJson, hostile.exit, hostile.rules, 'cli --json');
        assertContained(cli, 'cli');
        assertOutcome(cli, hostile.exit, undefined, 'cli');
      } finally {
        rmSync(ws, { recursive: true, force: true });
      }
    });
  }
});
