import { InputError } from '../errors.js';
import type { Settings } from '../config/settings.js';
import { sshTarget, type SshTarget } from './ssh-target.js';

export interface RemoteSettings {
  target: SshTarget;
  deployPath: string;
}

/** The remote commands' required inputs, checked together so one run names every missing one. */
export function remoteSettings(s: Settings): RemoteSettings {
  const missing: string[] = [];
  if (!s.host) missing.push('"host" (config host.address)');
  if (!s.user) missing.push('"user" (config host.user)');
  if (!s.sshPrivateKey) missing.push('"ssh-private-key" (CLI: --ssh-private-key-file)');
  if (!s.deployPath) missing.push('"deploy-path" (config host.path)');
  if (missing.length > 0) {
    throw new InputError(`command "${s.command}" needs ${missing.length === 1 ? 'input' : 'inputs'} ${missing.join(', ')}; set ${missing.length === 1 ? 'it' : 'them'} as action inputs, CLI flags, COMPOSE_DEPLOY_* variables or in the config file`);
  }
  // A missing or malformed pin is bad input: caught here, before anything (a GitHub deployment, a connection) starts.
  const target = sshTarget({
    host: s.host!,
    port: s.port,
    user: s.user!,
    privateKey: s.sshPrivateKey!,
    passphrase: s.sshPassphrase,
    knownHosts: s.knownHosts,
    fingerprint: s.hostKeyFingerprint,
    insecureSkipHostKeyCheck: s.insecureSkipHostKeyCheck,
  });
  return { deployPath: s.deployPath!, target };
}
