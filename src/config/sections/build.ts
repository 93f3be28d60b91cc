import { serviceMap, type Field } from '../schema.js';
import { RELATIVE_FILE, RELATIVE_FILE_HINT } from '../names.js';

const relativePath = { kind: 'string', describe: '', pattern: RELATIVE_FILE, patternHint: RELATIVE_FILE_HINT } as const;

/** Settings of `build` (issue: build). */
export const buildSection: Field = {
  kind: 'object',
  describe: 'Settings of the build command',
  fields: {
    tags: {
      kind: 'list',
      describe: 'Extra tags besides sha-<40 hex>: sha-short (sha-<7>), branch (sanitised branch name), latest (default branch only; deploy never uses it)',
      of: { kind: 'string', describe: '', values: ['sha-short', 'branch', 'latest'] },
    },
    parallel: { kind: 'int', describe: 'Images built at the same time (default 2)', min: 1, max: 16 },
    'default-branch': { kind: 'string', describe: 'Branch that may move the latest tag (default: from the GitHub event, or origin/HEAD in the CLI)', pattern: /^[A-Za-z0-9._/-]+$/, patternHint: 'a branch name' },
    services: serviceMap('Build settings per service, merged key by key over the service\'s build: section in the Compose files: each key given here wins, args merge by name', {
      context: { ...relativePath, describe: 'Build context, relative to the config file\'s folder (default: the Compose build context, else the repository root)' },
      dockerfile: { ...relativePath, describe: 'Dockerfile, relative to the context (default: the Compose dockerfile, else Dockerfile)' },
      target: { kind: 'string', describe: 'Stage to build (docker build --target)', pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, patternHint: 'a stage name' },
      args: { kind: 'map', describe: 'Build arguments (--build-arg); never put secrets here, they end up in the image history', keyPattern: /^[A-Za-z_][A-Za-z0-9_]*$/, keyHint: 'a variable name', of: { kind: 'string', describe: '' } },
    }),
  },
};

export interface BuildServiceConfig {
  context?: string;
  dockerfile?: string;
  target?: string;
  args?: Record<string, string>;
}

export interface BuildConfig {
  tags?: ('sha-short' | 'branch' | 'latest')[];
  parallel?: number;
  defaultBranch?: string;
  services?: Record<string, BuildServiceConfig>;
}
