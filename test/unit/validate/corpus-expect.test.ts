import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  addPrecision,
  describeDiff,
  diffFindings,
  expectedExitCode,
  formatPrecision,
  precisionOf,
  locationProblem,
  oracleDisagreement,
  readExpect,
  type ActualFinding,
  type ExpectedFinding,
} from '../../e2e/validate/corpus-expect.js';

// The corpus e2e test is only as strict as these checks: each must be able to fail.
const dir = mkdtempSync(join(tmpdir(), 'cd-corpus-expect-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const exp = (over: Partial<ExpectedFinding> = {}): ExpectedFinding => ({ set: 'prod', rule: 'restart-policy', file: 'compose.yaml', line: 3, service: 'db', why: 'w', ...over });
const act = (over: Partial<ActualFinding> = {}): ActualFinding => ({ set: 'prod', rule: 'restart-policy', file: 'compose.yaml', line: 3, severity: 'error', message: 'm', ...over });

describe('diffFindings: the exact multiset of (set, rule, file, line)', () => {
  it('is empty when the reported findings are the expected ones, in any order', () => {
    const d = diffFindings([exp(), exp({ rule: 'image-pinned', line: 4 })], [act({ rule: 'image-pinned', line: 4 }), act()]);
    assert.deepEqual(d, { missing: [], extra: [] });
    assert.equal(describeDiff(d), '');
  });

  it('names a missing finding and an extra one', () => {
    const d = diffFindings([exp()], [act({ line: 4 })]);
    assert.deepEqual(d.missing, [exp()]);
    assert.deepEqual(d.extra, [act({ line: 4 })]);
    assert.match(describeDiff(d), /^missing: prod restart-policy compose\.yaml:3 \(w\)\nextra: {3}prod restart-policy compose\.yaml:4 m$/);
  });

  it('counts two findings on one shared line as two (an anchor used by two services)', () => {
    assert.equal(diffFindings([exp(), exp()], [act()]).missing.length, 1);
    assert.equal(diffFindings([exp()], [act(), act()]).extra.length, 1);
  });

  it('tells the sets apart, and a finding without a line from one with a line', () => {
    assert.equal(diffFindings([exp()], [act({ set: 'dev' })]).extra.length, 1);
    assert.equal(diffFindings([exp()], [act({ line: null })]).missing.length, 1);
  });
});

describe('expectedExitCode', () => {
  it('is 1 with an error-severity finding or a Compose error, 0 with warnings only or none', () => {
    assert.equal(expectedExitCode([]), 0);
    assert.equal(expectedExitCode([exp({ rule: 'healthcheck' }), exp({ rule: 'rolling-conflict' })]), 0);
    assert.equal(expectedExitCode([exp({ rule: 'healthcheck' }), exp({ rule: 'restart-policy' })]), 1);
    assert.equal(expectedExitCode([exp({ rule: 'schema' })]), 1);
  });
});

describe('locationProblem: a real line of a file of the layout', () => {
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'compose.yaml'), 'services:\n\n  db:\n    image: postgres:16\n');
  writeFileSync(join(dir, 'outside.yaml'), 'services: {}\n');
  it('accepts a non-blank line of a file inside the layout', () => {
    assert.equal(locationProblem(dir, { file: 'sub/compose.yaml', line: 4 }), undefined);
  });
  it('refuses no line, line 0, a line past the end, a blank line, a missing file, an absolute or outside path', () => {
    assert.match(locationProblem(dir, { file: 'sub/compose.yaml', line: null })!, /no line/);
    assert.match(locationProblem(dir, { file: 'sub/compose.yaml', line: 0 })!, /not a line/);
    assert.match(locationProblem(dir, { file: 'sub/compose.yaml', line: 5 })!, /not a line .*4 lines/);
    assert.match(locationProblem(dir, { file: 'sub/compose.yaml', line: 2 })!, /blank/);
    assert.match(locationProblem(dir, { file: 'compose.yaml', line: 1 })!, /does not exist/);
    assert.match(locationProblem(dir, { file: join(dir, 'sub/compose.yaml'), line: 1 })!, /not a path relative/);
    assert.match(locationProblem(join(dir, 'sub'), { file: '../outside.yaml', line: 1 })!, /outside the layout/);
  });
});

