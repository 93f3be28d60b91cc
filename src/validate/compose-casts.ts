/*
 * Compose reads every value as text from YAML or interpolation, and then casts the values of some keys
 * to the number or boolean its model wants: `published: ${HTTP_PORT:-80}` becomes 80, `read_only:
 * "${RO:-true}"` becomes true. The built-in renderer does the same before the schema check, or a set the
 * Compose CLI accepts would fail with "must be integer". The keys are those both Compose v2 (compose-go's
 * interpolation casts) and v1 (its ConversionMap) cast; text that does not parse is left as it is, so the
 * schema still rejects it, as Compose rejects a value it cannot cast.
 */

type Cast = 'int' | 'float' | 'bool';

/** `*`: any key of a map; `[]`: any item of a list. */
const CASTS: readonly (readonly [string, Cast])[] = [
  ['services.*.blkio_config.weight', 'int'],
  ['services.*.blkio_config.weight_device.[].weight', 'int'],
  ['services.*.configs.[].mode', 'int'],
  ['services.*.secrets.[].mode', 'int'],
  ['services.*.cpu_count', 'int'],
  ['services.*.cpus', 'float'],
  ['services.*.deploy.replicas', 'int'],
  ['services.*.deploy.placement.max_replicas_per_node', 'int'],
  ['services.*.deploy.resources.limits.cpus', 'float'],
  ['services.*.deploy.restart_policy.max_attempts', 'int'],
  ['services.*.deploy.update_config.parallelism', 'int'],
  ['services.*.deploy.update_config.max_failure_ratio', 'float'],
  ['services.*.deploy.rollback_config.parallelism', 'int'],
  ['services.*.deploy.rollback_config.max_failure_ratio', 'float'],
  ['services.*.healthcheck.retries', 'int'],
  ['services.*.healthcheck.disable', 'bool'],
  ['services.*.init', 'bool'],
  ['services.*.mem_swappiness', 'int'],
  ['services.*.oom_kill_disable', 'bool'],
  ['services.*.oom_score_adj', 'int'],
  // v2 keeps a published port as text (it may be a range, "8000-8010"); a single number is the same port either way.
  ['services.*.ports.[].published', 'int'],
  ['services.*.ports.[].target', 'int'],
  ['services.*.privileged', 'bool'],
  ['services.*.read_only', 'bool'],
  ['services.*.scale', 'int'],
  ['services.*.stdin_open', 'bool'],
  ['services.*.tty', 'bool'],
  ['services.*.ulimits.*', 'int'],
  ['services.*.ulimits.*.soft', 'int'],
  ['services.*.ulimits.*.hard', 'int'],
  ['services.*.volumes.[].read_only', 'bool'],
  ['services.*.volumes.[].volume.nocopy', 'bool'],
  ['networks.*.attachable', 'bool'],
  ['networks.*.enable_ipv6', 'bool'],
  ['networks.*.external', 'bool'],
  ['networks.*.internal', 'bool'],
  ['volumes.*.external', 'bool'],
  ['secrets.*.external', 'bool'],
  ['configs.*.external', 'bool'],
];

const PATTERNS = CASTS.map(([path, cast]) => ({ parts: path.split('.'), cast }));

/** Both Compose versions take YAML 1.1's words for booleans, in any case. */
const TRUE = new Set(['true', 'yes', 'y', 'on']);
const FALSE = new Set(['false', 'no', 'n', 'off']);

function cast(text: string, to: Cast): unknown {
  const t = text.trim();
  if (to === 'int') return /^[+-]?\d+$/.test(t) ? Number(t) : text;
  if (to === 'float') return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : text;
  const lower = t.toLowerCase();
  return TRUE.has(lower) ? true : FALSE.has(lower) ? false : text;
}

function castFor(path: readonly (string | number)[]): Cast | undefined {
  for (const p of PATTERNS) {
    if (p.parts.length !== path.length) continue;
    if (p.parts.every((part, i) => (part === '[]' ? typeof path[i] === 'number' : part === '*' ? typeof path[i] === 'string' : part === path[i]))) return p.cast;
  }
  return undefined;
}

/** The rendered (interpolated, plain) model with the text of the typed keys cast as Compose casts it. */
export function castLikeCompose(data: unknown, path: (string | number)[] = []): unknown {
  if (Array.isArray(data)) return data.map((v, i) => castLikeCompose(v, [...path, i]));
  if (data !== null && typeof data === 'object') return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, castLikeCompose(v, [...path, k])]));
  if (typeof data !== 'string') return data;
  const to = castFor(path);
  return to ? cast(data, to) : data;
}
