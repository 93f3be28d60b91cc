import { mapEntries, scalarString, type LNode } from '../../compose/model.js';
import { findVarRefs, interpolate, needsValue } from '../../compose/model-vars.js';
import type { SourceLocation } from '../../errors.js';
import type { RawFinding } from '../findings.js';
import type { RuleContext } from './context.js';
import { parseImage } from '../../compose/image-ref.js';
import { isDeployFilled } from './images.js';
import { isHostShellVariable } from '../../compose/host-shell.js';

/** Anywhere in the name, case-insensitive: DBPASSWORD, SECRETKEY and ACCESSTOKEN are as secret as their spaced spellings. */
const SECRET_PART = /PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL/;
/** Too short to look for inside other words (BYPASS, CWD), so only as a word of their own: DB_PASS, DB_PWD. */
const SECRET_WORDS = new Set(['PASS', 'PWD']);
/**
 * A last word that says the value is about a secret, not the secret: where it is (FILE, the
 * Compose convention for secrets mounted as files; PATH, DIR; URL, HOST, PORT, whose literal passwords the URL
 * check catches), how it is handled (TTL, TIMEOUT, LENGTH: numbers that guard nothing), or what names it
 * (KEY_NAME, TOKEN_TYPE, AUTH_MODULE, JWT_ALGORITHM, TOKEN_ISSUER: identifiers, not secrets).
 */
const NOT_THE_SECRET = new Set(['FILE', 'PATH', 'DIR', 'URL', 'HOST', 'PORT', 'TTL', 'TIMEOUT', 'LENGTH', 'NAME', 'TYPE', 'MODULE', 'ALGORITHM', 'ISSUER', 'AUDIENCE']);

/** Names of things that merely contain a secret part: an identity server, an NLP component, a database namespace. */
const NAMES_NOT_SECRETS = /KEYCLOAK|TOKENIZER|KEYSPACE|KEYSERVER/g;

export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase().replace(NAMES_NOT_SECRETS, '');
  const words = upper.split(/[_.-]+/);
  if (NOT_THE_SECRET.has(words[words.length - 1]!)) return false;
  return SECRET_PART.test(upper) || words.some((w) => SECRET_WORDS.has(w));
}

/** yes/no, true/false, on/off, 0/1: what a setting about a secret holds, never a secret itself. */
const SWITCH_VALUE = /^(yes|no|true|false|on|off|0|1)$/i;

/** scheme://user:password@host with a literal password. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:@/\s]+:([^@/\s]+)@/i;

/** Names whose only secret word is KEY: also identifiers (SORT_KEY, a client's APP_KEY). */
const ONLY_KEY = /KEY/;
const STRONG_SECRET = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL/;
/** A lowercase word or slug (`vault`, `my-app`, `orders.v2`): an identifier, unless it is a placeholder for a secret. */
const SLUG = /^[a-z]+(?:[-_.][a-z]+)*$/;
const PLACEHOLDER = /change|secret|passw|token|insecure|dummy|example|default|sample|xxx|key/i;

export function checkNoSecretLiterals(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of ctx.services) {
    for (const [key, entry] of mapEntries(s.get('environment'))) {
      const value = scalarString(entry.value);
      if (!value) continue;
      const problem = literalSecret(key, value);
      if (problem) out.push({ service: s.name, message: `service "${s.name}": ${key} ${problem}; take it from an env file (${key}: \${${key}}) or a Compose secret`, loc: entry.keyLoc });
    }
    for (const key of ['command', 'entrypoint', 'healthcheck'] as const) {
      const node = key === 'healthcheck' ? s.get('healthcheck', 'test') : s.get(key);
      const problem = commandSecret(node);
      if (problem) out.push({ service: s.name, message: `service "${s.name}": its ${key === 'healthcheck' ? 'healthcheck test' : key} ${problem}; pass it through a variable the env file declares (\${NAME}) or a Compose secret`, loc: s.loc(...(key === 'healthcheck' ? ['healthcheck', 'test'] : [key])) });
    }
  }
  return out;
}

