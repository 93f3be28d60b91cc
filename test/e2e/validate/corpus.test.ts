import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { mapLimit } from '../../../src/build/pool.js';
import { harnessCompose, harnessComposeCommand, harnessEnv } from '../harness/env.js';
import { runCli, spawnCollect, type Run } from '../lib/run-action.js';
import {
  addPrecision,
  describeDiff,
  diffFindings,
  expectedExitCode,
  findingKey,
  formatPrecision,
  locationProblem,
  precisionOf,
  type Precision,
  oracleDisagreement,
  readExpect,
  type ActualFinding,
  type LayoutExpect,
  type RenderedService,
  type SetName,
} from './corpus-expect.js';

// A dozen layouts written in the shapes real projects use (cookiecutter-django, symfony-docker, the
// FastAPI template, Rails, Prisma, a self-hosted suite, extends and include across folders, .NET,
// Laravel, Go, an npm workspace, a monorepo), each planting a few real problems. validate, run as
// users run it (the bundled CLI under Node 24 with this runner's Compose), must report exactly the
// planted problems at the lines that cause them: no extra finding, no missing one. The expectations
// are checked against the Compose CLI itself: every set renders exactly when no Compose error is
// expected, and what each expected finding claims holds in the model Compose prints.
const CORPUS = resolve(import.meta.dirname, 'corpus');
const compose = harnessCompose();
const composeCmd = harnessComposeCommand();
const out = mkdtempSync(join(tmpdir(), 'cd-validate-corpus-e2e-'));
after(() => rmSync(out, { recursive: true, force: true }));

interface Layout {
  name: string;
  dir: string;
  expect: LayoutExpect;
  imagePrefix: string;
  sets: Partial<Record<SetName, { files: string[]; envFile?: string }>>;
}

function readLayout(name: string): Layout {
  const dir = join(CORPUS, name);
  const config = parse(readFileSync(join(dir, 'compose-deploy.yml'), 'utf8')) as { 'image-prefix'?: string; compose?: Record<string, { files: string[]; 'env-file'?: string }> };
  const sets: Layout['sets'] = {};
  for (const [set, c] of Object.entries(config.compose ?? {})) sets[set as SetName] = { files: c.files, envFile: c['env-file'] };
  if (!config['image-prefix']) throw new Error(`${name}/compose-deploy.yml: every layout names its image-prefix, so its own images are ours`);
  return { name, dir, expect: readExpect(join(dir, 'expect.json')), imagePrefix: config['image-prefix'], sets };
}

const layouts = readdirSync(CORPUS).filter((e) => statSync(join(CORPUS, e)).isDirectory()).sort().map(readLayout);

interface ValidateRun {
  run: Run;
  findings?: ActualFinding[];
  setNames?: string[];
}

interface Rendered {
  code: number;
  stderr: string;
  services?: Record<string, RenderedService>;
}

let n = 0;
async function validate(layout: Layout, extra: string[] = []): Promise<ValidateRun> {
  const report = join(out, `report-${++n}.json`);
  const run = await runCli(['validate', '--json', '--report-file', report, ...extra], { cwd: layout.dir });
  if (!existsSync(report)) return { run };
  const json = JSON.parse(readFileSync(report, 'utf8')) as { sets: { name: string; findings: Omit<ActualFinding, 'set'>[] }[] };
  return {
    run,
    setNames: json.sets.map((s) => s.name),
    findings: json.sets.flatMap((s) => s.findings.map((f) => ({ set: s.name, rule: f.rule, file: f.file, line: f.line, severity: f.severity, message: f.message }))),
  };
}

/**
 * The oracle: this runner's Compose CLI renders the set with its env file and the release's image tag,
 * in the layout directory (PWD set there, as the deploy runs Compose), with nothing else of this
 * process's environment.
 */
