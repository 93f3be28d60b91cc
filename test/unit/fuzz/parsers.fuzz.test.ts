import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseKnownHosts } from '../../../src/ssh/known-hosts.js';
import { loadProjectConfig } from '../../../src/config/project-config.js';
import { InputError } from '../../../src/errors.js';
import { stringify } from 'yaml';
import { validateDir } from '../validate/helpers.js';

test('the known_hosts parser never throws: every line is an entry or a problem that names its line', () => {
  const token = fc.oneof(fc.constantFrom('ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', '@revoked', '@cert-authority', '|1|', '[127.0.0.1]:2222', '*', '#', 'AAAAC3NzaC1lZDI1NTE5AAAAI'), fc.string({ maxLength: 30 }));
  const line = fc.array(token, { maxLength: 5 }).map((t) => t.join(' '));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
      const { entries, problems } = parseKnownHosts(lines.join('\n'));
      assert.ok(Array.isArray(entries));
      for (const p of problems) assert.match(p, /line \d+/, p);
    }),
    { numRuns: 400 },
  );
});

/** YAML-shaped values near the config schema: right keys with wrong types, typos, deep nesting. */
const configKey = fc.constantFrom('project', 'registry', 'image-prefix', 'compose', 'host', 'deploy', 'validate', 'build', 'restore-test', 'prod', 'dev', 'files', 'order', 'migrate', 'services', 'health-timeout', 'max-age', 'postgres', 'projct', '-x', 'a b');
const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant('${X}'));
const configValue = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(configKey, tie('v'), { maxKeys: 4 })),
})).v;

test('the config loader: any document loads or fails with an InputError that names the file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-fuzz-config-'));
  try {
    fc.assert(
      fc.property(fc.oneof(configValue.map((v) => stringify(v)), fc.string({ maxLength: 80 })), (text) => {
        writeFileSync(join(dir, 'compose-deploy.yml'), text);
        try {
          loadProjectConfig(undefined, dir);
        } catch (err) {
          assert.ok(err instanceof InputError, `not an InputError: ${(err as Error).stack}`);
          assert.match(err.message, /^compose-deploy\.yml(:\d+(:\d+)?)?: /, err.message);
        }
      }),
      { numRuns: 400 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Compose-file-shaped documents: real keys, odd values, anchors-free but nested. */
const composeKey = fc.constantFrom('image', 'build', 'ports', 'environment', 'env_file', 'volumes', 'restart', 'healthcheck', 'command', 'depends_on', 'deploy', 'extends', 'labels', 'container_name', 'x-custom', 'imagee');
const serviceValue = fc.dictionary(composeKey, fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), leaf, { maxKeys: 3 })), { maxKeys: 5 });
const composeDoc = fc.record({ services: fc.dictionary(fc.constantFrom('api', 'web', 'worker', 'db', '-x', 'a b', 'ü'), serviceValue, { maxKeys: 3 }) }, { requiredKeys: [] });

test('validate (built-in merge + policy) on any Compose-shaped pair of files: a report, never a crash; every finding names its file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-fuzz-compose-'));
  try {
    await fc.assert(
      fc.asyncProperty(composeDoc, composeDoc, async (base, prod) => {
        writeFileSync(join(dir, 'compose.yaml'), stringify(base));
        writeFileSync(join(dir, 'compose.prod.yaml'), stringify(prod));
        writeFileSync(join(dir, 'compose-deploy.yml'), 'compose:\n  prod:\n    files: [compose.yaml, compose.prod.yaml]\n');
        let res;
        try {
          res = await validateDir(dir);
        } catch (err) {
          assert.ok(err instanceof InputError, `not an InputError: ${(err as Error).stack}`);
          return;
        }
        for (const f of res.findings) {
          assert.ok(f.file && typeof f.message === 'string' && f.message.length > 0, JSON.stringify(f));
        }
      }),
      { numRuns: 150 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
