/** Names that end up in remote commands are held to these shapes at validation, before any quoting. */
// Service names follow Compose's grammar, defined once with the check that uses it.
export { SERVICE_NAME, SERVICE_NAME_HINT } from '../compose/service-name.js';
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
export const PROJECT_NAME_HINT = 'lower-case letters, digits, "_" and "-", as Compose requires';
export const REMOTE_PATH = /^\/[A-Za-z0-9._/-]*$/;
export const REMOTE_PATH_HINT = 'an absolute path of letters, digits, ".", "_", "-" and "/"';
// No leading "/": an absolute path would read (and, for deploy.files, ship) a file outside the repository.
export const RELATIVE_FILE = /^[A-Za-z0-9._-][A-Za-z0-9._/-]*$/;
export const RELATIVE_FILE_HINT = 'a path relative to the repository of letters, digits, ".", "_", "-" and "/"';
export const SHA = /^[0-9a-f]{40}$/;
export const SHA_HINT = 'a full 40-character lower-case hex commit id';
export const HOSTNAME = /^[A-Za-z0-9.:_-]+$/;
export const USERNAME = /^[a-z_][a-z0-9_.-]*$/;
/** host[:port][/namespace]: what `docker login` takes; it reaches the host's login and image names. */
export const REGISTRY = /^[A-Za-z0-9][A-Za-z0-9.:_/-]*$/;
/** Registry logins: GitHub actors (dependabot[bot]), robot accounts (org+robot), e-mail addresses. */
export const REGISTRY_USER = /^[A-Za-z0-9_][A-Za-z0-9._@+[\]-]*$/;
