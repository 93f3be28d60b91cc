/*
 * The deploy runs Compose on the host over SSH, as `cd <release dir> && docker compose …` in the deploy
 * user's login shell (shellText in src/runner/runner.ts). sshd and that shell set the variables below, and
 * Compose interpolates them like any other of its environment (they even win over the .env file), so a
 * Compose file may use `${PWD}/data:/data` or `${USER}` without declaring them anywhere. The list is what
 * an OpenSSH exec session with a POSIX login shell has on a stock Linux host (checked with `env` over SSH).
 *
 * validate renders with these placeholder values, never the runner's own: it runs on pull requests, and
 * the runner's HOME, USER or working directory must not reach its output.
 */
export const HOST_SHELL_PLACEHOLDERS: Readonly<Record<string, string>> = {
  PWD: '/compose-deploy/release',
  OLDPWD: '/compose-deploy',
  HOME: '/compose-deploy/home',
  USER: 'compose-deploy',
  LOGNAME: 'compose-deploy',
  SHELL: '/bin/sh',
  PATH: '/usr/local/bin:/usr/bin:/bin',
  SHLVL: '1',
  MAIL: '/var/mail/compose-deploy',
  // Documentation addresses (RFC 5737): the shape sshd writes, no real peer.
  SSH_CLIENT: '192.0.2.1 50000 22',
  SSH_CONNECTION: '192.0.2.1 50000 192.0.2.2 22',
};

/** A variable the deploy's shell on the host sets for Compose: declared without an env file. */
export function isHostShellVariable(name: string): boolean {
  return Object.hasOwn(HOST_SHELL_PLACEHOLDERS, name);
}
