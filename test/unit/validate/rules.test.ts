import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../../src/validate/rules/catalog.js';
import { FIXTURES, expectedLines, validateDir } from './helpers.js';

// Every rule has a fixture that breaks it (each offending line marked "# expect: <rule>") and one that does not.
describe('production rules', () => {
  for (const rule of RULES) {
    describe(rule.id, () => {
      const dir = join(FIXTURES, 'rules', rule.id);
      it('flags every marked line of the breaking fixture, at the rule severity', async () => {
        const { findings } = await validateDir(join(dir, 'bad'));
        const mine = findings.filter((f) => f.rule === rule.id);
        const want = expectedLines(join(dir, 'bad', 'docker-compose.prod.yml'), rule.id);
        assert.ok(want.length > 0, 'fixture marks at least one line');
        assert.deepEqual(mine.map((f) => f.line).sort((a, b) => a! - b!), want);
        for (const f of mine) {
          assert.equal(f.file, 'docker-compose.prod.yml');
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
