import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../../src/config/rule-catalog.js';
import { FIXTURES, expectedWhere, validateDir } from './helpers.js';

// Every rule has a fixture that breaks it (each offending line marked "# expect: <rule>") and one that does not.
describe('production rules', () => {
  for (const rule of RULES) {
    describe(rule.id, () => {
      const dir = join(FIXTURES, 'rules', rule.id);
      it('flags every marked line of the breaking fixture, at the rule severity', async () => {
        const { findings } = await validateDir(join(dir, 'bad'));
        const mine = findings.filter((f) => f.rule === rule.id);
        const want = expectedWhere(join(dir, 'bad'), rule.id);
        assert.ok(want.length > 0, 'fixture marks at least one line');
        assert.deepEqual(mine.map((f) => `${f.file}:${f.line}`).sort(), want);
        for (const f of mine) {
          assert.equal(f.severity, rule.severity);
          assert.ok(f.column! >= 1);
        }
      });
      it('passes the fixture that follows it', async () => {
        const { findings } = await validateDir(join(dir, 'good'));
        assert.deepEqual(findings.filter((f) => f.rule === rule.id), []);
      });
    });
  }

  it('rolling-conflict says what the deploy does: recreates its own services, leaves the third-party proxy alone', async () => {
    const { findings } = await validateDir(join(FIXTURES, 'rules', 'rolling-conflict', 'bad'));
    const messages = findings.filter((f) => f.rule === 'rolling-conflict').map((f) => f.message);
    assert.deepEqual(messages.map((m) => /^service "(\w+)"/.exec(m)?.[1]), ['api', 'gateway']);
    for (const m of messages) assert.match(m, /every deploy recreates it instead of rolling it \(stop, then start: a short outage\)/);
    assert.match(messages[1]!, /publishes the fixed host port 8080 \(written \$\{HTTP_PORT:-8080\}:80\)/);
    assert.deepEqual(findings.filter((f) => f.rule === 'healthcheck').map((f) => /^service "(\w+)"/.exec(f.message)?.[1]), ['api', 'gateway'], 'caddy is started, not gated on health');
  });

  it('proxy-retries says what is missing at each reverse_proxy to a rolled service, and suggests the block', async () => {
    const { findings } = await validateDir(join(FIXTURES, 'rules', 'proxy-retries', 'bad'));
    const messages = findings.filter((f) => f.rule === 'proxy-retries').map((f) => f.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /^reverse_proxy to api \(rolled one copy at a time by the deploy\): no retries \(lb_try_duration is not set\); dial timeout 3s \(Caddy's default\) above 250ms\. Suggested: reverse_proxy api:<port> \{ lb_try_duration 3s; lb_try_interval 100ms; transport http \{ dial_timeout 250ms \} \}/);
    assert.match(messages[1]!, /^reverse_proxy to web \(rolled one copy at a time by the deploy\): dial timeout 1s above 250ms\./);
  });

  it('validate.rules switches a rule off or changes its severity', async () => {
    const dir = join(FIXTURES, 'config', 'rule-switches');
    const { findings, result } = await validateDir(dir);
    assert.deepEqual(findings.filter((f) => f.rule === 'restart-policy'), []);
    const pinned = findings.filter((f) => f.rule === 'image-pinned');
    assert.equal(pinned.length, 1);
    assert.equal(pinned[0]!.severity, 'warning');
    assert.equal(result.ok, true);
    assert.equal(result.outputs['warnings'], String(findings.filter((f) => f.severity === 'warning').length));
  });

  it('fail-on: warning fails on warnings alone', async () => {
    const dir = join(FIXTURES, 'config', 'rule-switches');
    const { result } = await validateDir(dir, { 'fail-on': 'warning' });
    assert.equal(result.ok, false);
    assert.match(result.message!, /fail-on: warning/);
  });
});
