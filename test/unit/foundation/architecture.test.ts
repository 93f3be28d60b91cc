import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every import of a file: package names as written, relative ones as paths under src/ (without .js/.ts). */
function importsOf(file: string): { packages: string[]; modules: string[] } {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]!);
  return {
    packages: specs.filter((s) => !s.startsWith('.')),
    modules: specs.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.(js|ts)$/, '')),
  };
}

const files = sources(SRC);
const name = (f: string) => relative(SRC, f).replace(/\.ts$/, '');

test('only the action\'s front door (src/main.ts, src/action/) imports @actions/core and @actions/cache: the engine reports through its own interface', () => {
  const offenders = files
    .filter((f) => !/^(main|action\/.*)$/.test(name(f)))
    .flatMap((f) => importsOf(f).packages.filter((p) => p === '@actions/core' || p === '@actions/cache').map((p) => `${name(f)} imports ${p}`));
  assert.deepEqual(offenders, []);
  assert.ok(files.length > 50, `read ${files.length} files`);
});

test('no two modules import each other', () => {
  const graph = new Map(files.map((f) => [name(f), new Set(importsOf(f).modules)]));
  const pairs: string[] = [];
  for (const [a, deps] of graph) for (const b of deps) if (a < b && graph.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);
  assert.deepEqual(pairs, []);
});

test('only the front doors (src/main.ts, src/cli.ts) and src/runtime/ listen for signals or end the process: the engine hears of them through EngineServices.interrupts', () => {
  const offenders = files
    .filter((f) => !/^(main|cli|runtime\/.*)$/.test(name(f)))
    .flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      const found = [...text.matchAll(/process\.(?:exit\s*\(|(?:on|once|addListener|prependListener|prependOnceListener)\s*\(\s*['"]SIG)/g)].map((m) => m[0]);
      return found.map((what) => `${name(f)}: ${what}`);
    });
  assert.deepEqual(offenders, []);
  // The rule reads what it claims to: the front doors' helper is found by the same pattern.
  assert.match(readFileSync(join(SRC, 'runtime/interrupts.ts'), 'utf8'), /process\.on\('SIG/);
});
