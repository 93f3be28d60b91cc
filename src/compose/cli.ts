import type { Command } from '../runner/runner.js';
import type { Runner } from '../runner/runner.js';

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

/** Which Compose a machine has: v2 first (current hosts and runners), v1 where that is all there is. */
export async function detectCompose(runner: Runner): Promise<{ flavor: ComposeFlavor; version: string } | undefined> {
  const v2 = await runner.run({ argv: ['docker', 'compose', 'version', '--short'] });
  if (v2.code === 0 && v2.stdout.trim()) return { flavor: 'docker compose', version: v2.stdout.trim().replace(/^v/, '') };
  const v1 = await runner.run({ argv: ['docker-compose', 'version', '--short'] });
  if (v1.code === 0 && v1.stdout.trim()) return { flavor: 'docker-compose', version: v1.stdout.trim().replace(/^v/, '') };
  return undefined;
}
