import type { Field } from '../schema.js';
import { RELATIVE_FILE, RELATIVE_FILE_HINT } from '../names.js';

const composeSet: Field = {
  kind: 'object',
  describe: 'A Compose file set',
  fields: {
    files: { kind: 'list', describe: 'Compose files, merged in order (like repeated -f)', of: { kind: 'string', describe: '', pattern: RELATIVE_FILE, patternHint: RELATIVE_FILE_HINT } },
    'env-file': { kind: 'string', describe: 'Env file used for interpolation when rendering this set (e.g. .env.example)', pattern: RELATIVE_FILE, patternHint: RELATIVE_FILE_HINT },
  },
  required: ['files'],
};

export const composeSection: Field = {
  kind: 'object',
  describe: 'The Compose file sets. Without this section the conventional layouts are discovered.',
  fields: { dev: composeSet, prod: composeSet },
};

export interface ComposeSetConfig {
  files: string[];
  envFile?: string;
}
export interface ComposeConfig {
  dev?: ComposeSetConfig;
  prod?: ComposeSetConfig;
}
