import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Secrets a pull request must never get to print: in the runner's environment (as the action and
 * a workflow set them) and in files outside the repository. Every canary carries `token`, so one
 * search finds any of them, whole or in part of a line.
 */
export interface Canaries {
  token: string;
  /** Outside the repository: secret.env, outside.yml, id_ed25519, Dockerfile, home/.docker/config.json. */
  outside: string;
  /** Variables of the runner's environment (action inputs included) holding canaries. */
  env: Record<string, string>;
}

export function plantCanaries(): Canaries {
  // Letters only, so no path or port the test prints can contain it by chance.
  const token = `cnry${randomBytes(9).toString('hex').replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]!)}`;
  const outside = mkdtempSync(join(tmpdir(), 'cd-outside-'));
  const v = (what: string) => `${what}-${token}`;
  writeFileSync(join(outside, 'secret.env'), `LEAKED_FROM_FILE=${v('file-env')}\nCANARY_SECRET=${v('file-env-2')}\nDOCKER_HOST=tcp://${v('file-host')}:2375\n`);
  writeFileSync(join(outside, 'outside.yml'), `services:\n  x:\n    image: "nginx:1.25"\n    environment:\n      LEAK: "${v('outside-yml')}"\n    cpus: "${v('outside-cpus')}"\n`);
  writeFileSync(join(outside, 'id_ed25519'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${v('private-key')}\n-----END OPENSSH PRIVATE KEY-----\n`);
  writeFileSync(join(outside, 'Dockerfile'), `FROM scratch\nLABEL leak="${v('dockerfile')}"\n`);
  mkdirSync(join(outside, 'home/.docker'), { recursive: true });
  writeFileSync(join(outside, 'home/.docker/config.json'), JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from(`u:${v('docker-auth')}`).toString('base64') } }, credsStore: 'leak' }));
  return {
    token,
    outside,
    env: {
      CANARY_SECRET: v('env'),
      GITHUB_TOKEN: v('github-token'),
      AWS_SECRET_ACCESS_KEY: v('aws'),
      DATABASE_URL: `postgres://u:${v('db')}@db/x`,
      HOME: join(outside, 'home'),
    },
  };
}

/** The same secrets as the action receives them: inputs the runner sets, registered for masking by the action. */
export function secretInputs(c: Canaries): Record<string, string> {
  return { 'workflow-token': `ghs_${c.token}`, 'registry-password': `regpw-${c.token}`, 'ssh-private-key': `key-${c.token}`, 'env-file': `APP_SECRET=${c.token}-dotenv` };
}

/** The CLI spelling of the same secrets: COMPOSE_DEPLOY_* variables. */
export function secretVariables(c: Canaries): Record<string, string> {
  return Object.fromEntries(Object.entries(secretInputs(c)).map(([k, v]) => [`COMPOSE_DEPLOY_${k.toUpperCase().replace(/-/g, '_')}`, v]));
}
