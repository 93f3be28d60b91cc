import { serviceMap, type Field } from '../schema.js';
import { RELATIVE_FILE, RELATIVE_FILE_HINT, SERVICE_NAME, SERVICE_NAME_HINT } from '../names.js';

const serviceName = { kind: 'string', describe: 'A Compose service name', pattern: SERVICE_NAME, patternHint: SERVICE_NAME_HINT } as const;

export const deploySection: Field = {
  kind: 'object',
  describe: 'How deploys run on the host',
  fields: {
    order: { kind: 'list', describe: 'Services updated one after another, in this order (e.g. api, web, worker); services not listed follow in name order', of: serviceName },
    migrate: {
      kind: 'object',
      describe: 'One-shot migration run before any service is updated',
      fields: {
        service: serviceName,
        command: { kind: 'strings', describe: 'Command to run in the service (default: the service\'s own command)' },
      },
      required: ['service'],
    },
    'health-timeout': { kind: 'int', describe: 'Seconds a new container may take to become healthy (default 120)', min: 1, max: 3600 },
    'min-ready-seconds': { kind: 'int', describe: 'Seconds a service without healthcheck must stay running (default 5)', min: 0, max: 600 },
    'keep-releases': { kind: 'int', describe: 'Releases kept on the host for rollback (default 5)', min: 1, max: 100 },
    'lock-timeout': { kind: 'int', describe: 'Seconds to wait for another deploy\'s lock (default 300)', min: 0, max: 86400 },
    'lock-lease': { kind: 'int', describe: 'Seconds a running deploy\'s lock stays valid without being renewed (it is renewed every quarter of this while the deploy works); after that, the run counts as gone and the next deploy takes the lock over (default 180)', min: 10, max: 86400 },
    'stale-lock-after': { kind: 'int', describe: 'Seconds after which a lock may be broken with force-unlock (default 3600)', min: 60 },
    'drain-seconds': { kind: 'int', describe: 'Seconds an old container keeps serving after the new one is healthy (default 2)', min: 0, max: 600 },
    'min-free-disk-mb': { kind: 'int', describe: 'Preflight: free space (MB) needed under the deploy path and under Docker\'s data root (docker info DockerRootDir, where pulled images go); a deploy refuses to start below it (default 500)', min: 0 },
    backup: { kind: 'bool', describe: 'Back up the database (the backup section) before every deploy, before migrations; a failed backup stops the deploy with nothing running touched. Skipped on a first deploy (no database running yet)' },
    'public-env': { kind: 'list', describe: 'Keys of the env-file input whose values are not secret (IMAGE_PREFIX, a port): shown in logs and the summary. Every other value of the env file is masked wherever it appears', of: { kind: 'string', describe: '', pattern: /^[A-Za-z_][A-Za-z0-9_.-]*$/, patternHint: 'a variable name' } },
    files: { kind: 'list', describe: 'Extra files shipped with every release (Caddyfile, configs)', of: { kind: 'string', describe: '', pattern: RELATIVE_FILE, patternHint: RELATIVE_FILE_HINT } },
    services: serviceMap('Per-service settings', {
      strategy: { kind: 'string', describe: 'rolling (start new, then stop old) or recreate (stop first: a short outage)', values: ['rolling', 'recreate'] },
      'health-url': { kind: 'string', describe: 'URL probed from inside the new container in addition to its healthcheck', pattern: /^https?:\/\/[A-Za-z0-9.:_/?&=%-]+$/, patternHint: 'an http(s) URL' },
    }),
  },
};

export interface DeployServiceConfig {
  strategy?: 'rolling' | 'recreate';
  healthUrl?: string;
}
export interface DeployConfig {
  order?: string[];
  migrate?: { service: string; command?: string[] };
  healthTimeout?: number;
  minReadySeconds?: number;
  keepReleases?: number;
  lockTimeout?: number;
  staleLockAfter?: number;
  lockLease?: number;
  drainSeconds?: number;
  minFreeDiskMb?: number;
  backup?: boolean;
  files?: string[];
  publicEnv?: string[];
  services?: Record<string, DeployServiceConfig>;
}
