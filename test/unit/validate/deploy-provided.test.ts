import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployProvidedEnvFiles } from '../../../src/validate/deploy-provided.js';
import type { ComposeSet } from '../../../src/compose/sets.js';

const set = (name: 'dev' | 'prod', files: string[]): ComposeSet => ({ name, files, discovered: true, configLoc: () => undefined });

test('the project folder\'s .env is the deploy\'s when the repository has none there', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-deploy-provided-'));
  mkdirSync(join(root, 'apps/shop'), { recursive: true });
  const sets = [set('dev', ['compose.yaml', 'compose.override.yaml']), set('prod', ['apps/shop/compose.yaml', 'compose.prod.yaml'])];
  assert.deepEqual(deployProvidedEnvFiles(sets, root), ['.env', 'apps/shop/.env']);
  // One folder, one file, whichever sets share it.
  assert.deepEqual(deployProvidedEnvFiles([set('dev', ['compose.yaml']), set('prod', ['compose.yaml', 'compose.prod.yaml'])], root), ['.env']);
});

test('anything named .env in the repository is the repository\'s: a file, or a link even to outside it', () => {
  const root = mkdtempSync(join(tmpdir(), 'cd-deploy-provided-'));
  writeFileSync(join(root, '.env'), 'A=1\n');
  mkdirSync(join(root, 'sub'));
  symlinkSync('/etc/hostname', join(root, 'sub/.env'));
  mkdirSync(join(root, 'broken'));
  symlinkSync(join(root, 'missing'), join(root, 'broken/.env'));
  assert.deepEqual(deployProvidedEnvFiles([set('prod', ['compose.yaml']), set('dev', ['sub/compose.yaml']), set('dev', ['broken/compose.yaml'])], root), []);
});
