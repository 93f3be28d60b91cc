import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnCollect } from '../lib/run-action.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/build');

/** A copy of a fixture project with its image prefix filled in, as a user's checkout would be. */
export function workspaceFrom(fixture: string, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cd-e2e-build-${fixture}-`));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  const fill = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) fill(p);
      else if (/\.ya?ml$/.test(name)) writeFileSync(p, readFileSync(p, 'utf8').replaceAll('__PREFIX__', prefix));
    }
  };
  fill(dir);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Removes every local image under the prefix: the tests leave the engine as they found it. */
export async function removeLocalImages(prefix: string): Promise<void> {
  // By reference, never by id: a test beside this one (the other Compose version's) may have built the
  // same content, whose image then has the same id, and `rmi --force <id>` would take its tags too.
  // A forced rebuild leaves the previous image untagged (<none>) under the repository: by its digest then.
  const list = await spawnCollect('docker', ['images', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}} {{.ID}}']);
  const refs = new Set<string>();
  for (const [repo, tag, digest, id] of list.stdout.split('\n').map((l) => l.split(' '))) {
    if (!repo?.startsWith(`${prefix}/`)) continue;
    if (tag && tag !== '<none>') refs.add(`${repo}:${tag}`);
    else if (digest && digest !== '<none>') refs.add(`${repo}@${digest}`);
    else if (id) refs.add(id);
  }
  // --no-prune: untagged parent layers a classic build left may be the cache of a build beside this one.
  if (refs.size > 0) await spawnCollect('docker', ['rmi', '--no-prune', ...refs]);
}
