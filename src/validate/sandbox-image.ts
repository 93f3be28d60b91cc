import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { sharedLibraryClosure } from './elf-needs.js';

/*
 * The image the sandbox runs Compose in, made on the runner from the Compose it has: the program, what
 * its loader needs, a `timeout` (the container's own time cap, which holds even when validate is killed)
 * and an empty env file. Nothing is pulled from a registry. Compose v1 is a Python program: the image
 * carries the interpreter, its standard library and the packages docker-compose depends on (from dpkg's
 * records), with the libraries of every compiled module.
 */

/** A file of the image: where it is on the runner, and its path in the image. */
export interface ImageFile {
  from: string;
  to: string;
}

export interface ImageSpec {
  files: ImageFile[];
  /** Empty files to create (the empty env file). */
  empty: string[];
  /** What runs Compose in the image, before Compose's own arguments. */
  entry: string[];
}

export const TIMEOUT_PATH = '/sandbox/timeout';
export const EMPTY_ENV_PATH = '/sandbox/empty.env';
export const COMPOSE_PATH = '/sandbox/docker-compose';

/** The real path of the interpreter a script's `#!` line names. */
export function interpreterOf(script: string): string {
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(script, 'utf8').split('\n')[0] ?? '')?.[1];
  if (!shebang || !existsSync(shebang)) throw new Error(`${script} is neither a program nor a script whose interpreter is here`);
  return realpathSync(shebang);
}

/** An ELF Compose (v2's plugin, or a packaged v1 binary). */
export function binarySpec(compose: string, timeout: string): ImageSpec {
  return withLibraries({ files: [{ from: realpathSync(compose), to: COMPOSE_PATH }, { from: realpathSync(timeout), to: TIMEOUT_PATH }], empty: [EMPTY_ENV_PATH], entry: [COMPOSE_PATH] });
}

/** Standard library parts Compose never imports; left out to keep the image small. */
const STDLIB_SKIP = /^(test|tests|idlelib|tkinter|turtledemo|lib2to3|ensurepip|pydoc_data|config-[^/]*|site-packages|dist-packages|__phello__)$/;

/**
 * Compose v1 as Debian packages it: `script` (#!/usr/bin/python3), run by its interpreter with the
 * standard library and the Python packages of docker-compose's dependencies.
 */
export function pythonSpec(script: string, timeout: string, dpkgDir = '/var/lib/dpkg'): ImageSpec {
  const interpreter = interpreterOf(script);
  const version = /python(\d+\.\d+)$/.exec(interpreter)?.[1];
  if (!version) throw new Error(`${script} runs ${interpreter}, not a Python this sandbox knows how to carry`);
  const files: ImageFile[] = [{ from: interpreter, to: interpreter }, { from: realpathSync(script), to: COMPOSE_PATH }, { from: realpathSync(timeout), to: TIMEOUT_PATH }];
  const stdlib = `/usr/lib/python${version}`;
  for (const f of treeFiles(stdlib, (rel) => rel.includes('/') || !STDLIB_SKIP.test(rel))) files.push({ from: f, to: f });
  for (const top of packageTops(dpkgDir, 'docker-compose')) for (const f of treeFiles(top, () => true)) files.push({ from: f, to: f });
  return withLibraries({ files, empty: [EMPTY_ENV_PATH], entry: [interpreter, COMPOSE_PATH] });
}

function withLibraries(spec: ImageSpec): ImageSpec {
  const elves = spec.files.filter((f) => f.to === COMPOSE_PATH || f.to === TIMEOUT_PATH || /\.so(\.|$)/.test(f.from) || /\/python\d/.test(f.to) && !f.to.includes('/lib/')).map((f) => f.from);
  const have = new Set(spec.files.map((f) => f.to));
  const libs = [...sharedLibraryClosure(elves)].filter(([to]) => !have.has(to)).map(([to, from]) => ({ from, to }));
  return { ...spec, files: [...spec.files, ...libs] };
}

/** Regular files under `dir` (symlinks to files taken as files; symlinked directories not entered), filtered by their path relative to `dir`. */
function treeFiles(dir: string, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (!keep(r)) continue;
      const p = posix.join(d, e.name);
      if (e.isDirectory()) walk(p, r);
      else if (e.isFile() || (e.isSymbolicLink() && safeIsFile(p))) out.push(p);
    }
  };
  if (safeIsFile(dir)) return [dir];
  if (existsSync(dir)) walk(dir, '');
  return out;
}

function safeIsFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The folders under the Python package directories that `pkg` and the packages it depends on
 * (transitively) install, read from dpkg's status and file lists.
 */
export function packageTops(dpkgDir: string, pkg: string): string[] {
  const depends = new Map<string, string[]>();
  for (const para of readFileSync(posix.join(dpkgDir, 'status'), 'utf8').split(/\n\n+/)) {
    const name = /^Package: (\S+)$/m.exec(para)?.[1];
    if (!name || !/^Status: .* installed$/m.test(para)) continue;
    const deps = /^(?:Pre-)?Depends: (.+)$/gm;
    const all: string[] = [];
    for (const m of para.matchAll(deps)) for (const alt of m[1]!.split(',')) all.push(...alt.split('|').map((a) => a.trim().split(/[\s:(]/)[0]!).filter(Boolean));
    depends.set(name, [...(depends.get(name) ?? []), ...all]);
  }
  const wanted = new Set<string>();
  const queue = [pkg];
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (wanted.has(p) || !depends.has(p)) continue;
    wanted.add(p);
    // Only Python packages: the interpreter and its libraries come with the standard library and the loader's closure.
    queue.push(...depends.get(p)!.filter((d) => /^python3-/.test(d)));
  }
  const tops = new Set<string>();
  for (const p of wanted) {
    const list = [posix.join(dpkgDir, 'info', `${p}.list`), posix.join(dpkgDir, 'info', `${p}:amd64.list`), posix.join(dpkgDir, 'info', `${p}:arm64.list`)].find(existsSync);
    if (!list) continue;
    for (const line of readFileSync(list, 'utf8').split('\n')) {
      const m = /^(\/usr\/lib\/python3(?:\.\d+)?\/(?:dist|site)-packages\/[^/]+)/.exec(line);
      if (m && existsSync(m[1]!) && lstatSync(m[1]!).isDirectory()) tops.add(m[1]!);
      else if (m && existsSync(m[1]!)) tops.add(m[1]!);
    }
  }
  return [...tops].sort();
}
