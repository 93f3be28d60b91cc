import { InputError } from '../errors.js';
import { parseKnownHosts, type KnownHostEntry } from './known-hosts.js';

/** A host to connect to, its host key pin already parsed (known_hosts is read once, when settings are). */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
  privateKey: string;
  passphrase?: string;
  /** The known-hosts input's entries. */
  knownHosts?: readonly KnownHostEntry[];
  fingerprint?: string;
  insecureSkipHostKeyCheck?: boolean;
}

/** A target as the inputs give it: known_hosts still text. */
export interface SshTargetInput extends Omit<SshTarget, 'knownHosts'> {
  knownHosts?: string;
}

/**
 * Checks the host key pin and parses known_hosts, before anything (a GitHub deployment, a connection)
 * starts: a missing or malformed pin is bad input. With insecure-skip-host-key-check the pin is not read.
 */
export function sshTarget(input: SshTargetInput): SshTarget {
  const { knownHosts, ...rest } = input;
  if (input.insecureSkipHostKeyCheck) return rest;
  refuseUnpinned(input);
  if (!knownHosts) return rest;
  const { entries, problems } = parseKnownHosts(knownHosts);
  if (problems.length > 0) throw new InputError(`known-hosts: ${problems.join('; ')}`);
  if (entries.length === 0) throw new InputError('known-hosts holds no key lines');
  return { ...rest, knownHosts: entries };
}

/** Neither known-hosts nor a fingerprint, and verification not skipped: refused. */
export function refuseUnpinned(target: { knownHosts?: unknown; fingerprint?: string; insecureSkipHostKeyCheck?: boolean }): void {
  if (target.insecureSkipHostKeyCheck || target.knownHosts || target.fingerprint) return;
  throw new InputError('missing input "known-hosts" (or "host-key-fingerprint"): the host key must be pinned. Get it with `ssh-keyscan -p PORT HOST`, check it out of band, and store it as a secret or variable');
}
