import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseComposeText, toPlain } from '../../../src/compose/model.js';
import { mergeComposeFiles } from '../../../src/compose/model-merge.js';
import { resolveComposeFile } from '../../../src/compose/model-resolve.js';
import { cliErrorFindings } from '../../../src/validate/cli-errors.js';
import { echoContext } from '../../../src/validate/echo-redact.js';
import { loadSet } from '../../../src/validate/load.js';
import { RULES } from '../../../src/config/rule-catalog.js';
import type { ComposeSet } from '../../../src/compose/sets.js';
import { FIXTURES, validateDir } from './helpers.js';

const POLICY = new Set<string>(RULES.map((r) => r.id));

/** `# expect:` and `# expect-v2:` markers (the built-in renderer follows the specification, include and all). */
function marked(dir: string, rules: ReadonlySet<string>): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'compose-deploy.yml')
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').flatMap((line, i) =>
      [...line.matchAll(/# expect(?:-(v1|v2))?: ([\w-]+)/g)].filter((m) => m[1] !== 'v1' && rules.has(m[2]!)).map((m) => `${m[2]}@${file}:${i + 1}`)))
    .sort();
}

describe('policy rules judge the rendered model (built-in renderer)', () => {
  for (const dir of ['extends', 'extends-depends-on', 'include', 'variable-tags', 'migrate-first']) {
    it(`${dir}: exactly the marked findings, at the line of the file that writes the value`, async () => {
      const { findings } = await validateDir(join(FIXTURES, 'rendered', dir));
      // env-declared too: an included project's variables come from its own .env.
      const got = findings.filter((f) => POLICY.has(f.rule)).map((f) => `${f.rule}@${f.file}:${f.line}`).sort();
      assert.deepEqual(got, marked(join(FIXTURES, 'rendered', dir), POLICY));
    });
  }

  it('a required variable in the base file is reported at its line there, not at the override', async () => {
    const { findings } = await validateDir(join(FIXTURES, 'rendered', 'required-var'));
    assert.deepEqual(findings.filter((f) => f.rule === 'schema').map((f) => `${f.file}:${f.line}`), ['compose.base.yaml:7']);
    const extended = await validateDir(join(FIXTURES, 'rendered', 'required-var-extended'));
    assert.deepEqual(extended.findings.filter((f) => f.rule === 'schema').map((f) => `${f.file}:${f.line}`), ['parts/db.yaml:6']);
  });
});

describe('Compose CLI errors that name no key are pinned by what they mean (v1 and v2 wording)', () => {
  const base = parseComposeText('services:\n  web:\n    image: a:1\n    ports:\n      - "127.0.0.1::"\n    env_file:\n      - ./web.env\n  cache:\n    image: redis:7\n    command: ["redis-server", "${REDIS_PASSWORD:?set it}"]\n', 'compose.yaml');
  const prod = parseComposeText('services:\n  web:\n    restart: always\n', 'compose.prod.yaml');
  const files = new Map([['compose.yaml', base], ['compose.prod.yaml', prod]]);
  const model = mergeComposeFiles([base, prod]);
  const echo = echoContext(files.values(), [...files.keys()]);
  const cases: [string, string, number][] = [
    ['v2 required variable in the base file', 'error while interpolating services.cache.command.[]: required variable REDIS_PASSWORD is missing a value: set it', 10],
    ['v1 required variable in the base file', 'Missing mandatory value for "command" option interpolating [\'redis-server\', \'${REDIS_PASSWORD:?set it}\'] in service "cache": set it', 10],
    ['v2 no port specified', 'No port specified: 127.0.0.1::<empty>', 5],
    ['v2 missing env_file', 'env file /home/runner/work/x/web.env not found: stat /home/runner/work/x/web.env: no such file or directory', 7],
    ['v1 missing env_file', "Couldn't find env file: /home/runner/work/x/web.env", 7],
  ];
  for (const [what, output, line] of cases) {
    it(what, () => {
      const [f, ...rest] = cliErrorFindings(`${output}\n`, files, '/home/runner/work/x', echo, model);
      assert.deepEqual(rest, []);
      assert.deepEqual([f!.loc.file, f!.loc.line], ['compose.yaml', line]);
      // Neither the runner's paths nor the user's message nor the port text is echoed.
      assert.doesNotMatch(f!.message, /home\/runner|set it|127\.0\.0\.1::/);
    });
  }

  it('v1 refusing to extend a service with depends_on: at that key in the extended file', () => {
    const ext = parseComposeText('services:\n  db:\n    image: postgres:16\n    depends_on: [x]\n', 'parts/db.yaml');
    const main = parseComposeText('services:\n  db:\n    extends: { file: parts/db.yaml, service: db }\n', 'compose.yaml');
    const resolved = resolveComposeFile('compose.yaml', main, { include: false, reader: { read: () => ({ name: 'parts/db.yaml', tree: ext }) } });
    const [f] = cliErrorFindings("Cannot extend service 'db' in /home/runner/work/x/parts/db.yaml: services with 'depends_on' cannot be extended\n", new Map([['compose.yaml', main]]), '/home/runner/work/x', echoContext([main, ext]), resolved);
    assert.deepEqual([f!.loc.file, f!.loc.line], ['parts/db.yaml', 4]);
    assert.doesNotMatch(f!.message, /home\/runner/);
  });

  it('an error in an extended file is located there through the model', () => {
    const ext = parseComposeText('services:\n  db:\n    image: postgres:16\n    environment:\n      PW: ${PW:?x}\n', 'parts/db.yaml');
    const main = parseComposeText('services:\n  db:\n    extends: { file: parts/db.yaml, service: db }\n', 'compose.yaml');
    const resolved = resolveComposeFile('compose.yaml', main, { include: true, reader: { read: () => ({ name: 'parts/db.yaml', tree: ext }) } });
    const [f] = cliErrorFindings('error while interpolating services.db.environment.PW: required variable PW is missing a value: x\n', new Map([['compose.yaml', main]]), '/w', echoContext([main, ext]), resolved);
    assert.deepEqual([f!.loc.file, f!.loc.line], ['parts/db.yaml', 5]);
  });
});

describe('files reached through extends and include are read only inside the repository', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'cd-resolve-contain-')));
  after(() => rmSync(base, { recursive: true, force: true }));
  const repo = join(base, 'repo');
  mkdirSync(join(repo, 'parts'), { recursive: true });
  writeFileSync(join(base, 'outside.yaml'), 'services:\n  x:\n    image: CANARY-OUTSIDE\n');
  symlinkSync(join(base, 'outside.yaml'), join(repo, 'parts', 'link.yaml'));
  writeFileSync(join(repo, 'parts', 'in.yaml'), 'services:\n  x:\n    image: inside:1\n');
  writeFileSync(join(repo, 'compose.prod.yaml'), [
    'include:',
    '  - ../outside.yaml',
    'services:',
    '  a:',
    '    extends: { file: ../outside.yaml, service: x }',
    '  b:',
    '    extends: { file: parts/link.yaml, service: x }',
    '  c:',
    '    extends: { file: parts/in.yaml, service: x }',
    '',
  ].join('\n'));
  const set: ComposeSet = { name: 'prod', files: ['compose.prod.yaml'], discovered: true, configLoc: () => undefined };

  it('an outside file (by ../ or by a symlink) is never read; an inside one is', () => {
    const loaded = loadSet(set, repo);
    assert.deepEqual([...loaded.followed.keys()], ['parts/in.yaml']);
    assert.doesNotMatch(JSON.stringify(toPlain(loaded.merged)), /CANARY-OUTSIDE/);
    assert.equal((toPlain(loaded.merged) as { services: Record<string, { image?: string }> }).services['c']!.image, 'inside:1');
  });
});
