import type { Field } from '../schema.js';
import { HOSTNAME, REMOTE_PATH, REMOTE_PATH_HINT, USERNAME } from '../names.js';

/** How any SSH host is named in the config: the deploy host, backup.copy-to. */
export const sshAddressFields: Record<'address' | 'port', Field> = {
  address: { kind: 'string', describe: 'Host name or IP address', pattern: HOSTNAME, patternHint: 'a host name or IP address' },
  port: { kind: 'int', describe: 'SSH port (default 22)', min: 1, max: 65535 },
};

export const hostSection: Field = {
  kind: 'object',
  describe: 'The production host (inputs host, port, user, deploy-path override these)',
  fields: {
    ...sshAddressFields,
    user: { kind: 'string', describe: 'SSH user; must be able to run docker', pattern: USERNAME, patternHint: 'a POSIX user name' },
    path: { kind: 'string', describe: 'Deploy directory on the host (releases/, current, releases.jsonl live here)', pattern: REMOTE_PATH, patternHint: REMOTE_PATH_HINT },
  },
};

export interface HostConfig {
  address?: string;
  port?: number;
  user?: string;
  path?: string;
}
