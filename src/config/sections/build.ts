import type { Field } from '../schema.js';

/** Settings of `build` (issue: build). */
export const buildSection: Field = {
  kind: 'object',
  describe: 'Settings of the build command',
  fields: {},
};

export type BuildConfig = Record<string, never>;
