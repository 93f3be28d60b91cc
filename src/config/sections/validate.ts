import type { Field } from '../schema.js';
import { RELATIVE_FILE, RELATIVE_FILE_HINT, SERVICE_NAME, SERVICE_NAME_HINT } from '../names.js';
import { RULES, type RuleId, type RuleSeverity } from '../rule-catalog.js';

const services = (describe: string): Field => ({ kind: 'list', describe, of: { kind: 'string', describe: '', pattern: SERVICE_NAME, patternHint: SERVICE_NAME_HINT } });
const severity = (why: string, dflt: string): Field => ({ kind: 'string', describe: `${why} (default ${dflt})`, values: ['off', 'warning', 'error'] });

/** Settings of `validate` (issue 4). */
export const validateSection: Field = {
  kind: 'object',
  describe: 'Settings of the validate command',
  fields: {
    'fail-on': { kind: 'string', describe: 'Fail the step on errors only, or on warnings too (default error)', values: ['error', 'warning'] },
    renderer: { kind: 'string', describe: 'How sets are rendered: the Compose CLI when present (auto), always it (compose), or never, only the built-in merge + schema check (schema)', values: ['auto', 'compose', 'schema'] },
    rules: {
      kind: 'object',
      describe: 'Severity of each production rule: off, warning or error',
      fields: Object.fromEntries(RULES.map((r) => [r.id, severity(r.why, r.severity)])),
    },
    ignore: {
      kind: 'object',
      describe: 'Per rule, the services whose findings of that rule are silenced (e.g. ports-proxy-only: [adminer])',
      fields: Object.fromEntries(RULES.map((r) => [r.id, services(`Services ${r.id} says nothing about`)])),
    },
    proxy: services('Services that may publish host ports (default: the edge as the model shows it: a web server by name, image, build, Dockerfile, command or mounts, or the one service publishing 80/443)'),
    'allow-docker-socket': services('Services allowed to mount the Docker socket'),
    'allow-source-mounts': services('Services allowed to bind-mount the source tree in prod'),
    jobs: services('Extra one-shot services (besides deploy.migrate.service and names like migrate/seed/init)'),
    workflows: { kind: 'list', describe: 'Workflow files or folders (e.g. .github/workflows) checked with GitHub\'s workflow parser', of: { kind: 'string', describe: '', pattern: RELATIVE_FILE, patternHint: RELATIVE_FILE_HINT } },
  },
};

export interface ValidateConfig {
  failOn?: 'error' | 'warning';
  renderer?: 'auto' | 'compose' | 'schema';
  /** camelCased by the config reader: kebab rule ids become camelCase keys. */
  rules?: Record<string, RuleSeverity>;
  /** camelCased rule ids, each with the services it is silenced for. */
  ignore?: Record<string, string[]>;
  proxy?: string[];
  allowDockerSocket?: string[];
  allowSourceMounts?: string[];
  jobs?: string[];
  workflows?: string[];
}

export type { RuleId };
