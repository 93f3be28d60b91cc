import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { RULES } from '../../../src/config/rule-catalog.js';
import { expectedWhere } from '../../unit/validate/helpers.js';
import { harnessComposeCommand, harnessEnv } from '../harness/env.js';
import { hostInputs, runAction, runCli, spawnCollect, sshArgs } from '../lib/run-action.js';
import { annotations, cliFindings } from './printed-findings.js';

// target: swarm (issue 24) through the committed bundles with the real Compose CLI (v2, or v1 under
// COMPOSE_DEPLOY_HARNESS_COMPOSE=v1): a project switched to swarm as it was is flagged at every line Swarm
// would not honour; the same project made ready has no finding and is told what the deploy sets; restore
// and backup refuse the target with exit 2 before reaching the host.
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/swarm-target');
const MOVED = join(FIXTURES, 'moved');
const READY = join(FIXTURES, 'ready');
const renderingWith = new RegExp(`rendering with ${harnessComposeCommand()} ${harnessComposeCommand() === 'docker compose' ? '2' : '1'}\\.`);
const out = mkdtempSync(join(tmpdir(), 'cd-swarm-target-e2e-'));
after(() => rmSync(out, { recursive: true, force: true }));
let n = 0;
const reportPath = () => join(out, `report-${++n}.json`);
const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

