import type { HostFacts } from './probe.js';

/** "v2" or "v1": which Compose generation the host's command is, for a reader who knows them by that name. */
export function composeGeneration(command: HostFacts['composeCommand']): string {
  return command === 'docker compose' ? 'v2' : command === 'docker-compose' ? 'v1' : '';
}

/**
 * The summary's line about the host's tools: which Docker, and which Compose ran the deploy (v1 and
 * v2 differ in what they recreate and how they name things, so a reader comparing two runs needs it).
 */
export function hostToolsLine(facts: Pick<HostFacts, 'dockerVersion' | 'composeCommand' | 'composeVersion'>): string {
  const docker = `Docker ${facts.dockerVersion ?? '**missing**'}`;
  const compose = facts.composeCommand
    ? `Compose ${composeGeneration(facts.composeCommand)} (\`${facts.composeCommand}\` ${facts.composeVersion ?? ''})`.replace(' )', ')')
    : '**no Compose**';
  return `${docker} · ${compose}`;
}
