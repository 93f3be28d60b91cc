import type { Field } from '../schema.js';

/** Settings of `validate` (issue: validate). */
export const validateSection: Field = {
  kind: 'object',
  describe: 'Settings of the validate command',
  fields: {
    'fail-on': { kind: 'string', describe: 'Fail the step on errors only, or on warnings too (default error)', values: ['error', 'warning'] },
  },
};

export interface ValidateConfig {
  failOn?: 'error' | 'warning';
}
