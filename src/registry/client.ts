import { createHash } from 'node:crypto';
import { parseChallenges, type AuthChallenge } from './challenge.js';

/** Every manifest kind a pushed image can have: single-platform (Docker, OCI) and lists/indexes (buildx). */
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface Manifest {
  digest: string;
  mediaType: string;
  /** The exact bytes: a digest is over these, so they are kept for copying tags. */
  raw: Buffer;
  json: ManifestJson;
}

export interface ManifestJson {
  mediaType?: string;
  config?: { digest: string; size: number };
  layers?: { digest: string; size: number }[];
  manifests?: { digest: string; size: number; mediaType?: string; platform?: { os?: string; architecture?: string } }[];
}

/** Refused credentials, kept apart from other failures so the message can name registry and user. */
export class RegistryAuthError extends Error {
  override name = 'RegistryAuthError';
}

export class RegistryError extends Error {
  override name = 'RegistryError';
}

type Fetch = typeof fetch;
type Access = 'pull' | 'pull,push';

/**
 * Plain HTTP only for a registry on this machine (the test registry, a local mirror);
 * anything else is HTTPS, as Docker itself insists.
 */
export function registryBaseUrl(registry: string): string {
  return `${isLoopback(registry.replace(/:[0-9]+$/, '')) ? 'http' : 'https'}://${registry}`;
}

/** This machine: where plain HTTP carries nothing across a network. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.[0-9]+\.[0-9]+\.[0-9]+$/.test(host);
}

/**
 * The token endpoint a Bearer challenge names. The registry's answer chooses it, and our Basic
 * credentials go there: plain HTTP would hand them to anyone on the path, so only https (or this
 * machine, for a local registry) is accepted.
 */
