import type { ComposeFlavor } from '../compose/cli.js';
import { envFlavorOf, parseEnvText } from '../compose/model-env.js';
import { InputError } from '../errors.js';

/**
 * The env-file input becomes the release's .env, which the host's Compose reads with --env-file. A line
 * it would refuse (v2) or silently skip (v1) is bad input, found before anything is uploaded, and named
 * by its line alone: Compose's own error would quote the value, and the value is a secret.
 */
export function checkEnvFileInput(content: string, compose: ComposeFlavor, where: string): void {
  try {
    parseEnvText(content, 'env-file', { flavor: envFlavorOf(compose) });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(`input "env-file", line ${err.location?.line}: ${err.detail}, as ${compose} on ${where} reads it. Nothing was changed.`);
  }
}

/**
 * The prod env file a deploy writes into the release, checked for its shape before anything connects
 * (its grammar is checked at preflight, with the host's Compose, by checkEnvFileInput): a line that
 * is not `KEY=value` (a key with ";", a stray command on a line of its own, a leading "-") or a NUL
 * byte is bad input, said by line number only, since the line may hold a secret. A double- or
 * single-quoted value may run over several lines, as Compose v2 reads it.
 */
export function checkEnvFileShape(text: string, name: string): void {
  let open: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const at = { file: name, line: i + 1, column: 1 };
    if (raw.includes('\0')) throw new InputError('a NUL byte in the env file', at);
    if (open) {
      if (closes(raw, open)) open = undefined;
      return;
    }
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (m && m[1]!.length > 255) throw new InputError(`a variable name of ${m[1]!.length} characters; at most 255 are accepted`, at);
    if (!m) throw new InputError('invalid env file line: expected KEY=value (the line is not shown: it may hold a secret)', at);
    const value = m[2] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'") && !closes(value.slice(1), quote)) open = quote;
  });
  if (open) throw new InputError(`a quoted value (${open}) is never closed`, { file: name });
}

/** Whether a quote `q` closes in this text (a backslash escapes a double quote). */
function closes(text: string, q: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) return true;
  }
  return false;
}
