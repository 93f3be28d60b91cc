import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryReporter } from '../../../src/report/reporter.js';
import { SecretMask, maskSecrets, secretParts } from '../../../src/report/secret-mask.js';
import { outcomeTable } from '../../../src/deploy/outcome.js';

test('a dotenv secret is masked value by value, quoted or not, whatever the length; booleans are left alone', () => {
  const env = 'DB_PASSWORD=hunter2-long\nexport API_TOKEN="tok-123456"\nDEBUG=false\nWORKERS=4\nPIN=x7q\nEMPTY=\n';
  const { pieces, words } = secretParts(env);
  assert.ok(pieces.includes('hunter2-long') && pieces.includes('tok-123456'));
  assert.deepEqual(words.sort(), ['4', 'x7q'], 'short values are masked as whole values');
  assert.equal(maskSecrets('migration: connecting with hunter2-long', [env]), 'migration: connecting with ***');
  assert.equal(maskSecrets('DEBUG=false', [env]), 'DEBUG=false');
});

test('dotenv values are what Compose reads: an inline comment is not part of the value, a quoted one may span lines', () => {
  const env = 'API_KEY=abc123def # rotate monthly\nexport CERT="line-one-of-it\nline-two"\nHOST=db-internal\nDSN=postgres://${HOST}/app\n';
  assert.equal(maskSecrets('using abc123def now', [env]), 'using *** now');
  assert.equal(maskSecrets('cert: line-one-of-it\nline-two', [env]), 'cert: ***');
  assert.equal(maskSecrets('connect postgres://db-internal/app', [env]), 'connect ***');
});

const shortCases: [string, string][] = [
  ['the pin is x7q', 'the pin is ***'],
  ['the pin is x7q.', 'the pin is ***.'],
  ['PIN=x7q; next', 'PIN=***; next'],
  ['"x7q"', '"***"'],
  ['x7q', '***'],
  ['ax7q and x7qb and x7q_1 stay', 'ax7q and x7qb and x7q_1 stay'],
  ['4 workers, 14 jobs, 4.0 and v44', '*** workers, 14 jobs, ***.0 and v44'],
];
for (const [text, want] of shortCases) {
  test(`a short env-file value is masked as a whole value: ${JSON.stringify(text)}`, () => {
    assert.equal(maskSecrets(text, ['WORKERS=4\nPIN=x7q\n']), want);
  });
}

test('only the long pieces are handed to the runner: a short value would mask every word containing it', () => {
  const mask = new SecretMask();
  assert.deepEqual(mask.add('PIN=x7q\nTOKEN=abcdef123\n').sort(), ['PIN=x7q\nTOKEN=abcdef123\n', 'abcdef123'].sort());
  assert.equal(mask.apply('x7q abcdef123'), '*** ***');
});

test('a private key is masked whole and line by line', () => {
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAABG5vbmUAAAAEbm9uZQAA\nQyNTUxOQAAACBhc2RmZ2g==\n-----END OPENSSH PRIVATE KEY-----';
  assert.equal(maskSecrets(`x ${key} y`, [key]), 'x *** y');
  assert.equal(maskSecrets('line: AAAABG5vbmUAAAAEbm9uZQAA', [key]), 'line: ***');
  assert.equal(maskSecrets('padded: QyNTUxOQAAACBhc2RmZ2g==', [key]), 'padded: ***', 'base64 padding is not a dotenv assignment');
});

test('redact hides registered secrets in text that leaves through other doors', () => {
  const r = new MemoryReporter();
  r.secret('APP_SECRET=s3cr3t-value');
  assert.equal(r.redact('service api did not become healthy: log| s3cr3t-value'), 'service api did not become healthy: log| ***');
});

test('the deploy summary says a recreate is a short outage, and shows why a strategy was forced', () => {
  const table = outcomeTable([
    { service: 'api', strategy: 'rolling', result: 'updated', secondsToHealthy: 4 },
    { service: 'scheduler', strategy: 'recreate', result: 'updated' },
    { service: 'web', strategy: 'recreate', result: 'updated', note: 'fixed host port 8080:80 means two copies cannot run at once' },
  ]);
  assert.match(table, /\| scheduler \|.*\| recreate \(stop first: short outage\) \|/);
  assert.match(table, /\| web \|.*\| recreate \(stop first: short outage\) ⚠️ \|/);
  assert.match(table, /^- ⚠️ web: fixed host port 8080:80/m);
  assert.match(table, /\| api \|.*\| rolling \| 4s \| updated \|/);
});

test('deploy.public-env: the values of the keys named public are shown, every other value stays masked', () => {
  const env = 'IMAGE_PREFIX=ghcr.io/acme/shop\nPROXY_PORT=8080\nDB_PASSWORD=s3cr3t-value\nAPI_KEY=abc\n';
  const mask = new SecretMask();
  mask.add(env, ['IMAGE_PREFIX', 'PROXY_PORT']);
  assert.equal(mask.apply('image ghcr.io/acme/shop/api:sha-1 on port 8080'), 'image ghcr.io/acme/shop/api:sha-1 on port 8080');
  assert.equal(mask.apply('password s3cr3t-value, key abc'), 'password ***, key ***');
  // Without the list, masked by default.
  const all = new SecretMask();
  all.add(env);
  assert.equal(all.apply('image ghcr.io/acme/shop/api:sha-1 on port 8080'), 'image ***/api:sha-1 on port ***');
});

test('deploy.public-env reaches the mask through settings: only for the env file', async () => {
  const { resolveSettings } = await import('../../../src/config/settings.js');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const d = mkdtempSync(join(tmpdir(), 'cd-public-env-'));
  writeFileSync(join(d, 'compose-deploy.yml'), 'deploy:\n  public-env: [IMAGE_PREFIX]\n');
  const seen: [string, readonly string[] | undefined][] = [];
  const s = resolveSettings({ explicit: { command: 'deploy', 'env-file': 'IMAGE_PREFIX=ghcr.io/acme\nX=secret-x\n', 'registry-password': 'pw-123456' }, env: {}, cwd: d, onSecret: (v, keys) => seen.push([v, keys]) });
  s.option('env-file');
  s.option('registry-password');
  assert.deepEqual(seen.filter(([v]) => v.startsWith('IMAGE_PREFIX')).map(([, k]) => k), [['IMAGE_PREFIX']]);
  const password = seen.filter(([v]) => v === 'pw-123456');
  assert.ok(password.length > 0 && password.every(([, k]) => k === undefined));
});
