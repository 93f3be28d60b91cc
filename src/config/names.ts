/** Names that end up in remote commands are held to these shapes at validation, before any quoting. */
/**
 * Compose's own service-name grammar (the compose-spec schema keys `services` by
 * `^[a-zA-Z0-9._-]+$`; docker-compose v1 refuses anything else), narrowed by one rule of ours:
 * no leading "-". Compose itself accepts `--remove-orphans` as a service name, and a name that
 * reaches a Compose command line before a `--` is read as an option.
 */
export const SERVICE_NAME = /^(?!\.+$)[a-zA-Z0-9._][a-zA-Z0-9._-]*$/;
export const SERVICE_NAME_HINT = 'letters, digits, "_", "." and "-" (Compose\'s service-name grammar), not starting with "-", not only dots';
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
