import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locate, parseComposeText, toPlain } from '../../../src/compose/model.js';
import { mergeComposeFiles } from '../../../src/compose/model-merge.js';
import { parseEnvText } from '../../../src/compose/model-env.js';
import { findVarRefs, interpolate, needsValue } from '../../../src/compose/model-vars.js';

const base = parseComposeText(
  ['x-common: &common', '  restart: always', 'services:', '  api:', '    <<: *common', '    image: api:1', '    environment:', '      - A=1', '      - B=2', '    ports: ["80:80"]', '    volumes: ["./a:/data", "logs:/logs"]', '    command: [run, a]', ''].join('\n'),
  'base.yml',
);
const over = parseComposeText(
  ['services:', '  api:', '    image: api:2', '    environment:', '      B: "3"', '    ports: ["81:81"]', '    volumes: ["./b:/data"]', '    command: [run, b]', ''].join('\n'),
  'over.yml',
);

describe('Compose model: merge with source locations', () => {
  const merged = mergeComposeFiles([base, over]);
  const api = toPlain(merged) as { services: { api: Record<string, unknown> } };

  it('merges as Compose does: scalars replaced, env by key, ports joined, mounts by target, command replaced', () => {
    assert.deepEqual(api.services.api, {
      restart: 'always',
      image: 'api:2',
      environment: { A: '1', B: '3' },
      ports: ['80:80', '81:81'],
      volumes: ['./b:/data', 'logs:/logs'],
      command: ['run', 'b'],
    });
  });

  it('keeps the location of the file that set each value', () => {
    assert.deepEqual(locate(merged, ['services', 'api', 'image']), { file: 'over.yml', line: 3, column: 5 });
    assert.deepEqual(locate(merged, ['services', 'api', 'environment', 'A']), { file: 'base.yml', line: 8, column: 9 });
    assert.deepEqual(locate(merged, ['services', 'api', 'environment', 'B']), { file: 'over.yml', line: 5, column: 7 });
    // restart came through the <<: *common merge key: it points at the anchor's definition.
    assert.deepEqual(locate(merged, ['services', 'api', 'restart']), { file: 'base.yml', line: 2, column: 3 });
    assert.equal(locate(merged, ['services', 'api', 'ports', 1]).file, 'over.yml');
  });

  it('falls back to the nearest existing ancestor for a missing key', () => {
    assert.deepEqual(locate(merged, ['services', 'api', 'healthcheck']), locate(merged, ['services', 'api']));
  });

  it('honours !reset', () => {
    const reset = parseComposeText('services:\n  api:\n    ports: !reset []\n', 'r.yml');
    const out = toPlain(mergeComposeFiles([base, reset])) as { services: { api: Record<string, unknown> } };
    assert.equal(out.services.api['ports'], undefined);
  });

  it('rejects a top level that is not a mapping, with its location', () => {
    assert.throws(() => parseComposeText('- a\n- b\n', 'list.yml'), /list\.yml:1:1: the top level of a Compose file must be a mapping/);
  });
});

describe('variables', () => {
  it('finds every reference form and skips $$', () => {
    const refs = findVarRefs('$A ${B} ${C:-x} ${D-y} ${E:?must} ${F?m} ${G:+z} $$H');
    assert.deepEqual(refs.map((r) => [r.name, r.op, r.arg]), [['A', '', ''], ['B', '', ''], ['C', ':-', 'x'], ['D', '-', 'y'], ['E', ':?', 'must'], ['F', '?', 'm'], ['G', ':+', 'z']]);
    assert.deepEqual(refs.filter(needsValue).map((r) => r.name), ['A', 'B', 'E', 'F']);
  });

  it('interpolates like Compose', () => {
    const env = new Map([['SET', 'v'], ['EMPTY', '']]);
    assert.equal(interpolate('${SET} ${EMPTY:-d} ${EMPTY-d} ${UNSET-d} ${SET:+alt} $$5 ${UNSET}', env), 'v d  d alt $5 ');
    assert.throws(() => interpolate('${EMPTY:?give it}', env), /required variable EMPTY is missing a value: give it/);
  });
});

describe('env files', () => {
  it('reads KEY=value, export, quotes, comments, with line numbers', () => {
    const env = parseEnvText('# c\nA=1\nexport B="two words"\nC=\'lit $x\'\nD=x # note\nE\n', '.env.example');
    assert.deepEqual(Object.fromEntries([...env].map(([k, e]) => [k, [e.value, e.line]])), { A: ['1', 2], B: ['two words', 3], C: ['lit $x', 4], D: ['x', 5], E: [undefined, 6] });
    // E alone is declared; Compose v2 leaves it unset unless the environment has it.
  });

  it('rejects a line that is not KEY=value, at that line', () => {
    assert.throws(() => parseEnvText('A=1\nnot valid line\n', '.env.example'), /\.env\.example:2:1: invalid env file line/);
  });
});
