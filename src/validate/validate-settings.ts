import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { camel } from '../config/schema.js';
import type { Settings } from '../config/settings.js';
import { InputError } from '../errors.js';
import type { RendererMode } from './render.js';
import { RULES, type RuleId, type RuleSeverity } from '../config/rule-catalog.js';

/** validate's own settings, parsed once at its boundary. */
export interface ValidateSettings {
  failOn: 'error' | 'warning';
  renderer: RendererMode;
  reportFile: string;
  severity: Record<RuleId, RuleSeverity>;
  proxy: Set<string>;
  jobs: Set<string>;
  allowDockerSocket: Set<string>;
  allowSourceMounts: Set<string>;
  /** validate.ignore: per rule, the services whose findings of that rule are silenced. */
  ignore: Partial<Record<RuleId, Set<string>>>;
  /** Workflow files or folders to check; empty: none. */
  workflows: string[];
  /** Where that list came from, to name it in findings. */
  workflowsKey: string;
}

export function validateSettings(settings: Settings, env: NodeJS.ProcessEnv): ValidateSettings {
  const cfg = settings.config.validate ?? {};
  const failOn = oneOf('fail-on', settings.option('fail-on', cfg.failOn)!, ['error', 'warning'] as const);
  const renderer = oneOf('renderer', settings.option('renderer', cfg.renderer)!, ['auto', 'compose', 'schema'] as const);
  const tmp = env['RUNNER_TEMP'] || tmpdir();
  const reportFile = resolve(settings.cwd, settings.option('report-file') ?? join(tmp, 'compose-deploy-validate.json'));
  const severity = Object.fromEntries(RULES.map((r) => [r.id, cfg.rules?.[camel(r.id)] ?? r.severity])) as Record<RuleId, RuleSeverity>;
  return {
    failOn,
    renderer,
    reportFile,
    severity,
    proxy: new Set(cfg.proxy ?? []),
    jobs: new Set(cfg.jobs ?? []),
    allowDockerSocket: new Set(cfg.allowDockerSocket ?? []),
    allowSourceMounts: new Set(cfg.allowSourceMounts ?? []),
    ignore: Object.fromEntries(RULES.flatMap((r) => {
      const services = cfg.ignore?.[camel(r.id)];
      return services ? [[r.id, new Set(services)]] : [];
    })),
    workflows: workflowPaths(settings.option('workflows'), cfg.workflows),
    workflowsKey: settings.option('workflows') === undefined ? 'validate.workflows' : 'workflows',
  };
}

/** The input is a list separated by commas or new lines; it replaces the config file's list. */
function workflowPaths(input: string | undefined, fromConfig: string[] | undefined): string[] {
  if (input === undefined) return fromConfig ?? [];
  return input.split(/[,\n]/).map((p) => p.trim()).filter(Boolean);
}

function oneOf<T extends string>(name: string, value: string, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(value)) throw new InputError(`input "${name}" must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}
