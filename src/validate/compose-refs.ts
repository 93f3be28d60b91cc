import { dirname, relative, resolve } from 'node:path';
import { mapEntries, nodeAt, parseComposeText, scalarString, type LMap, type LNode } from '../compose/model.js';
import { interpolate, InterpolationError } from '../compose/model-vars.js';
import { containPath, readRegularFile } from '../config/contained-file.js';
import { isRemoteReference } from '../compose/contained-reader.js';
import { InputError, type SourceLocation } from '../errors.js';
import { loadError, type Finding } from './findings.js';

/*
 * `config` makes Compose open more files than the set names: a service's env_file and label_file,
 * extends.file, and top-level include (whose path may be a git or OCI URL Compose would fetch).
 * validate lets the Compose CLI run only when every one of them is a local file inside the
 * repository; each one that is not is an error finding at the key that names it.
 */

/** One path a Compose file makes Compose read, with the key that names it. */
export interface ComposeRef {
  key: string;
  path: string;
  loc: SourceLocation;
  /** extends.file and include: Compose files whose own references count too. */
  composeFile: boolean;
  /** include paths are also where Compose would fetch a remote project from. */
  mayBeRemote: boolean;
  /** An include's project_directory (as written): the included file's relative paths resolve from it. */
  projectDirectory?: string;
}

/** The references of one file, as written (not yet interpolated). */
export function composeRefs(tree: LMap): ComposeRef[] {
  const out: ComposeRef[] = [];
  const add = (key: string, node: LNode | undefined, composeFile: boolean, mayBeRemote = false, projectDirectory?: string) => {
    for (const [i, item] of stringsOf(node)) out.push({ key: i === undefined ? key : `${key}[${i}]`, path: item.value, loc: item.loc, composeFile, mayBeRemote, ...(projectDirectory === undefined ? {} : { projectDirectory }) });
  };
  for (const [name, e] of mapEntries(nodeAt(tree, ['services']))) {
    const svc = `services.${name}`;
    add(`${svc}.env_file`, envFilePaths(e.value.kind === 'map' ? nodeAt(e.value, ['env_file']) : undefined), false);
    add(`${svc}.label_file`, e.value.kind === 'map' ? nodeAt(e.value, ['label_file']) : undefined, false);
    const ext = e.value.kind === 'map' ? nodeAt(e.value, ['extends', 'file']) : undefined;
    add(`${svc}.extends.file`, ext, true);
  }
  const include = nodeAt(tree, ['include']);
  (include?.kind === 'seq' ? include.items : include ? [include] : []).forEach((item, i) => {
    if (item.kind !== 'map') return add(`include[${i}]`, item, true, true);
    add(`include[${i}].path`, nodeAt(item, ['path']), true, true, scalarString(nodeAt(item, ['project_directory'])));
    add(`include[${i}].env_file`, nodeAt(item, ['env_file']), false);
    add(`include[${i}].project_directory`, nodeAt(item, ['project_directory']), false);
  });
  return out;
}

/** env_file entries are strings or { path, required }. */
function envFilePaths(node: LNode | undefined): LNode | undefined {
  if (node?.kind !== 'seq') return node;
  return { ...node, items: node.items.map((i) => (i.kind === 'map' ? (nodeAt(i, ['path']) ?? i) : i)) };
}

/** The string scalars of a node that is one string or a list of them; anything else is left to the schema check. */
function stringsOf(node: LNode | undefined): [number | undefined, { value: string; loc: SourceLocation }][] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items.flatMap((n, i) => (scalarString(n) === undefined ? [] : [[i, { value: scalarString(n)!, loc: n.loc }] as [number, { value: string; loc: SourceLocation }]]));
  const s = scalarString(node);
  return s === undefined ? [] : [[undefined, { value: s, loc: node.loc }]];
}

export interface RefCheck {
  root: string;
  /** Compose's project directory: relative paths in every file of the set resolve from it in v2. */
  projectDir: string;
  /** The variables rendering sees: a path may be built from them. */
  env: ReadonlyMap<string, string>;
}

