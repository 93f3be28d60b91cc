import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryReporter, maskSecrets, secretParts } from '../../../src/report/reporter.js';
import { outcomeTable } from '../../../src/deploy/outcome.js';

test('a dotenv secret is masked value by value, quoted or not; short and boolean values are left alone', () => {
  const env = 'DB_PASSWORD=hunter2-long\nexport API_TOKEN="tok-123456"\nDEBUG=false\nWORKERS=4\nNAME=shop\n';
  const parts = secretParts(env);
  assert.ok(parts.includes('hunter2-long'));
  assert.ok(parts.includes('tok-123456'));
  assert.ok(!parts.includes('false') && !parts.includes('4') && !parts.includes('shop'));
  assert.equal(maskSecrets('migration: connecting with hunter2-long', [env]), 'migration: connecting with ***');
  assert.equal(maskSecrets('DEBUG=false workers 4', [env]), 'DEBUG=false workers 4');
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
