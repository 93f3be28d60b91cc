import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../lib/run-action.js';

/*
 * A config file in a folder of the repository, named from the repository root: its paths are relative
 * to its own folder, as Compose reads -f paths (the README's example, run as a newcomer would).
 */
const root = mkdtempSync(join(tmpdir(), 'cd-validate-config-folder-'));
after(() => rmSync(root, { recursive: true, force: true }));
const REPO = join(import.meta.dirname, '../../..');
cpSync(join(REPO, 'examples/shop'), join(root, 'apps/shop'), { recursive: true });

type Report = { sets: { name: string; files: string[]; findings: { rule: string; file: string; line: number | null }[] }[] };

test('validate --config apps/shop/compose-deploy.yml from the repository root renders that folder\'s sets', async () => {
  const report = join(root, 'report-ok.json');
  const run = await runCli(['validate', '--config', 'apps/shop/compose-deploy.yml', '--report-file', report], { cwd: root });
  assert.equal(run.code, 0, run.stderr);
  const r = JSON.parse(readFileSync(report, 'utf8')) as Report;
  assert.deepEqual(r.sets.map((s) => s.files), [
    ['apps/shop/compose.yaml', 'apps/shop/compose.override.yaml'],
    ['apps/shop/compose.yaml', 'apps/shop/compose.prod.yaml'],
  ]);
  assert.deepEqual(r.sets.flatMap((s) => s.findings), []);
});

test('a finding in that folder\'s prod file is reported at its repository path and line', async () => {
  const prod = join(root, 'apps/shop/compose.prod.yaml');
  const lines = readFileSync(prod, 'utf8').split('\n');
  const at = lines.findIndex((l) => /^services:/.test(l));
  lines.splice(at + 1, 0, '  debug:', '    image: ghcr.io/acme/debug:1.2.3', '    restart: unless-stopped', '    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock');
  writeFileSync(prod, lines.join('\n'));
  const report = join(root, 'report-bad.json');
  const run = await runCli(['validate', '--config', 'apps/shop/compose-deploy.yml', '--report-file', report], { cwd: root });
  assert.equal(run.code, 1, run.stderr);
  const findings = (JSON.parse(readFileSync(report, 'utf8')) as Report).sets.find((s) => s.name === 'prod')!.findings;
  const socket = findings.find((f) => f.rule === 'no-docker-socket');
  assert.ok(socket, JSON.stringify(findings));
  assert.equal(socket.file, 'apps/shop/compose.prod.yaml');
  assert.equal(socket.line, at + 6);
});

test('env_file: .env, the file the deploy writes into every release, is not missing from a checkout that has none', async () => {
  const ws = join(root, 'env-ws');
  cpSync(join(REPO, 'examples/shop'), ws, { recursive: true });
  const base = join(ws, 'compose.yaml');
  writeFileSync(base, readFileSync(base, 'utf8').replace('  worker:\n', '  worker:\n    env_file: .env\n'));
  const report = join(ws, 'report.json');
  const run = await runCli(['validate', '--report-file', report], { cwd: ws });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /\.env: not in the repository; the deploy writes it/);
  assert.deepEqual((JSON.parse(readFileSync(report, 'utf8')) as Report).sets.flatMap((s) => s.findings), []);
  // A .env of the repository's own is the repository's: rendered as it is (here, one Compose refuses).
  writeFileSync(join(ws, '.env'), 'NOT A VALID LINE\n');
  const own = await runCli(['validate', '--report-file', report], { cwd: ws });
  assert.doesNotMatch(own.stderr, /the deploy writes it/);
});