/** How many Compose files extends/include may pull in before validate stops following them. */
const MAX_FOLLOWED_FILES = 64;

/**
 * Findings for every reference of the set's files (and of the files they extend or include) that is
 * remote or resolves outside the repository. Relative paths are checked from the file's own
 * directory and from the project directory, since v1 and v2 differ on which one applies.
 */
export function referenceFindings(files: ReadonlyMap<string, LMap>, check: RefCheck): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const queue: Followed[] = [...files].map(([name, tree]) => ({ abs: resolve(check.root, name), tree, bases: [dirname(resolve(check.root, name)), check.projectDir], included: false }));
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const ref of composeRefs(file.tree)) {
      const problem = refProblem(ref, file, check);
      if (problem) {
        findings.push(loadError('outside-repository', problem, ref.loc));
        continue;
      }
      if (!ref.composeFile) continue;
      const dir = dirname(file.abs);
      const target = containPath(check.root, dir, interpolatePath(ref.path, check.env)!);
      if (!target.inside || !target.exists || seen.has(target.real)) continue;
      seen.add(target.real);
      if (seen.size > MAX_FOLLOWED_FILES) {
        findings.push(loadError('outside-repository', `${ref.key}: more than ${MAX_FOLLOWED_FILES} Compose files through extends/include; validate stops following them`, ref.loc));
        return findings;
      }
      const display = relative(check.root, target.real);
      const ownDir = dirname(target.abs);
      const projectDir = ref.projectDirectory === undefined ? undefined : resolve(dir, interpolatePath(ref.projectDirectory, check.env) ?? '');
      try {
        const tree = parseComposeText(readRegularFile(target.real, 'Compose file', display), display);
        // An included project resolves from its own directory (or project_directory); an extended file from its
        // directory, or the set's project directory in older Compose.
        const bases = ref.mayBeRemote ? [ownDir, ...(projectDir ? [projectDir] : [])] : [ownDir, check.projectDir];
        queue.push({ abs: target.abs, tree, bases, included: file.included || ref.mayBeRemote });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        // Compose reports a broken extended or included file itself; only its references matter here.
      }
    }
  }
  return findings;
}

/** A Compose file whose references are checked: relative paths in it are judged from every base they may resolve from. */
interface Followed {
  abs: string;
  tree: LMap;
  bases: string[];
  /** Reached through include: Compose interpolates it with its own project's .env, which validate does not model. */
  included: boolean;
}

function refProblem(ref: ComposeRef, file: Followed, check: RefCheck): string | undefined {
  if (file.included && ref.path.includes('$')) return `${ref.key}: a path built from a variable in an included file (it may come from that project's own .env), so where it points cannot be checked; it is not read`;
  const path = interpolatePath(ref.path, check.env);
  if (path === undefined) return `${ref.key}: the path uses a variable without a value, so where it points cannot be checked; it is not read`;
  // Only include is documented as remote, but newer Compose loads extends the same way: refuse a URL anywhere.
  if (isRemoteReference(path)) return `${ref.key}: a remote ${ref.mayBeRemote ? 'include' : 'file'} (${describeRemote(path)}); validate never fetches anything, so the set is not rendered with it`;
  for (const base of new Set(file.bases)) {
    if (!containPath(check.root, base, path).inside) return `${ref.key}: ${JSON.stringify(ref.path)} is outside the repository (after following symlinks); it is not read`;
  }
  return undefined;
}

/** The scheme only: the URL itself may carry a token. */
function describeRemote(path: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(path)?.[1];
  return scheme ? `${scheme}:// URL` : 'git remote';
}

function interpolatePath(path: string, env: ReadonlyMap<string, string>): string | undefined {
  try {
    return interpolate(path, env);
  } catch (err) {
    if (err instanceof InterpolationError) return undefined;
    throw err;
  }
}
