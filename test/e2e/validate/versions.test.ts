import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { harnessRunnerDockerConfig } from '../harness/env.js';
import { runCli } from '../lib/run-action.js';

// validate renders with whichever Compose the runner has. What it reports must not depend on which:
// every fixture, rendered by v2 (`docker compose`) and by v1 (`docker-compose`), gives the same
// findings at the same file:line:col, the same counts and the same drift. Only the wording Compose
// itself gives a file it rejects (schema errors) is each version's own.
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/validate');
const out = mkdtempSync(join(tmpdir(), 'cd-validate-versions-e2e-'));
after(() => rmSync(out, { recursive: true, force: true }));

/** Every fixture directory that holds a project (a Compose file or a config), depth first. */
function fixtureDirs(dir: string): string[] {
  const subdirs = readdirSync(dir).map((e) => join(dir, e)).filter((p) => statSync(p).isDirectory());
  const isProject = readdirSync(dir).some((e) => /\.ya?ml$/.test(e)) || existsSync(join(dir, 'compose-deploy.yml'));
  return [...(isProject ? [dir] : []), ...subdirs.flatMap(fixtureDirs)];
}

interface Finding { rule: string; severity: string; file?: string; line?: number; col?: number; column?: number; message: string }

/** The parts of validate's JSON report these tests compare. */
interface ReportJson {
  errors: number;
  warnings: number;
  drift: unknown;
  renderer: { kind: string; command?: string };
  sets?: Array<{ name: string; files: string[]; services: unknown; findings?: Finding[] }>;
}

/** The report without what names the renderer, and without the words of a schema error (each Compose version's own). */
function comparable(report: ReportJson): unknown {
  return {
    errors: report.errors,
    warnings: report.warnings,
    drift: report.drift,
    sets: (report.sets ?? []).map((s) => ({
      name: s.name,
      files: s.files,
      services: s.services,
      // A schema error's words and column are each version's own (v2 names the key's path, v1 the option): the line is the same.
      findings: (s.findings ?? []).map((f: Finding) => (f.rule === 'schema' ? { ...f, message: undefined, col: undefined, column: undefined } : f)),
    })),
  };
}

let n = 0;
async function validateWith(compose: 'v1' | 'v2', dir: string) {
  const report = join(out, `${compose}-${++n}.json`);
  const run = await runCli(['validate', '--report-file', report], { cwd: dir, env: { DOCKER_CONFIG: harnessRunnerDockerConfig(compose) } });
  return { run, report: existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as ReportJson) : undefined };
}

describe('validate reports the same under Compose v2 and v1', () => {
  const dirs = fixtureDirs(FIXTURES);
  it('finds the fixtures', () => assert.ok(dirs.length >= 30, `only ${dirs.length} fixture dirs under ${FIXTURES}`));
  // Keys the Compose specification gained after v1 (top-level name:, post_start, start_interval):
  // v2 renders them, v1 cannot, and says so as schema errors. The one difference by design.
  it('config/newer-keys: v2 renders the newer keys, v1 rejects them as schema errors', async () => {
    const dir = join(FIXTURES, 'config', 'newer-keys');
    const [v2, v1] = [await validateWith('v2', dir), await validateWith('v1', dir)];
    assert.equal(v2.run.code, 0, v2.run.stderr);
    assert.equal(v1.run.code, 1, v1.run.stderr);
    const v1Findings: Finding[] = (v1.report?.sets ?? []).flatMap((s) => s.findings ?? []);
    assert.ok(v1Findings.length > 0 && v1Findings.every((f) => f.rule === 'schema'), v1.run.stderr);
    // Each at the line of the key v1 does not know, none about file versions in general.
    assert.ok(v1Findings.every((f) => f.file === 'compose.yaml' && typeof f.line === 'number'), v1.run.stderr);
  });
  // Fixtures that mark lines `# expect-v1:` / `# expect-v2:` differ by design (v1 refuses include and extending a
  // service with depends_on); test/e2e/validate/rendered.test.ts checks each version's own.
  const byVersion = dirs.filter((d) => readdirSync(d).some((f) => statSync(join(d, f)).isFile() && /# expect-v[12]:/.test(readFileSync(join(d, f), 'utf8'))));
  it('the fixtures that differ by design are the rendered ones marked per version', () =>
    assert.deepEqual(byVersion.map((d) => relative(FIXTURES, d)).sort(), ['rendered/extends-depends-on/parts', 'rendered/include', 'rendered/include/infra']));
  const differs = (d: string) => byVersion.some((b) => d === b || b.startsWith(`${d}/`));
  for (const dir of dirs.filter((d) => relative(FIXTURES, d) !== join('config', 'newer-keys') && !differs(d))) {
    it(relative(FIXTURES, dir), async () => {
      const v2 = await validateWith('v2', dir);
      const v1 = await validateWith('v1', dir);
      assert.equal(v2.run.code, v1.run.code, `exit codes differ\nv2: ${v2.run.stderr}\nv1: ${v1.run.stderr}`);
      assert.equal(v2.report === undefined, v1.report === undefined, 'a report under one version only');
      if (v2.report === undefined || v1.report === undefined) return;
      if (v2.report.renderer.kind === 'compose-cli') {
        assert.equal(v2.report.renderer.command, 'docker compose', v2.run.stderr);
        assert.equal(v1.report.renderer.command, 'docker-compose', v1.run.stderr);
      }
      assert.deepEqual(comparable(v2.report), comparable(v1.report), `v2: ${v2.run.stderr}\nv1: ${v1.run.stderr}`);
    });
  }
});
