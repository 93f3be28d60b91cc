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

/** The folder of a module: its top folder under src/, or the root file itself (main, cli, errors, version). */
const folderOf = (module: string) => module.split('/')[0]!;

/** Static imports between folders (the engine's table loads commands with import(), which is not a dependency of the layers). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const f of files) {
    const from = folderOf(name(f));
    for (const m of importsOf(f).modules) {
      const to = folderOf(m);
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Every loop's folders (strongly connected components of more than one folder), each sorted. */
function folderLoops(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) loops.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return loops;
}

test('no loop between folders: a capability and the layers under it depend one way (deploy and backup both on host/, never on each other)', () => {
  const graph = folderGraph();
  assert.deepEqual(folderLoops(graph), []);
  assert.ok(graph.get('backup')?.has('host') && graph.get('deploy')?.has('host'), 'backup and deploy share the host layer');
});

test('the folder-loop check finds a loop through three folders and none in a chain', () => {
  const g = (edges: Array<[string, string]>) => {
    const m = new Map<string, Set<string>>();
    for (const [a, b] of edges) m.set(a, new Set([...(m.get(a) ?? []), b]));
    return m;
  };
  assert.deepEqual(folderLoops(g([['deploy', 'backup'], ['backup', 'host'], ['host', 'deploy'], ['host', 'ssh']])), [['backup', 'deploy', 'host']]);
  assert.deepEqual(folderLoops(g([['deploy', 'backup'], ['backup', 'host'], ['deploy', 'host']])), []);
});