async function render(layout: Layout, set: SetName): Promise<Rendered> {
  const { files, envFile } = layout.sets[set]!;
  const home = join(out, `home-${++n}`);
  mkdirSync(home);
  const emptyEnv = join(home, 'empty.env');
  writeFileSync(emptyEnv, '');
  const args = [...files.flatMap((f) => ['-f', f]), '--env-file', envFile ? join(layout.dir, envFile) : emptyEnv];
  const env = { PATH: process.env.PATH ?? '', HOME: home, PWD: layout.dir, DOCKER_CONFIG: harnessEnv().runnerDockerConfig, IMAGE_TAG: `sha-${'0'.repeat(40)}` };
  const res = compose === 'v2'
    ? await spawnCollect('docker', ['compose', ...args, 'config', '--format', 'json'], { cwd: layout.dir, env })
    : await spawnCollect('docker-compose', [...args, 'config'], { cwd: layout.dir, env });
  if (res.code !== 0) return { code: res.code, stderr: res.stderr };
  const model = (compose === 'v2' ? JSON.parse(res.stdout) : parse(res.stdout)) as { services?: Record<string, RenderedService> };
  return { code: 0, stderr: res.stderr, services: model.services ?? {} };
}

const runs = new Map<string, ValidateRun>();
const renders = new Map<string, Rendered>();

before(async () => {
  const tasks: (() => Promise<void>)[] = [];
  for (const l of layouts) {
    tasks.push(async () => void runs.set(l.name, await validate(l)));
    for (const r of l.expect.alsoRenderer ?? []) tasks.push(async () => void runs.set(`${l.name}+${r}`, await validate(l, ['--renderer', r])));
    for (const set of Object.keys(l.sets) as SetName[]) tasks.push(async () => void renders.set(`${l.name}/${set}`, await render(l, set)));
  }
  // Two at a time: each task is a Node process and one or two Compose processes, on a shared machine.
  await mapLimit(tasks, 2, (task) => task());
});

const LOAD_RULES = ['schema', 'parse'];
const crashed = (r: Run) => /\n\s+at /.test(r.stderr) || /\n\s+at /.test(r.stdout);

/** The findings as a list a reader can compare by eye. */
const listing = (r: ValidateRun) => (r.findings ?? []).map((f) => `${findingKey(f)} ${f.message}`).join('\n') || '(no findings)';

function assertRealLines(l: Layout): void {
  const v = runs.get(l.name)!;
  const bad = (v.findings ?? []).flatMap((f) => {
    const p = locationProblem(l.dir, f);
    return p ? [`${findingKey(f)}: ${p}`] : [];
  });
  assert.deepEqual(bad, [], listing(v));
}

