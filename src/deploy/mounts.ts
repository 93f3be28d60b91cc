import type { ServiceInfo } from './compose-services.js';

/**
 * Services that bind-mount a release file that changed (or a folder holding one). Release files are
 * mounted through `current`, a path that stays the same, so Compose sees no change in their
 * definition and would leave them running with the old file.
 */
export function servicesSeeingChangedFiles(services: readonly ServiceInfo[], projectDirectory: string, changed: readonly string[]): string[] {
  if (changed.length === 0) return [];
  const paths = changed.map((f) => `${projectDirectory}/${f}`);
  return services
    .filter((s) => s.bindSources.some((src) => paths.some((p) => p === src || p.startsWith(`${src.replace(/\/+$/, '')}/`))))
    .map((s) => s.name)
    .sort();
}
