import { locate, mapEntries, nodeAt, scalarString, type LMap, type LNode } from '../compose/model.js';
import type { SourceLocation } from '../errors.js';
import { MAX_TOOL_LINES, redactComposeLine, tracebackSummary, type EchoContext } from './echo-redact.js';
import { loadError, type Finding } from './findings.js';
import { didYouMean } from './schema-check.js';
import { relativeTo } from '../compose/sets.js';
import { findVarRefs } from '../compose/model-vars.js';

/**
 * Turns the Compose CLI's complaint into findings on the right line. Neither v1 nor v2 prints
 * lines for schema errors, but both name the dotted path (services.web.restart) and usually the
 * file, so the path is looked up in the located trees of the set's files. Values Compose repeats
 * are dropped (see echo-redact.ts): only names and locations reach the finding.
 */
export function cliErrorFindings(output: string, files: ReadonlyMap<string, LMap>, cwd: string, echo: EchoContext, model?: LMap): Finding[] {
  const lines = joinYamlPositions(output.split('\n').map((l) => l.replace(/^(ERROR|error):\s*/, '').trim()).filter((l) => l && !isNoise(l)));
  const named = /(?:The Compose file|validating) '?([^'\s:]+\.ya?ml)'?/.exec(output)?.[1];
  const normalized = named ? normalizeFile(named, cwd) : undefined;
  // Only a file of the set may be named: anything else Compose mentions is not shown.
  const file = normalized && files.has(normalized) ? normalized : undefined;
  const crash = tracebackSummary(lines);
  if (crash) return [loadError('schema', `Compose config: ${crash}`, { file: file ?? [...files.keys()].pop() ?? '' })];
  const findings: Finding[] = [];
  // Locations are read from Compose's own line; only the redacted text is shown.
  for (const line of lines.slice(0, MAX_TOOL_LINES)) {
    if (/^The Compose file .* is invalid because:$/.test(line)) continue;
    const known = pinnedByMeaning(line, model);
    if (known) {
      findings.push(loadError('schema', `Compose config: ${known.text}`, known.loc));
      continue;
    }
    const loc = locateMessage(line, file, files, model);
    const unknown = /Unsupported config option for ([\w.-]+): '([^']+)'|([\w.-]+) [Aa]dditional property '?([\w.-]+)'? is not allowed/.exec(line);
    const hint = unknown ? didYouMean((unknown[2] ?? unknown[4])!, (unknown[1] ?? unknown[3])!.split('.')) : '';
    findings.push(loadError('schema', `Compose config: ${redactComposeLine(line.replace(/^validating \S+: /, ''), { ...echo, root: echo.root ?? cwd })}${hint}`, loc));
  }
  if (findings.length === 0) findings.push(loadError('schema', 'the Compose CLI rejected the set without saying why', { file: file ?? [...files.keys()].pop() ?? '' }));
  return findings;
}

/** v1's YAML errors put where they are on lines of their own (`in "./f.yaml", line 3, column 12`): one finding, with its place. */
function joinYamlPositions(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (/^in "[^"]+", line \d+, column \d+$/.test(line) && out.length > 0 && !/, line \d+, column \d+/.test(out.at(-1)!)) out[out.length - 1] += ` ${line}`;
    else out.push(line);
  }
  return out;
}

function isNoise(line: string): boolean {
  return (
    /variable is not set\. Defaulting to a blank string/.test(line) ||
    /^WARNING/.test(line) ||
    /the attribute `version` is obsolete/.test(line) ||
    // v1's boilerplate after a top-level key it does not know (name:): advice about file versions, not a finding.
    /^You might be seeing this error because you're using the wrong Compose file version/.test(line) ||
    /^For more on the Compose file format versions, see/.test(line)
  );
}