describe(`validate on the corpus of real-world layouts (${composeCmd})`, () => {
  it('holds at least a dozen layouts, each with a config naming its sets and its expectations', () => {
    assert.ok(layouts.length >= 12, `only ${layouts.length} layouts under ${CORPUS}`);
    for (const l of layouts) assert.deepEqual(Object.keys(l.sets).sort(), [...l.expect.sets].sort(), `${l.name}: compose-deploy.yml names other sets than expect.json`);
  });

  it('the exact comparison fails when one planted problem is dropped or one is added', () => {
    const l = layouts.find((x) => x.expect.findings.length > 1)!;
    const asReported = l.expect.findings.map((f) => ({ set: f.set, rule: f.rule, file: f.file, line: f.line, severity: 'error', message: f.why }));
    assert.equal(describeDiff(diffFindings(l.expect.findings, asReported)), '');
    assert.equal(diffFindings(l.expect.findings, asReported.slice(1)).missing.length, 1);
    assert.equal(diffFindings(l.expect.findings.slice(1), asReported).extra.length, 1);
  });

  it('precision in numbers, per layout and overall: every finding right, none wrong, none missed', (t) => {
    let total: Precision = { right: 0, wrong: 0, missed: 0 };
    const rows: string[] = [];
    for (const l of layouts) {
      if (l.expect.compose[compose] !== 'renders') continue;
      const v = runs.get(l.name)!;
      const p = precisionOf(l.expect.findings, v.findings ?? []);
      total = addPrecision(total, p);
      const from = [...new Set((l.expect.shapeOf ?? []).map((src) => src.repo))].join(', ');
      rows.push(`${l.name}: ${formatPrecision(p)}${from ? ` [shape of ${from}]` : ''}`);
    }
    for (const r of rows) t.diagnostic(r);
    t.diagnostic(`overall (${composeCmd}): ${formatPrecision(total)}`);
    assert.deepEqual({ wrong: total.wrong, missed: total.missed }, { wrong: 0, missed: 0 }, rows.join('\n'));
  });

  for (const l of layouts) {
    const expectation = l.expect.compose[compose];
    if (expectation !== 'renders') {
      describe(`${l.name} (${composeCmd} refuses it: ${expectation.rejects})`, () => {
        for (const set of l.expect.sets) {
          it(`the oracle: ${composeCmd} refuses the ${set} set`, () => {
            const r = renders.get(`${l.name}/${set}`)!;
            assert.notEqual(r.code, 0, `${composeCmd} rendered the ${set} set of ${l.name}`);
          });
        }
        it('validate exits 1 without crashing and reports the refusal at each line that causes it', () => {
          const v = runs.get(l.name)!;
          assert.equal(v.run.code, 1, v.run.stderr);
          assert.ok(!crashed(v.run), v.run.stderr);
          const errors = (v.findings ?? []).filter((f) => LOAD_RULES.includes(f.rule)).map(findingKey);
          for (const e of expectation.errors) assert.ok(errors.some((k) => k.startsWith(`${e.set} `) && k.endsWith(` ${e.file}:${e.line}`)), `no Compose error at ${e.set} ${e.file}:${e.line}\n${listing(v)}`);
        });
        it('every finding points at a real line of a file of the layout', () => assertRealLines(l));
      });
      continue;
    }
    describe(l.name, () => {
      for (const set of l.expect.sets) {
        const refused = l.expect.findings.some((f) => f.set === set && LOAD_RULES.includes(f.rule));
        it(`the oracle: ${composeCmd} ${refused ? 'refuses' : 'renders'} the ${set} set, as expect.json says`, () => {
          const r = renders.get(`${l.name}/${set}`)!;
          assert.equal(r.code === 0, !refused, r.stderr);
        });
      }

      it('the oracle: what each expected finding claims holds in the model Compose renders', () => {
        const wrong = l.expect.findings.flatMap((f) => {
          const r = renders.get(`${l.name}/${f.set}`);
          if (!r?.services) return [];
          const why = oracleDisagreement(f, { layoutDir: l.dir, imagePrefix: l.imagePrefix, services: r.services });
          return why ? [`${findingKey(f)}: ${why}`] : [];
        });
        assert.deepEqual(wrong, []);
      });

      it('validate exits 0/1 without crashing, with exactly the planted findings at their lines', () => {
        const v = runs.get(l.name)!;
        assert.ok(v.run.code === 0 || v.run.code === 1, `exit ${v.run.code}\n${v.run.stderr}`);
        assert.ok(!crashed(v.run), v.run.stderr);
        assert.ok(v.findings, `no report\n${v.run.stderr}`);
        assert.deepEqual(v.setNames, l.expect.sets, `validate checked other sets than the config names\n${listing(v)}`);
        assert.equal(describeDiff(diffFindings(l.expect.findings, v.findings)), '', `all findings:\n${listing(v)}`);
        assert.equal(v.run.code, expectedExitCode(l.expect.findings), v.run.stderr);
      });

      it('every finding points at a real line of a file of the layout', () => assertRealLines(l));

      for (const r of l.expect.alsoRenderer ?? []) {
        it(`with --renderer ${r}: the same findings`, () => {
          const v = runs.get(`${l.name}+${r}`)!;
          assert.ok(!crashed(v.run), v.run.stderr);
          assert.ok(v.findings, `no report\n${v.run.stderr}`);
          assert.equal(describeDiff(diffFindings(l.expect.findings, v.findings)), '', `all findings:\n${listing(v)}`);
        });
      }
    });
  }
});
