import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseComposeText } from '../../../src/compose/model.js';
import { composeRefs, referenceFindings } from '../../../src/validate/compose-refs.js';
import { isRemoteReference } from '../../../src/compose/contained-reader.js';

describe('isRemoteReference', () => {
  const remote = ['https://github.com/acme/x.git', 'http://127.0.0.1:9/repo.git', 'git@github.com:acme/x.git', 'oci://registry/x:1', 'ssh://git@host/x', 'github.com/acme/x', 'git::https://h/x'];
  const local = ['compose.base.yaml', './a/b.yml', '../x.yml', '/abs/x.yml', 'dir/with:colon.yml'];
  for (const r of remote) it(`${r} is remote`, () => assert.equal(isRemoteReference(r), true));
  for (const l of local) it(`${l} is a file`, () => assert.equal(isRemoteReference(l), false));
});

describe('composeRefs lists every file a Compose file makes Compose read', () => {
  const tree = parseComposeText(
    'include:\n  - a.yml\n  - path: [b.yml, c.yml]\n    env_file: i.env\n    project_directory: sub\nservices:\n  web:\n    image: x\n    env_file: [one.env, { path: two.env, required: false }]\n    label_file: l.labels\n    extends: { file: base.yml, service: web }\n  db:\n    env_file: db.env\n',
    'c.yml',
  );
  it('with the key that names each', () =>
    assert.deepEqual(composeRefs(tree).map((r) => [r.key, r.path, r.composeFile, r.mayBeRemote]), [
      ['services.web.env_file[0]', 'one.env', false, false],
      ['services.web.env_file[1]', 'two.env', false, false],
      ['services.web.label_file', 'l.labels', false, false],
      ['services.web.extends.file', 'base.yml', true, false],
      ['services.db.env_file', 'db.env', false, false],
      ['include[0]', 'a.yml', true, true],
      ['include[1].path[0]', 'b.yml', true, true],
      ['include[1].path[1]', 'c.yml', true, true],
      ['include[1].env_file', 'i.env', false, false],
      ['include[1].project_directory', 'sub', false, false],
    ]));
});

describe('referenceFindings', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'cd-refs-')));
  const repo = join(base, 'repo');
  mkdirSync(join(repo, 'nested'), { recursive: true });
  writeFileSync(join(base, 'secret.env'), 'A=1\n');
  writeFileSync(join(repo, 'ok.env'), 'A=1\n');
  symlinkSync(join(base, 'secret.env'), join(repo, 'link.env'));
  writeFileSync(join(repo, 'nested/vars.yml'), 'services:\n  v:\n    image: x\n    env_file: ./${X}ok.env\n');
  writeFileSync(join(repo, 'nested/shallow.yml'), 'services:\n  s:\n    image: x\n    env_file: ../ok.env\n');
  writeFileSync(join(repo, 'nested/climb.yml'), 'services:\n  c:\n    image: x\n    env_file: ../../../../ok.env\n');
  writeFileSync(join(repo, 'nested/base.yml'), 'services:\n  b:\n    image: x\n    env_file: ../../secret.env\n');
  const check = (yaml: string, env: Record<string, string> = {}) =>
    referenceFindings(new Map([['compose.yaml', parseComposeText(yaml, 'compose.yaml')]]), { root: repo, projectDir: repo, env: new Map(Object.entries(env)) }).map((f) => [f.rule, f.message, f.loc.line]);
  const cases: [string, string, Record<string, string>, number][] = [
    ['an env file inside', 'services:\n  a:\n    env_file: ok.env\n', {}, 0],
    ['an absolute env file outside', `services:\n  a:\n    env_file: ${base}/secret.env\n`, {}, 1],
    ['../ out', 'services:\n  a:\n    env_file: ../secret.env\n', {}, 1],
    ['a symlink out', 'services:\n  a:\n    env_file: link.env\n', {}, 1],
    ['a path from a variable the env file sets to outside', 'services:\n  a:\n    env_file: ${DIR}/secret.env\n', { DIR: base }, 1],
    ['a path from an unset variable becomes absolute', 'services:\n  a:\n    env_file: ${HOME}/.ssh/id_rsa\n', {}, 1],
    ['a path whose variable is required and unset cannot be checked', 'services:\n  a:\n    env_file: ${DIR:?}/x.env\n', {}, 1],
    ['an extends file inside whose env_file is outside', 'services:\n  a:\n    extends: { file: nested/base.yml, service: b }\n', {}, 1],
    ['an include of a git URL', 'include:\n  - https://github.com/acme/x.git\n', {}, 1],
    ['an include of an OCI artifact', 'include:\n  - path: oci://r/x:1\n', {}, 1],
    ['an extends file that is a git URL', 'services:\n  a:\n    extends: { file: "https://github.com/acme/x.git#main:compose.yaml", service: a }\n', {}, 1],
    ['an include outside', `include:\n  - ${base}/secret.env\n`, {}, 1],
    ['an include project_directory outside', 'include:\n  - path: nested/base.yml\n    project_directory: ..\n', {}, 2],
    ['an included file whose path uses a variable (its own .env may set it)', 'include:\n  - nested/vars.yml\n', {}, 1],
    ['an included file whose ../ escapes from its project_directory', 'include:\n  - path: nested/shallow.yml\n    project_directory: nested/deeper/deepest\n', {}, 0],
    ['an included file whose ../ escapes from its project_directory only', 'include:\n  - path: nested/climb.yml\n    project_directory: nested/a/b\n', {}, 1],
  ];
  for (const [what, yaml, env, count] of cases) it(`${what}: ${count} finding(s)`, () => assert.equal(check(yaml, env).length, count, JSON.stringify(check(yaml, env))));

  it('names the key and the path as written, at its line, and says remote includes are not fetched', () => {
    assert.deepEqual(check('services:\n  a:\n    image: x\n    env_file: ../secret.env\n'), [['outside-repository', 'services.a.env_file: "../secret.env" is outside the repository (after following symlinks); it is not read', 4]]);
    assert.deepEqual(check('include:\n  - https://user:tok@h/x.git\n')[0]![1], 'include[0]: a remote include (https:// URL); validate never fetches anything, so the set is not rendered with it');
  });
});
