import type { Command } from '../runner/runner.js';

/**
 * A fixed host script as a Command: `sh -c BODY compose-deploy-NAME ARG...`. The name shows in the
 * host's process list; every variable part is a positional argument, quoted like any other. A loop
 * kept in the script (a health wait, a poll) costs one SSH round trip however many turns it takes.
 */
export const hostScript = (name: string, body: string, args: readonly string[], stdin?: string): Command => ({
  argv: ['sh', '-c', body, `compose-deploy-${name}`, ...args],
  stdin,
});
