/** Names that end up in remote commands are held to these shapes at validation, before any quoting. */
export const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
export const SERVICE_NAME_HINT = 'letters, digits, "_", "." and "-", starting with a letter or digit';
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
export const PROJECT_NAME_HINT = 'lower-case letters, digits, "_" and "-", as Compose requires';
export const REMOTE_PATH = /^\/[A-Za-z0-9._/-]*$/;
export const REMOTE_PATH_HINT = 'an absolute path of letters, digits, ".", "_", "-" and "/"';
export const RELATIVE_FILE = /^[A-Za-z0-9._/-]+$/;
export const RELATIVE_FILE_HINT = 'a path relative to the repository of letters, digits, ".", "_", "-" and "/"';
export const SHA = /^[0-9a-f]{40}$/;
export const SHA_HINT = 'a full 40-character lower-case hex commit id';
export const HOSTNAME = /^[A-Za-z0-9.:_-]+$/;
export const USERNAME = /^[a-z_][a-z0-9_.-]*$/;
