import type { Command } from '../runner/runner.js';
import type { Runner } from '../runner/runner.js';
import { checkServiceName } from './service-name.js';

/** v2 is a docker CLI plugin, v1 a separate program; both take the same arguments for what we use. */
export type ComposeFlavor = 'docker compose' | 'docker-compose';

export interface ComposeTarget {
  flavor: ComposeFlavor;
  /** Compose files, merged in order. */
  files: readonly string[];
  /** Fixed project name, so every release drives the same containers. */
  project?: string;
  envFile?: string;
  /** Where relative paths in the files resolve (bind mounts); a stable path keeps config hashes stable. */
  projectDirectory?: string;
  /** Directory the files are relative to. */
  cwd?: string;
  /**
   * Every service, whatever its profiles. v1's `config` lists them all; v2's leaves out those of
   * profiles not enabled (a migrate job under `profiles: [tools]`) unless asked with `--profile '*'`.
   */
  allProfiles?: boolean;
}

/** argv for `<compose> -p P -f A -f B [--env-file E] <args...>` */
export function composeCommand(t: ComposeTarget, args: readonly string[], extra: Partial<Command> = {}): Command {
  const base = t.flavor === 'docker compose' ? ['docker', 'compose'] : ['docker-compose'];
  const argv = [
    ...base,
    ...(t.project ? ['--project-name', t.project] : []),
    ...(t.projectDirectory ? ['--project-directory', t.projectDirectory] : []),
    ...(t.allProfiles && t.flavor === 'docker compose' ? ['--profile', '*'] : []),
    ...t.files.flatMap((f) => ['--file', f]),
    ...(t.envFile ? ['--env-file', t.envFile] : []),
    ...args,
  ];
  return { argv, cwd: t.cwd, ...extra };
}

/**
 * Compose arguments that act on named services: the subcommand and its options, then `--`, then the
 * names (and, for `run`, the command after the service). Without the `--` a service named like an
 * option would be read as one, and `up` or `rm` with no name left acts on every service; v1
 * (docopt: `[--] [SERVICE...]`) and v2 (cobra) both end option parsing there.
 */
export function withServices(subcommand: readonly string[], services: readonly string[], after: readonly string[] = []): string[] {
  // An empty list would make `up`/`rm` act on the whole project: a caller's mistake, never a request.
  if (services.length === 0) throw new Error(`compose ${subcommand[0]}: no service named`);
  for (const s of services) checkServiceName(s, `compose ${subcommand[0]}`);
  return [...subcommand, '--', ...services, ...after];
}

/** Which Compose a machine has: v2 first (current hosts and runners), v1 where that is all there is. */
export async function detectCompose(runner: Runner): Promise<{ flavor: ComposeFlavor; version: string } | undefined> {
  const v2 = await runner.run({ argv: ['docker', 'compose', 'version', '--short'] });
  if (v2.code === 0 && v2.stdout.trim()) return { flavor: 'docker compose', version: v2.stdout.trim().replace(/^v/, '') };
  const v1 = await runner.run({ argv: ['docker-compose', 'version', '--short'] });
  if (v1.code === 0 && v1.stdout.trim()) return { flavor: 'docker-compose', version: v1.stdout.trim().replace(/^v/, '') };
  return undefined;
}