export function tokenEndpoint(realm: string, registry: string): URL {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new RegistryError(`${registry} named a token endpoint that is not a URL: ${JSON.stringify(realm)}`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return url;
  throw new RegistryError(`${registry} named the token endpoint ${url.origin}${url.pathname}, which is not https: no credentials were sent to it`);
}

/**
 * A small client for the registry HTTP API (the OCI distribution spec): enough to ask whether a tag
 * exists, read a manifest or blob back, and copy a tag. Authentication follows the 401 challenge:
 * Basic straight away, or Bearer with a token fetched from the realm the registry names (GHCR).
 */
export class RegistryClient {
  readonly baseUrl: string;
  /** Authorization header per repository and access, so a token is fetched once per run. */
  private readonly auth = new Map<string, string>();

  constructor(
    readonly registry: string,
    private readonly credentials?: RegistryCredentials,
    private readonly fetchFn: Fetch = fetch,
  ) {
    this.baseUrl = registryBaseUrl(registry);
  }

  /** The digest the tag points at, or undefined when the registry does not have it. */
  async manifestDigest(repository: string, reference: string): Promise<string | undefined> {
    const res = await this.request('HEAD', repository, `manifests/${reference}`, 'pull', { accept: MANIFEST_TYPES.join(', ') });
    if (res.status === 404) return undefined;
    this.expectOk(res, `HEAD manifest ${repository}:${reference}`);
    const digest = res.headers.get('docker-content-digest');
    // A registry may leave the header out of HEAD answers; the GET body's hash is the digest then.
    return digest ?? (await this.getManifest(repository, reference))?.digest;
  }

  async getManifest(repository: string, reference: string): Promise<Manifest | undefined> {
    const res = await this.request('GET', repository, `manifests/${reference}`, 'pull', { accept: MANIFEST_TYPES.join(', ') });
    if (res.status === 404) return undefined;
    this.expectOk(res, `GET manifest ${repository}:${reference}`);
    const raw = Buffer.from(await res.arrayBuffer());
    const json = JSON.parse(raw.toString('utf8')) as ManifestJson;
    return {
      raw,
      json,
      digest: res.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
      mediaType: res.headers.get('content-type')?.split(';')[0] ?? json.mediaType ?? '',
    };
  }

  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const res = await this.request('GET', repository, `blobs/${digest}`, 'pull', {});
    this.expectOk(res, `GET blob ${repository}@${digest}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Points another tag at an existing manifest, without pulling or pushing any layer. */
  async putManifest(repository: string, reference: string, manifest: Manifest): Promise<void> {
    const res = await this.request('PUT', repository, `manifests/${reference}`, 'pull,push', { 'content-type': manifest.mediaType }, manifest.raw);
    this.expectOk(res, `PUT manifest ${repository}:${reference}`);
  }

  private expectOk(res: Response, what: string): void {
    if (res.status === 401 || res.status === 403) {
      throw new RegistryAuthError(`${this.registry} refused ${what} for user ${JSON.stringify(this.credentials?.username ?? '(anonymous)')} (HTTP ${res.status})`);
    }
    if (!res.ok) throw new RegistryError(`${what} on ${this.registry} failed: HTTP ${res.status} ${res.statusText}`);
  }

  private async request(method: string, repository: string, path: string, access: Access, headers: Record<string, string>, body?: Buffer): Promise<Response> {
    const url = `${this.baseUrl}/v2/${repository}/${path}`;
    const key = `${repository} ${access}`;
    const send = (authorization?: string) =>
      this.fetchFn(url, { method, headers: { ...headers, ...(authorization ? { authorization } : {}) }, body: body ? new Uint8Array(body) : undefined, redirect: 'follow' });
    const cached = this.auth.get(key);
    let res = await send(cached);
    if (res.status !== 401) return res;
    const challenge = pickChallenge(parseChallenges(res.headers.get('www-authenticate') ?? ''));
    if (!challenge) return res;
    await res.arrayBuffer().catch(() => undefined);
    const authorization = await this.authorize(challenge, repository, access);
    if (!authorization || authorization === cached) return res;
    this.auth.set(key, authorization);
    res = await send(authorization);
    return res;
  }

  private async authorize(challenge: AuthChallenge, repository: string, access: Access): Promise<string | undefined> {
    if (challenge.scheme === 'basic') return this.credentials ? `Basic ${basic(this.credentials)}` : undefined;
    const realm = challenge.params['realm'];
    if (!realm) throw new RegistryError(`${this.registry} asked for a Bearer token but named no realm to get it from`);
    const tokenUrl = tokenEndpoint(realm, this.registry);
    if (challenge.params['service']) tokenUrl.searchParams.set('service', challenge.params['service']);
    tokenUrl.searchParams.set('scope', `repository:${repository}:${access}`);
    const res = await this.fetchFn(tokenUrl, { headers: this.credentials ? { authorization: `Basic ${basic(this.credentials)}` } : {} });
    if (res.status === 401 || res.status === 403) {
      throw new RegistryAuthError(`${this.registry} refused a token for user ${JSON.stringify(this.credentials?.username ?? '(anonymous)')} on ${repository} (HTTP ${res.status})`);
    }
    if (!res.ok) throw new RegistryError(`token request to ${tokenUrl.origin}${tokenUrl.pathname} failed: HTTP ${res.status}`);
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token endpoint ${tokenUrl.origin}${tokenUrl.pathname} answered without a token`);
    return `Bearer ${token}`;
  }
}

/** Bearer first (it scopes access), then Basic; other schemes are not spoken here. */
export function pickChallenge(challenges: readonly AuthChallenge[]): AuthChallenge | undefined {
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
}

function basic(c: RegistryCredentials): string {
  return Buffer.from(`${c.username}:${c.password}`).toString('base64');
}

/** Bytes the registry stores for one image: config plus layers (compressed), for single-platform manifests. */
export function manifestSize(m: ManifestJson): number | undefined {
  if (!m.layers) return undefined;
  return (m.config?.size ?? 0) + m.layers.reduce((n, l) => n + l.size, 0);
}
