import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import { composeSchema } from './compose-schema.js';
import { locate, type LMap } from '../compose/model.js';
import { closest } from '../config/schema.js';
import { loadError, type Finding } from './findings.js';

let compiled: ValidateFunction | undefined;

/** The Compose specification's JSON schema, compiled once (only the fallback path needs it). */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // Compose's own formats (durations like "30s", port specs) are checked by Compose, not here.
  for (const f of ['duration', 'expose', 'ports', 'subnet_ip_address']) ajv.addFormat(f, true);
  compiled = ajv.compile(composeSchema());
  return compiled;
}

/**
 * Checks the merged, interpolated set against the Compose specification and points every
 * error at the key that caused it in the source file that set it.
 */
export function schemaFindings(data: unknown, tree: LMap): Finding[] {
  const validate = validator();
  if (validate(data)) return [];
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const err of relevant(validate.errors ?? [])) {
    const path = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const extra = err.keyword === 'additionalProperties' ? String((err.params as { additionalProperty: string }).additionalProperty) : undefined;
    const full = extra ? [...path, extra] : path;
    const id = full.join('.');
    if (seen.has(id)) continue;
    seen.add(id);
    const what = extra ? `unknown key "${extra}"${path.length ? ` in ${path.join('.')}` : ''}${didYouMean(extra, path)}` : `${id || '(top level)'} ${err.message ?? 'is invalid'}`;
    out.push(loadError('schema', `Compose specification: ${what}`, locate(tree, full.map((s) => (/^\d+$/.test(s) ? Number(s) : s)))));
  }
  return out;
}

/** A close spelling among the keys the specification allows at that place (services.x.helthcheck -> healthcheck). */
export function didYouMean(key: string, parentPath: readonly string[]): string {
  const spec = composeSchema() as { properties: Record<string, unknown>; definitions: { service: { properties: Record<string, unknown> } } };
  const allowed = parentPath.length === 0 ? Object.keys(spec.properties) : parentPath[0] === 'services' && parentPath.length === 2 ? Object.keys(spec.definitions.service.properties) : [];
  // The Compose CLI rejected a key the specification has: the CLI is older than the key (v1 and post_start).
  if (allowed.includes(key)) return '; the Compose specification has this key, but this Compose version is older than it (Compose v2 renders it)';
  const hint = closest(key, allowed);
  return hint ? `; did you mean "${hint}"?` : '';
}

/** oneOf/anyOf report every branch; the deepest concrete errors say what is actually wrong. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not', 'then', 'else'].includes(e.keyword));
  const list = concrete.length > 0 ? concrete : [...errors];
  return [...list].sort((a, b) => Number(b.keyword === 'additionalProperties') - Number(a.keyword === 'additionalProperties'));
}
