import { posix } from 'node:path';

/*
 * Paths in compose-deploy.yml are relative to the file's own folder, as Compose reads `-f` paths from
 * the Compose file's folder: `--config examples/shop/compose-deploy.yml` from the repository root means
 * the same files as `--config compose-deploy.yml` from examples/shop. Everything after loading works
 * with paths relative to the repository (the working directory), so they are rebased here, once.
 */

/** The config file's folder relative to the repository, in `/` form ('' at the root). */
export function configFolder(repository: string, configPath: string | undefined): string {
  if (!configPath) return '';
  const rel = posix.relative(toPosix(repository), posix.dirname(toPosix(configPath)));
  return rel === '.' ? '' : rel;
}

/** `path` (relative to the config file's folder) relative to the repository. */
export function fromConfigFolder(folder: string, path: string): string {
  return folder === '' ? path : posix.normalize(posix.join(folder, path));
}

function toPosix(p: string): string {
  return p.split('\\').join('/');
}
