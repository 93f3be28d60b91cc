/**
 * The user's Docker client config (config.json) as this run's: other registries' logins, credential
 * helpers, the current context, proxies… all kept, so a FROM of a private base image or an earlier
 * docker/login-action login still works. Only our registry is taken out of every credential store,
 * so that our `docker login` lands in the temporary file and nowhere else.
 */
export type DockerConfigFile = Record<string, unknown> & {
  auths?: Record<string, unknown>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
};

export function carriedConfig(user: DockerConfigFile, registry: string): DockerConfigFile {
  const ours = (key: string) => hostOf(key) === registry;
  const auths = Object.fromEntries(Object.entries(user.auths ?? {}).filter(([k]) => !ours(k)));
  const credHelpers = Object.fromEntries(Object.entries(user.credHelpers ?? {}).filter(([k]) => !ours(k)));
  const { credsStore, ...rest } = user;
  // A credsStore would also receive our login, outliving the run in the user's keychain. Docker lists
  // every registry it stored there in auths (with an empty entry): pinning those to the same helper
  // keeps them readable while our registry falls back to the file.
  if (typeof credsStore === 'string' && credsStore !== '') {
    for (const key of Object.keys(auths)) credHelpers[key] ??= credsStore;
  }
  return {
    ...rest,
    ...(Object.keys(auths).length > 0 || user.auths ? { auths } : {}),
    ...(Object.keys(credHelpers).length > 0 ? { credHelpers } : {}),
  };
}

/** `https://ghcr.io/v1/` and `ghcr.io` name the same registry in auths keys. */
function hostOf(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}
