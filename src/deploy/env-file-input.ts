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