function normalizeFile(name: string, cwd: string): string {
  return relativeTo(cwd, name.startsWith('/') ? name : name.replace(/^\.\//, ''));
}

/**
 * Errors that name no key: a port Compose cannot parse (v2: "No port specified: 8080:<empty>",
 * "Invalid hostPort: x") and an env_file that does not exist (v2: "env file <abs> not found",
 * v1: "Couldn't find env file: <abs>"). Found in the model by what they mean; the text is ours, so
 * neither the runner's paths nor the value reach the finding.
 */
function pinnedByMeaning(line: string, model: LMap | undefined): { loc: SourceLocation; text: string } | undefined {
  if (!model) return undefined;
  const envFile = /env file (\S+) not found|find env file:? (\S+)/i.exec(line);
  if (envFile) {
    const missing = (envFile[1] ?? envFile[2]!).replace(/\\/g, '/');
    const hit = envFileItems(model).filter((i) => missing.endsWith(`/${i.path.replace(/^\.\//, '')}`)).sort((a, b) => b.path.length - a.path.length)[0];
    return hit ? { loc: hit.loc, text: `services.${hit.service}.env_file: the env file does not exist` } : undefined;
  }
  // v1 refuses to extend a service that depends on others; v2 inherits the keys. The key is in the extended file.
  const noExtend = /Cannot extend service '[\w.-]+' in (\S+?):? services with '([\w_]+)' cannot be extended/.exec(line);
  if (noExtend) {
    const [, file, key] = noExtend;
    const hit = mapEntries(nodeAt(model, ['services'])).map(([service, e]) => ({ service, entry: e.value.kind === 'map' ? e.value.entries.get(key!) : undefined }))
      .find((h) => h.entry && file!.replace(/\\/g, '/').endsWith(`/${h.entry.keyLoc.file}`));
    return hit ? { loc: hit.entry!.keyLoc, text: `services.${hit.service}: the service it extends has ${key}, which this Compose version does not let a service extend` } : undefined;
  }
  // v1 checks ports with its schema, after interpolation, and names only the list: the item a variable fills is the suspect.
  const v1Ports = /\bservices\.([\w.-]+)\.ports contains an invalid type/.exec(line);
  if (v1Ports) {
    const items = portItems(model).filter((i) => i.service === v1Ports[1]);
    const hit = items.find((i) => i.text.includes('$')) ?? items[0];
    return hit ? { loc: hit.loc, text: `services.${hit.service}.ports: a port mapping does not parse` } : undefined;
  }
  // v2: a short volume whose variable rendered empty (`${MEDIA}:/media` printed as `:/media`): the item whose fixed text fits.
  const spec = /^invalid spec: (.*): empty section between colons$/.exec(line);
  if (spec) {
    const items = seqItems(model, 'volumes');
    const hit = items.find((i) => i.text.includes('$') && skeleton(i.text).test(spec[1]!)) ?? items.find((i) => i.text.includes('$'));
    return hit ? { loc: hit.loc, text: `services.${hit.service}.volumes: a volume has an empty part (a variable renders empty)` } : undefined;
  }
  const port = /^(?:No port specified|Invalid (?:hostPort|containerPort|ip address|proto(?:col)?)):\s*(.*)$/i.exec(line);
  if (port) {
    const fragment = port[1]!.replace(/<empty>/g, '');
    const items = portItems(model);
    // What Compose printed is the item rendered: an item with variables whose fixed text fits it comes first
    // (`80:${P}` printed as `80:`), never another service's literal `80:80` that merely contains it.
    const hit = items.find((i) => i.text.includes('$') && skeleton(i.text).test(fragment)) ?? items.find((i) => i.text === fragment) ?? items.find((i) => i.text.includes('$'));
    const kind = /^No port/i.test(line) ? 'a port mapping names no port' : 'a port mapping does not parse';
    return hit ? { loc: hit.loc, text: `services.${hit.service}.ports: ${kind}` } : undefined;
  }
  return undefined;
}

/** A port item as a pattern of what it can render to: each variable may become anything, the rest is fixed. */
function skeleton(text: string): RegExp {
  const refs = findVarRefs(text);
  let out = '';
  let at = 0;
  for (const r of refs) {
    out += escapeRegExp(text.slice(at, r.start)) + '.*';
    at = r.end;
  }
  return new RegExp(`^${out}${escapeRegExp(text.slice(at))}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function envFileItems(model: LMap): { service: string; path: string; loc: SourceLocation }[] {
  return mapEntries(nodeAt(model, ['services'])).flatMap(([service, e]) => {
    const node = nodeAt(e.value, ['env_file']);
    const items = node?.kind === 'seq' ? node.items : node ? [node] : [];
    return items.flatMap((i) => {
      const path = scalarString(i.kind === 'map' ? nodeAt(i, ['path']) : i);
      return path === undefined ? [] : [{ service, path, loc: i.loc }];
    });
  });
}

function portItems(model: LMap): { service: string; text: string; loc: SourceLocation }[] {
  return seqItems(model, 'ports');
}

/** The short-syntax items of a list key (ports, volumes) of every service, as written. */
function seqItems(model: LMap, key: string): { service: string; text: string; loc: SourceLocation }[] {
  return mapEntries(nodeAt(model, ['services'])).flatMap(([service, e]) => {
    const node = nodeAt(e.value, [key]);
    return node?.kind === 'seq' ? node.items.flatMap((i) => (i.kind === 'scalar' ? [{ service, text: String(i.value), loc: i.loc }] : [])) : [];
  });
}

function locateMessage(raw: string, file: string | undefined, files: ReadonlyMap<string, LMap>, model?: LMap): SourceLocation {
  // v2 decoding errors write services[web].mem_limit.
  const line = raw.replace(/\b(services|volumes|networks|secrets|configs)\[([\w.-]+)\]/g, '$1.$2');
  const yamlPos = /in "([^"]+)", line (\d+), column (\d+)/.exec(line);
  if (yamlPos) return { file: yamlPos[1]!.replace(/^\.\//, ''), line: Number(yamlPos[2]), column: Number(yamlPos[3]) };
  const unsupported = /Unsupported config option for ([\w.-]+): '([^']+)'/.exec(line);
  const extra = /[Aa]dditional propert(?:y|ies) '?([\w.-]+)'?/.exec(line) ?? /(?:^|value )'([\w.-]+)' does not match any of the regexes/.exec(line);
  // v1's type conversion errors say "service.web.cpus" (singular).
  const dotted = unsupported?.[1] ?? /\b((?:services|volumes|networks|secrets|configs|x-[\w-]+)(?:\.[\w-]+)+)/.exec(line)?.[1] ?? /\bservice(\.[\w-]+(?:\.[\w-]+)*)/.exec(line)?.[1]?.replace(/^/, 'services');
  const service = /in service "([\w.-]+)"/.exec(line)?.[1];
  const key = unsupported?.[2] ?? extra?.[1];
  const candidates = file && files.has(file) ? [file] : [...files.keys()].reverse();
  // Without a file named, the merged model comes first: it holds what extended and included files wrote, at their lines.
  const trees = [...(model && !(file && files.has(file)) ? [model] : []), ...candidates.map((f) => files.get(f)!)];
  const interpolated = v1Interpolation(line);
  let best: { loc: SourceLocation; depth: number } | undefined;
  for (const tree of trees) {
    const at = interpolated && locateInterpolation(tree, interpolated);
    if (at) return at;
    // A key named with no path at all (v1: "'name' does not match any of the regexes") is a top-level one.
    const path = dotted ? resolveDotted(tree, dotted) : service ? ['services', service] : key ? [] : undefined;
    if (!path) continue;
    const full = key && nodeAt(tree, [...path, key]) ? [...path, key] : path;
    // The file that holds the longest part of the named path wrote it (not the override that only shares "services").
    if (nodeAt(tree, full) && (!best || full.length > best.depth)) best = { loc: locate(tree, full), depth: full.length };
  }
  return best?.loc ?? { file: file ?? candidates[0] ?? '' };
}

/**
 * v2 names the variable's key (services.api.environment.REGION); v1 names only the option and the
 * service (`... for "environment" option interpolating {...} in service "api": set the region`).
 * The key is the one whose value holds `?<that message>`, so both versions point at the same line.
 */
function v1Interpolation(line: string): { service: string; option: string; message: string } | undefined {
  const m = /for "([\w.-]+)" option .*in service "([\w.-]+)": (.+)$/.exec(line);
  return m ? { option: m[1]!, service: m[2]!, message: m[3]! } : undefined;
}

function locateInterpolation(tree: LMap, i: { service: string; option: string; message: string }): SourceLocation | undefined {
  const path = ['services', i.service, i.option];
  const node = nodeAt(tree, path);
  const holds = (n: LNode) => n.kind === 'scalar' && String(n.value).includes(`?${i.message}}`);
  if (node?.kind === 'map') {
    for (const [key, entry] of node.entries) if (holds(entry.value)) return locate(tree, [...path, key]);
  } else if (node?.kind === 'seq') {
    const index = node.items.findIndex(holds);
    if (index >= 0) return locate(tree, [...path, index]);
  }
  return node ? locate(tree, path) : undefined;
}

/** Splits "services.web.v1.ports" into existing keys; names may contain dots, so try the longest key first. */
export function resolveDotted(tree: LNode, dotted: string): string[] | undefined {
  const parts = dotted.split('.');
  const out: string[] = [];
  let cur: LNode | undefined = tree;
  let i = 0;
  while (i < parts.length && cur?.kind === 'map') {
    let matched = false;
    for (let j = parts.length; j > i; j--) {
      const key = parts.slice(i, j).join('.');
      const e = cur.entries.get(key);
      if (e) {
        out.push(key);
        cur = e.value;
        i = j;
        matched = true;
        break;
      }
    }
    if (!matched) break;
  }
  return out.length > 0 ? out : undefined;
}