/**
 * What makes an environment value a literal secret: a URL with a literal password (written, or as a
 * variable's default: `${DATABASE_URL:-postgresql://app:app@db/app}`), or a secret-named key whose value,
 * or whose default, is literal and shaped like a secret (not a switch, a path, or for KEY names a slug).
 */
export function literalSecret(key: string, value: string): string | undefined {
  if (urlPassword(value)) return 'holds a URL with a literal password';
  const refs = findVarRefs(value);
  // Rendered with nothing set, every default applies: `${DATABASE_URL:-postgresql://app:app@db/app}` and
  // `postgresql://${POSTGRES_USER:-app}:${POSTGRES_PASSWORD:-!ChangeMe!}@database/app` both show their password.
  if (refs.length > 0 && urlPassword(interpolate(value, NOTHING_SET, () => undefined))) return 'falls back to a URL with a literal password (a ${VAR:-default} fills it)';
  if (!isSecretName(key)) return undefined;
  if (refs.length === 0) return secretShaped(key, value) ? 'is a literal secret value' : undefined;
  const literalDefault = refs.find((r) => (r.op === ':-' || r.op === '-') && r.arg !== '' && findVarRefs(r.arg).length === 0 && secretShaped(key, r.arg));
  return literalDefault ? `falls back to a literal secret (\${${literalDefault.name}${literalDefault.op}...})` : undefined;
}

function urlPassword(text: string): boolean {
  const url = URL_PASSWORD.exec(text);
  return !!url && findVarRefs(url[1]!).length === 0;
}

const NOTHING_SET: ReadonlyMap<string, string> = new Map();

/** A literal that could be a secret: not a switch (ALLOW_EMPTY_PASSWORD: "yes"), not a path, and for KEY-only names not an identifier. */
function secretShaped(key: string, value: string): boolean {
  const v = value.trim();
  if (SWITCH_VALUE.test(v) || /^\/[^\s]*$/.test(v)) return false;
  const upper = key.toUpperCase().replace(NAMES_NOT_SECRETS, '');
  const keyOnly = ONLY_KEY.test(upper) && !STRONG_SECRET.test(upper) && !upper.split(/[_.-]+/).some((w) => SECRET_WORDS.has(w));
  return !(keyOnly && SLUG.test(v) && v.length <= 32 && !PLACEHOLDER.test(v));
}

/** Options that take a secret without saying so in a word of their own (Redis). */
const PASSWORD_OPTIONS = /^(requirepass|masterauth)$/i;

function isSecretOption(option: string): boolean {
  const name = option.replace(/^-+/, '');
  return PASSWORD_OPTIONS.test(name) || (name.length > 1 && isSecretName(name.replace(/-/g, '_')));
}

