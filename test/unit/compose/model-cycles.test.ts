import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseComposeText, toPlain } from '../../../src/compose/model.js';
import { resolveComposeFile, type ComposeFileReader } from '../../../src/compose/model-resolve.js';
import { ExpansionTooLarge, interpolate, MAX_EXPANDED_LENGTH } from '../../../src/compose/model-vars.js';
import { parseEnvText } from '../../../src/compose/model-env.js';
import type { SourceLocation } from '../../../src/errors.js';

function reader(files: Record<string, string>): ComposeFileReader & { reads: number } {
  const r = {
    reads: 0,
    read(from: string, path: string) {
      r.reads++;
      const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '.';
      const name = `${dir}/${path}`.split('/').reduce<string[]>((acc, p) => (p === '..' ? acc.slice(0, -1) : p === '.' || p === '' ? acc : [...acc, p]), []).join('/');
      return files[name] === undefined ? undefined : { name, tree: parseComposeText(files[name]!, name) };
    },
  };
  return r;
}

function resolveAll(files: Record<string, string>, name = 'compose.yaml') {
  const cycles: { message: string; loc: SourceLocation }[] = [];
  const r = reader(files);
  const tree = resolveComposeFile(name, parseComposeText(files[name]!, name), { reader: r, include: true, onCycle: (message, loc) => cycles.push({ message, loc }) });
  return { tree, cycles, reads: r.reads };
}

describe('include and extends cycles: named at their line, and the resolver ends', () => {
  it('a file including itself twice (three lines): a cycle at each include item', () => {
    const { cycles } = resolveAll({ 'compose.yaml': 'include:\n  - compose.yaml\n  - compose.yaml\n' });
    assert.equal(cycles.length, 2);
    assert.match(cycles[0]!.message, /^include cycle: compose\.yaml → compose\.yaml/);
    assert.deepEqual(cycles.map((c) => c.loc), [{ file: 'compose.yaml', line: 2, column: 5 }, { file: 'compose.yaml', line: 3, column: 5 }]);
  });

  it('a cycle through another folder names every file of it', () => {
    const { cycles } = resolveAll({
      'compose.yaml': 'include: [sub/compose.yaml]\nservices:\n  web: { image: "a:1" }\n',
      'sub/compose.yaml': 'include:\n  - path: ../compose.yaml\n',
    });
    assert.equal(cycles.length, 1);
    assert.match(cycles[0]!.message, /include cycle: compose\.yaml → sub\/compose\.yaml → compose\.yaml/);
    assert.equal(cycles[0]!.loc.file, 'sub/compose.yaml');
    assert.equal(cycles[0]!.loc.line, 2);
  });

  it('a diamond of includes doubled at every level (no cycle) reads each file a bounded number of times', () => {
    const files: Record<string, string> = { 'compose.yaml': 'include: [l0.yaml, l0.yaml]\n' };
    for (let i = 0; i < 30; i++) files[`l${i}.yaml`] = i === 29 ? 'services:\n  x: { image: "a:1" }\n' : `include: [l${i + 1}.yaml, l${i + 1}.yaml]\n`;
    const { tree, cycles, reads } = resolveAll(files);
    assert.deepEqual(cycles, []);
    assert.ok(reads < 200, `reads: ${reads}`);
    assert.deepEqual((toPlain(tree) as { services: object }).services, { x: { image: 'a:1' } });
  });

  it('an extends cycle across two files names the services and points at the extends key', () => {
    const { cycles } = resolveAll({
      'compose.yaml': 'services:\n  web:\n    extends: { file: base.yaml, service: base }\n',
      'base.yaml': 'services:\n  base:\n    image: a:1\n    extends: { file: compose.yaml, service: web }\n',
    });
    assert.equal(cycles.length, 1);
    assert.match(cycles[0]!.message, /^extends cycle: web \(compose\.yaml\) → base \(base\.yaml\) → web \(compose\.yaml\)/);
    assert.equal(cycles[0]!.loc.line, 3);
  });

  it('a service extending itself is a cycle', () => {
    const { cycles } = resolveAll({ 'compose.yaml': 'services:\n  web:\n    image: a:1\n    extends: web\n' });
    assert.equal(cycles.length, 1);
    assert.deepEqual(cycles[0]!.loc, { file: 'compose.yaml', line: 4, column: 5 });
  });
});

describe('expansion has a size limit: an error, never a crash', () => {
  const doubling = (n: number) => ['A=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', ...Array.from({ length: n }, (_, i) => `V${i}="${`\${${i === 0 ? 'A' : `V${i - 1}`}}`.repeat(100)}"`)].join('\n');

  it('interpolate throws ExpansionTooLarge past the limit', () => {
    const env = new Map([['A', 'x'.repeat(1000)]]);
    assert.throws(() => interpolate('${A}'.repeat(MAX_EXPANDED_LENGTH / 1000 + 2), env), ExpansionTooLarge);
    assert.equal(interpolate('${A}${A}', env).length, 2000);
  });

  for (const flavor of ['v1', 'v2'] as const) {
    it(`${flavor}: an env file whose variables each repeat the one before 100 times is a problem at the first line too large`, () => {
      const problems: { message: string; line?: number }[] = [];
      const out = parseEnvText(doubling(8), '.env', { flavor, onInvalid: (e) => problems.push({ message: e.message, line: e.location?.line }) });
      assert.ok(problems.length > 0);
      assert.match(problems[0]!.message, /grows past/);
      assert.equal(problems[0]!.line, 4);
      assert.equal(out.get('V1')!.value!.length, 32 * 100 * 100);
    });
  }
});
