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
  // By id: a forced rebuild leaves the previous image untagged (<none>) but still under the repository.
  const list = await spawnCollect('docker', ['images', '--format', '{{.ID}} {{.Repository}}']);
  const ids = new Set(list.stdout.split('\n').filter((l) => l.split(' ')[1]?.startsWith(`${prefix}/`)).map((l) => l.split(' ')[0]!));
  if (ids.size > 0) await spawnCollect('docker', ['rmi', '--force', ...ids]);
}
