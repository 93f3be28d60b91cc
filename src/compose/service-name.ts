import { InputError, shownValue, type SourceLocation } from '../errors.js';
import type { LMap } from './model.js';
import { SERVICE_NAME, SERVICE_NAME_HINT } from '../config/names.js';

/** A service name becomes a host name on the project network and part of each container's name: 255 is already generous. */
const MAX_SERVICE_NAME = 255;

/** Why `name` is not a usable service name, or undefined when it is. */
export function serviceNameProblem(name: string): string | undefined {
  if (name.length > MAX_SERVICE_NAME) return `service name of ${name.length} characters (${shownValue(name, 20)}); at most ${MAX_SERVICE_NAME} are accepted`;
  if (SERVICE_NAME.test(name)) return undefined;
  if (name.startsWith('-')) return `service name ${shownValue(name)} starts with "-", so a Compose command line would read it as an option`;
  return `service name ${shownValue(name)} is not valid (${SERVICE_NAME_HINT})`;
}

/**
 * The one check every service name goes through before it can reach a command: Compose files'
 * services, the config's deploy.order / migrate.service / per-service keys, and the names
 * rollback and backup will take. `where` says where the name came from, for the message.
 */
export function checkServiceName(name: string, where: string, location?: SourceLocation): string {
  const problem = serviceNameProblem(name);
  if (problem) throw new InputError(`${where}: ${problem}`, location);
  return name;
}

/** Each service of one Compose file whose name is not usable, with the line that names it. */
export function badServiceNames(file: LMap): { name: string; message: string; loc: SourceLocation }[] {
  const services = file.entries.get('services');
  if (services?.value.kind !== 'map') return [];
  return [...services.value.entries].flatMap(([name, e]) => {
    const message = serviceNameProblem(name);
    return message ? [{ name, message, loc: e.keyLoc }] : [];
  });
}

/** Throws, at the first unusable service name of the files, before anything runs. */
export function checkComposeServiceNames(files: readonly LMap[]): void {
  for (const f of files) {
    const bad = badServiceNames(f)[0];
    if (bad) throw new InputError(bad.message, bad.loc);
  }
}