describe('oracleDisagreement: an expectation the rendered model contradicts is caught', () => {
  const ctx = (services: Record<string, Record<string, unknown>>) => ({ layoutDir: dir, imagePrefix: 'ghcr.io/acme/app', services });
  it('restart-policy: wrong when Compose renders a restart policy (from extends, say)', () => {
    assert.equal(oracleDisagreement(exp(), ctx({ db: { image: 'postgres:16' } })), undefined);
    assert.match(oracleDisagreement(exp(), ctx({ db: { restart: 'unless-stopped' } }))!, /restart: unless-stopped/);
    assert.match(oracleDisagreement(exp(), ctx({}))!, /no service "db"/);
  });
  it('image-pinned / image-immutable: judged on the rendered image and whose it is', () => {
    const pinned = exp({ rule: 'image-pinned' });
    assert.equal(oracleDisagreement(pinned, ctx({ db: { image: 'postgres:alpine' } })), undefined);
    assert.ok(oracleDisagreement(pinned, ctx({ db: { image: 'postgres:16-alpine' } })));
    assert.ok(oracleDisagreement(pinned, ctx({ db: { image: 'ghcr.io/acme/app/db:main' } })));
    const immutable = exp({ rule: 'image-immutable' });
    assert.equal(oracleDisagreement(immutable, ctx({ db: { image: 'ghcr.io/acme/app/db:main' } })), undefined);
    assert.match(oracleDisagreement(immutable, ctx({ db: { image: 'postgres:16-alpine' } }))!, /not ours/);
  });
  it('ports-proxy-only: long syntax (v2) and short strings, loopback excluded', () => {
    const ports = exp({ rule: 'ports-proxy-only' });
    assert.equal(oracleDisagreement(ports, ctx({ db: { ports: [{ target: 5432, published: '5432' }] } })), undefined);
    assert.equal(oracleDisagreement(ports, ctx({ db: { ports: ['5432:5432'] } })), undefined);
    assert.ok(oracleDisagreement(ports, ctx({ db: { ports: [{ target: 5432, published: '5432', host_ip: '127.0.0.1' }] } })));
    assert.ok(oracleDisagreement(ports, ctx({ db: { ports: [{ target: 5432 }] } })));
  });
  it('no-source-mount: a folder of the layout, in long syntax (v2) or src:dst (v1)', () => {
    const mount = exp({ rule: 'no-source-mount' });
    assert.equal(oracleDisagreement(mount, ctx({ db: { volumes: [{ type: 'bind', source: join(dir, 'sub'), target: '/app' }] } })), undefined);
    assert.equal(oracleDisagreement(mount, ctx({ db: { volumes: [`${join(dir, 'sub')}:/app:rw`] } })), undefined);
    assert.ok(oracleDisagreement(mount, ctx({ db: { volumes: [{ type: 'bind', source: join(dir, 'sub', 'compose.yaml'), target: '/c' }] } })));
    assert.ok(oracleDisagreement(mount, ctx({ db: { volumes: [{ type: 'volume', source: 'data', target: '/data' }] } })));
  });
  it('no-secret-literals: the key must render with a value', () => {
    const secret = exp({ rule: 'no-secret-literals', key: 'POSTGRES_PASSWORD' });
    assert.equal(oracleDisagreement(secret, ctx({ db: { environment: { POSTGRES_PASSWORD: 'hunter2' } } })), undefined);
    assert.ok(oracleDisagreement(secret, ctx({ db: { environment: { POSTGRES_PASSWORD: '' } } })));
  });
});

describe('readExpect: a malformed expect.json fails loudly', () => {
  const write = (body: unknown) => {
    const f = join(dir, `expect-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(f, JSON.stringify(body));
    return f;
  };
  const base = { about: 'a', compose: { v2: 'renders', v1: 'renders' }, sets: ['prod'], findings: [] };
  it('reads a valid one', () => assert.deepEqual(readExpect(write(base)).notFindings, []));
  it('refuses an unknown rule, a finding without its service, a set the config does not check, a bare v1 rejection', () => {
    assert.throws(() => readExpect(write({ ...base, findings: [exp({ rule: 'no-such-rule' })] })), /unknown rule/);
    assert.throws(() => readExpect(write({ ...base, findings: [exp({ service: undefined })] })), /needs the "service"/);
    assert.throws(() => readExpect(write({ ...base, findings: [exp({ set: 'dev' })] })), /set "dev"/);
    assert.throws(() => readExpect(write({ ...base, compose: { v2: 'renders', v1: { rejects: 'x', errors: [] } } })), /compose\.v1/);
  });
});

describe('precision in numbers', () => {
  it('counts right, wrong and missed findings, and adds layouts up', () => {
    const p = precisionOf([exp(), exp({ line: 9 })], [act(), act({ rule: 'image-pinned' })]);
    assert.deepEqual(p, { right: 1, wrong: 1, missed: 1 });
    assert.equal(formatPrecision(p), 'right 1, wrong 1, missed 1 (precision 50.0%)');
    assert.deepEqual(addPrecision(p, { right: 3, wrong: 0, missed: 0 }), { right: 4, wrong: 1, missed: 1 });
    assert.equal(formatPrecision({ right: 0, wrong: 0, missed: 2 }), 'right 0, wrong 0, missed 2 (precision -)');
  });

  it('shapeOf must name owner/repo and a path', () => {
    const file = join(dir, 'shape.json');
    const base = { about: 'a', compose: { v2: 'renders', v1: 'renders' }, sets: ['prod'], findings: [] };
    writeFileSync(file, JSON.stringify({ ...base, shapeOf: [{ repo: 'dunglas/symfony-docker', path: 'compose.yaml' }] }));
    assert.equal(readExpect(file).shapeOf?.[0]?.repo, 'dunglas/symfony-docker');
    writeFileSync(file, JSON.stringify({ ...base, shapeOf: [{ repo: 'symfony-docker', path: 'compose.yaml' }] }));
    assert.throws(() => readExpect(file), /shapeOf\[0\]: needs repo/);
  });

  it('the oracle checks db-trust-auth and a secret in a command against the rendered model', () => {
    const ctx = (svc: Record<string, unknown>) => ({ layoutDir: dir, imagePrefix: 'ghcr.io/acme/x', services: { db: svc } });
    const trust = exp({ rule: 'db-trust-auth', service: 'db' });
    assert.equal(oracleDisagreement(trust, ctx({ environment: { POSTGRES_HOST_AUTH_METHOD: 'trust' }, ports: [{ published: '5432', target: 5432 }] })), undefined);
    assert.match(oracleDisagreement(trust, ctx({ environment: { POSTGRES_HOST_AUTH_METHOD: 'trust' }, ports: [{ published: '5432', host_ip: '127.0.0.1', target: 5432 }] }))!, /without trust on a published port/);
    const cmd = exp({ rule: 'no-secret-literals', service: 'db', key: 'command' });
    assert.equal(oracleDisagreement(cmd, ctx({ command: ['redis-server', '--requirepass', 'x'] })), undefined);
    assert.match(oracleDisagreement(cmd, ctx({}))!, /without command/);
  });
});