const SWARM_RULES = RULES.filter((r) => r.id.startsWith('swarm-'));
/** Every rule a line of the moved fixture is marked with. */
const MARKED = [...new Set([...readFileSync(join(MOVED, 'docker-compose.prod.yml'), 'utf8').matchAll(/# expect: ([\w-]+)/g)].map((m) => m[1]!))].sort();

describe('validate with target: swarm, through the CLI', () => {
  it('a project switched to swarm as it was: every rule at its marked lines, at its severity, exit 1', async () => {
    const report = reportPath();
    const run = await runCli(['validate', '--report-file', report], { cwd: MOVED });
    assert.match(run.stderr, renderingWith);
    assert.equal(run.code, 1, run.stderr);
    const found = cliFindings(run);
    assert.deepEqual(MARKED, [...SWARM_RULES.map((r) => r.id), 'oneshot-marked'].sort(), 'the fixture marks every swarm rule');
    for (const rule of MARKED) {
      const mine = found.filter((f) => f.rule === rule);
      assert.deepEqual(mine.map((f) => f.where).sort(), expectedWhere(MOVED, rule), `${rule}\n${run.stderr}`);
      for (const f of mine) assert.equal(f.severity, RULES.find((r) => r.id === rule)!.severity, rule);
    }
    assert.deepEqual(found.filter((f) => !MARKED.includes(f.rule)), [], 'no other finding: restart-policy and rolling-conflict are the compose target\'s');
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    const json = readReport(report);
    const prod = json.sets.find((s: { name: string }) => s.name === 'prod');
    assert.deepEqual(prod.swarm, [{
      service: 'api',
      updateConfig: { parallelism: '1', order: 'start-first', failure_action: 'rollback', monitor: '90s' },
      differs: [{ key: 'order', written: 'stop-first', file: 'docker-compose.prod.yml', line: 22 }],
    }]);
    assert.equal(json.errors, found.filter((f) => f.severity === 'error').length);
    assert.equal(json.warnings, found.filter((f) => f.severity === 'warning').length);
  });

  it('the messages say what Swarm does and what to write instead', async () => {
    const run = await runCli(['validate', '--report-file', reportPath()], { cwd: MOVED });
    const message = (where: string, rule: string) => cliFindings(run).find((f) => f.where === `docker-compose.prod.yml:${where}` && f.rule === rule)?.message ?? '';
    assert.match(message('26', 'swarm-ignored-key'), /ignores restart: "no".*deploy\.restart_policy\.condition: none/);
    assert.match(message('26', 'oneshot-marked'), /deploy\.restart_policy\.condition: none \(Swarm ignores restart:\)/);
    assert.match(message('11', 'swarm-ignored-key'), /depends_on api with condition service_healthy: docker stack deploy accepts depends_on only as a list/);
    assert.match(message('6', 'swarm-ingress-port'), /ingress mode.*publish it on the proxy in the long syntax with mode: host/);
    assert.match(message('8', 'swarm-host-mount'), /\.\/Caddyfile.*nothing keeps it on one node.*deploy\.placement\.constraints/);
    assert.match(message('27', 'swarm-db-placement'), /database with no placement constraint/);
    assert.match(message('22', 'swarm-update-config'), /order: stop-first, but the deploy rolls it with order start-first/);
    assert.match(run.stderr, /\(why: docker stack deploy ignores container_name, network_mode and restart/);
  });

  it('the same project made ready for Swarm: no finding, exit 0, and the log says what the deploy sets', async () => {
    const run = await runCli(['validate', '--report-file', reportPath()], { cwd: READY });
    assert.match(run.stderr, renderingWith);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(cliFindings(run), []);
    assert.match(run.stderr, /prod set, target swarm: the deploy sets update_config parallelism 1, order start-first, failure_action rollback, monitor 90s on api\n/);
  });
});

describe('validate with target: swarm, through the action', () => {
  it('annotations at the marked lines; the summary shows what the deploy sets and where the file differs', async () => {
    const run = await runAction({ command: 'validate', 'report-file': reportPath() }, { workspace: MOVED });
    assert.equal(run.code, 1, run.stdout);
    const found = annotations(run);
    for (const rule of MARKED) assert.deepEqual(found.filter((a) => a.rule === rule).map((a) => a.where).sort(), expectedWhere(MOVED, rule), rule);
    assert.equal(run.outputs['errors'], String(found.filter((a) => a.severity === 'error').length));
    assert.equal(run.outputs['warnings'], String(found.filter((a) => a.severity === 'warning').length));
    assert.match(run.summary, /##### What the deploy sets on the swarm \(target: swarm\)/);
    assert.match(run.summary, /`monitor: 90s` \(deploy\.health-timeout\)/);
    assert.match(run.summary, /\| `api` \| parallelism: 1, order: start-first, failure_action: rollback, monitor: 90s \| `order: stop-first` at `docker-compose\.prod\.yml:22:\d+` \(replaced; see `swarm-update-config`\) \|/);
  });

  it('the ready project passes with the same table and nothing replaced', async () => {
    const run = await runAction({ command: 'validate', 'report-file': reportPath() }, { workspace: READY });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(run.annotations, []);
    assert.deepEqual([run.outputs['errors'], run.outputs['warnings']], ['0', '0']);
    assert.match(run.summary, /\| `api` \| parallelism: 1, order: start-first, failure_action: rollback, monitor: 90s \| the same, or nothing \|/);
  });
});

describe('restore and backup refuse target: swarm before reaching the host (deploy and rollback have the swarm procedure: test/e2e/swarm/deploy.test.ts)', () => {
  const h = harnessEnv();
  /** A deploy path nobody uses: a command that got as far as the host would create it. */
  const untouched = () => `${h.deployRoot}/swarm-guard-${randomBytes(4).toString('hex')}`;
  const absentOnHost = async (path: string) => {
    const probe = await spawnCollect('ssh', sshArgs(`if test -e '${path}'; then echo present; else echo absent; fi`));
    assert.equal(probe.stdout.trim(), 'absent', probe.stderr);
  };
  const SAYS = /target: swarm \(in compose-deploy\.yml\): (restore|backup) is not available for a swarm in this version/;

  it('backup through the action: exit 2, the key named, nothing on the host', async () => {
    const path = untouched();
    const run = await runAction({ command: 'backup', 'deploy-path': path, ...hostInputs() }, { workspace: READY });
    assert.equal(run.code, 2, run.stdout);
    assert.match(run.stdout, SAYS);
    assert.match(run.stdout, /^::error::backup: target: swarm/m);
    await absentOnHost(path);
  });

  for (const command of ['restore', 'backup'] as const) {
    it(`${command} through the CLI: exit 2, the key named, nothing on the host`, async () => {
      const path = untouched();
      const host = hostInputs({ 'deploy-path': path });
      const env = Object.fromEntries(Object.entries(host).map(([k, v]) => [`COMPOSE_DEPLOY_${k.toUpperCase().replace(/-/g, '_')}`, v]));
      const run = await runCli([command, ...(command === 'restore' ? ['--sha', 'b'.repeat(40), '--confirm', 'shop'] : [])], { cwd: READY, env });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, SAYS);
      assert.match(run.stderr, new RegExp(`${command}: target: swarm`));
      assert.doesNotMatch(run.stderr, /\n\s+at /);
      await absentOnHost(path);
    });
  }
});