/** A literal secret in a command's words: after a secret-taking option, as NAME=value with a secret name, or in a URL. */
export function commandSecret(node: LNode | undefined): string | undefined {
  const words = node?.kind === 'seq' ? node.items.flatMap((i) => (scalarString(i) ?? '').split(/\s+/)) : (scalarString(node) ?? '').split(/\s+/);
  const literal = (v: string | undefined) => v !== undefined && v !== '' && !v.includes('$') && !v.startsWith('-') && !/^\/\S*$/.test(v) && !SWITCH_VALUE.test(v);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.replace(/^["']|["']$/g, '');
    if (urlPassword(w.replace(/^[^=]*=/, ''))) return 'holds a URL with a literal password';
    const opt = /^(--?[\w-]+)(?:=(.*))?$/.exec(w);
    if (opt && isSecretOption(opt[1]!)) {
      const v = (opt[2] ?? words[i + 1])?.replace(/^["']|["']$/g, '');
      if (literal(v) && secretShaped(opt[1]!.replace(/^-+/, '').replace(/-/g, '_'), v!)) return `passes a literal secret to ${opt[1]}`;
    }
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(w);
    if (assign && isSecretName(assign[1]!) && literal(assign[2]) && secretShaped(assign[1]!, assign[2]!)) return `sets ${assign[1]} to a literal secret`;
  }
  return undefined;
}

/** Variables in image tags that the deploy fills (IMAGE_TAG, COMPOSE_DEPLOY_SHA); they need no declaration. */
export function imageTagVariables(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const s of ctx.services) {
    const tag = parseImage(s.str('image') ?? '').tag;
    if (tag) for (const r of findVarRefs(tag)) if (isDeployFilled(r.name, tag.slice(0, r.start))) names.add(r.name);
  }
  return names;
}

export function checkEnvDeclared(ctx: RuleContext): RawFinding[] {
  const filled = imageTagVariables(ctx);
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  const declared = (name: string) => filled.has(name) || ctx.env?.has(name) || ctx.includedEnv.has(name) || isHostShellVariable(name);
  const where = (name: string) => ctx.envFile
    ? `is not declared in ${ctx.envFile}; add ${name}= to it`
    : `is not declared: the ${ctx.setName} set names no example env file (compose.${ctx.setName}.env-file, e.g. .env${ctx.setName === 'prod' ? '.prod' : ''}.example)`;
  walkStrings(ctx.tree, ctx.tree.loc, (text, loc) => {
    for (const ref of findVarRefs(text)) {
      const id = `${ref.name}@${loc.file}:${loc.line}`;
      if (seen.has(id)) continue;
      const entry = ctx.env?.get(ref.name);
      // ${VAR:?} refuses an empty value: an example env file that declares VAR= makes the set fail to render.
      if (ref.op === ':?' && entry?.value === '' && ctx.envFile && !filled.has(ref.name)) {
        seen.add(id);
        out.push({
          message: `${ref.name} is declared empty here, but \${${ref.name}:?...} (${loc.file}${loc.line ? `:${loc.line}` : ''}) requires a value, so Compose refuses the set; give it a placeholder value in ${ctx.envFile}`,
          loc: { file: ctx.envFile, line: entry.line, column: 1 },
        });
        continue;
      }
      if (!needsValue(ref) || declared(ref.name)) continue;
      seen.add(id);
      out.push({ message: `\${${ref.name}} has no default and ${where(ref.name)} (or write \${${ref.name}:-default})`, loc });
    }
  });
  // `environment: [SECRET]` passes the variable through from where Compose runs: on the host, the release's .env.
  // Unset, it is left out of the container, which is how optional settings keep the image's default; a secret has none.
  // An example env file that declares some of a service's pass-throughs has said which it needs: the rest are optional.
  for (const s of ctx.services) {
    if (s.has('env_file')) continue;
    const passed = mapEntries(s.get('environment')).filter(([, e]) => e.value.kind === 'scalar' && e.value.value === null);
    if (passed.some(([name]) => ctx.env?.has(name))) continue;
    for (const [name, e] of passed) {
      if (!isSecretName(name) || declared(name)) continue;
      out.push({ service: s.name, message: `service "${s.name}" passes ${name} through from the environment Compose runs in, but it ${where(name)} (on the host it would be unset)`, loc: e.keyLoc });
    }
  }
  return out;
}

/** Variables the set uses that the deploy's shell on the host sets (PWD, HOME…): taken as declared, and said so. */
export function hostShellVariables(ctx: RuleContext): string[] {
  const names = new Set<string>();
  walkStrings(ctx.tree, ctx.tree.loc, (text) => {
    for (const ref of findVarRefs(text)) if (isHostShellVariable(ref.name)) names.add(ref.name);
  });
  return [...names].sort();
}

/** Every string value with the line of the key (or list item) that holds it. */
function walkStrings(node: LNode, at: SourceLocation, visit: (text: string, loc: SourceLocation) => void): void {
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string') visit(node.value, at);
  } else if (node.kind === 'seq') {
    for (const item of node.items) walkStrings(item, item.loc, visit);
  } else {
    for (const [, e] of node.entries) walkStrings(e.value, e.keyLoc, visit);
  }
}
