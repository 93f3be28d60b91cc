import { mapEntries, scalarString, type LNode } from '../../compose/model.js';
import { findVarRefs, needsValue } from '../../compose/model-vars.js';
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
 * check catches) or how it is handled (TTL, TIMEOUT, LENGTH: numbers that guard nothing).
 */
const NOT_THE_SECRET = new Set(['FILE', 'PATH', 'DIR', 'URL', 'HOST', 'PORT', 'TTL', 'TIMEOUT', 'LENGTH']);

/** Names of things that merely contain a secret part: an identity server, an NLP component, a database namespace. */
const NAMES_NOT_SECRETS = /KEYCLOAK|TOKENIZER|KEYSPACE/g;

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

export function checkNoSecretLiterals(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const s of ctx.services) {
    for (const [key, entry] of mapEntries(s.get('environment'))) {
      const value = scalarString(entry.value);
      if (!value) continue;
      const refs = findVarRefs(value);
      const problem = literalSecret(key, value, refs);
      if (problem) out.push({ message: `service "${s.name}": ${key} ${problem}; take it from an env file (${key}: \${${key}}) or a Compose secret`, loc: entry.keyLoc });
    }
  }
  return out;
}

function literalSecret(key: string, value: string, refs: ReturnType<typeof findVarRefs>): string | undefined {
  const url = URL_PASSWORD.exec(value);
  if (url && findVarRefs(url[1]!).length === 0) return 'holds a URL with a literal password';
  if (!isSecretName(key)) return undefined;
  // A switch about a secret (ALLOW_EMPTY_PASSWORD: "yes") is not one.
  if (refs.length === 0) return SWITCH_VALUE.test(value.trim()) ? undefined : 'is a literal secret value';
  const literalDefault = refs.find((r) => (r.op === ':-' || r.op === '-') && r.arg !== '' && findVarRefs(r.arg).length === 0);
  return literalDefault ? `falls back to a literal secret (\${${literalDefault.name}${literalDefault.op}...})` : undefined;
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
  walkStrings(ctx.tree, ctx.tree.loc, (text, loc) => {
    for (const ref of findVarRefs(text)) {
      if (!needsValue(ref) || filled.has(ref.name) || ctx.env?.has(ref.name) || ctx.includedEnv.has(ref.name) || isHostShellVariable(ref.name)) continue;
      const id = `${ref.name}@${loc.file}:${loc.line}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const where = ctx.envFile
        ? `is not declared in ${ctx.envFile}; add ${ref.name}= to it`
        : `is not declared: the ${ctx.setName} set names no example env file (compose.${ctx.setName}.env-file, e.g. .env${ctx.setName === 'prod' ? '.prod' : ''}.example)`;
      out.push({ message: `\${${ref.name}} has no default and ${where} (or write \${${ref.name}:-default})`, loc });
    }
  });
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
