import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { RegistryAuthError, RegistryClient, RegistryError, manifestSize, registryBaseUrl, tokenEndpoint } from '../../../src/registry/client.js';

/** A scripted registry: the unit tests check the auth flow's requests, the e2e tests the real registry. */
function fakeFetch(handler: (url: URL, init: RequestInit) => Response) {
  const calls: { method: string; url: string; authorization?: string }[] = [];
  const fn = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ method: init.method ?? 'GET', url: url.toString(), authorization: headers['authorization'] });
    return handler(url, init);
  }) as typeof fetch;
  return { fn, calls };
}

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const auth = (init: RequestInit) => ((init.headers ?? {}) as Record<string, string>)['authorization'];

for (const [registry, want] of [
  ['127.0.0.1:5000', 'http://127.0.0.1:5000'],
  ['localhost:5000', 'http://localhost:5000'],
  ['localhost', 'http://localhost'],
  ['ghcr.io', 'https://ghcr.io'],
  ['registry.example.com:5000', 'https://registry.example.com:5000'],
  ['127.0.0.1.nip.io', 'https://127.0.0.1.nip.io'],
] as const) {
  test(`registryBaseUrl(${registry}) = ${want}`, () => assert.equal(registryBaseUrl(registry), want));
}

test('Basic challenge: retries with Basic credentials and reads Docker-Content-Digest', async () => {
  const { fn, calls } = fakeFetch((url, init) => {
    if (auth(init) !== basic('ci', 'pw')) return new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="test"' } });
    return new Response(null, { status: 200, headers: { 'docker-content-digest': 'sha256:abc' } });
  });
  const c = new RegistryClient('127.0.0.1:5000', { username: 'ci', password: 'pw' }, fn);
  assert.equal(await c.manifestDigest('acme/shop/api', 'sha-1'), 'sha256:abc');
  assert.deepEqual(calls.map((x) => [x.method, x.url, x.authorization]), [
    ['HEAD', 'http://127.0.0.1:5000/v2/acme/shop/api/manifests/sha-1', undefined],
    ['HEAD', 'http://127.0.0.1:5000/v2/acme/shop/api/manifests/sha-1', basic('ci', 'pw')],
  ]);
  // The second look-up reuses the header: one request, no new challenge.
  await c.manifestDigest('acme/shop/api', 'sha-2');
  assert.equal(calls.length, 3);
  assert.equal(calls[2]!.authorization, basic('ci', 'pw'));
});

test('Bearer challenge (GHCR): token fetched from the realm with service and scope, then used', async () => {
  const { fn, calls } = fakeFetch((url, init) => {
    if (url.host === 'ghcr.io' && url.pathname === '/token') {
      assert.equal(auth(init), basic('octo', 'ghs_token'));
      return Response.json({ token: `tok-for-${url.searchParams.get('scope')}` });
    }
    if (auth(init) === 'Bearer tok-for-repository:acme/shop/api:pull') return new Response(null, { status: 404 });
    return new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/shop/api:pull"' } });
  });
  const c = new RegistryClient('ghcr.io', { username: 'octo', password: 'ghs_token' }, fn);
  assert.equal(await c.manifestDigest('acme/shop/api', 'sha-1'), undefined);
  const token = calls.find((x) => x.url.startsWith('https://ghcr.io/token'))!;
  assert.equal(new URL(token.url).searchParams.get('service'), 'ghcr.io');
  assert.equal(new URL(token.url).searchParams.get('scope'), 'repository:acme/shop/api:pull');
  assert.equal(calls.at(-1)!.authorization, 'Bearer tok-for-repository:acme/shop/api:pull');
});

test('Bearer: access_token is accepted too; push scope is asked for when writing', async () => {
  const scopes: string[] = [];
  const { fn } = fakeFetch((url, init) => {
    if (url.pathname === '/token') {
      scopes.push(url.searchParams.get('scope')!);
      return Response.json({ access_token: 't' });
    }
    if (auth(init) === 'Bearer t') return new Response(null, { status: 201 });
    return new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token"' } });
  });
  const c = new RegistryClient('registry.example', { username: 'u', password: 'p' }, fn);
  await c.putManifest('o/r', 'latest', { digest: 'sha256:x', mediaType: 'application/vnd.oci.image.manifest.v1+json', raw: Buffer.from('{}'), json: {} });
  assert.deepEqual(scopes, ['repository:o/r:pull,push']);
});

test('refused credentials raise RegistryAuthError naming registry and user, never the password', async () => {
  const { fn } = fakeFetch(() => new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } }));
  const c = new RegistryClient('127.0.0.1:5000', { username: 'ci', password: 's3cret-pw' }, fn);
  await assert.rejects(c.manifestDigest('a/b', 't'), (err: Error) => {
    assert.ok(err instanceof RegistryAuthError);
    assert.match(err.message, /127\.0\.0\.1:5000/);
    assert.match(err.message, /"ci"/);
    assert.doesNotMatch(err.message, /s3cret-pw/);
    return true;
  });
});

test('a refused token request is an auth error too', async () => {
  const { fn } = fakeFetch((url) =>
    url.pathname === '/token' ? new Response('denied', { status: 403 }) : new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://ghcr.io/token",service="ghcr.io"' } }),
  );
  await assert.rejects(new RegistryClient('ghcr.io', { username: 'octo', password: 'x' }, fn).manifestDigest('a/b', 't'), RegistryAuthError);
});

for (const [realm, ok] of [
  ['https://ghcr.io/token', true],
  ['https://auth.example:8443/token?x=1', true],
  ['http://127.0.0.1:5001/token', true],
  ['http://localhost/token', true],
  ['http://auth.example/token', false],
  ['http://127.0.0.1.nip.io/token', false],
  ['ftp://auth.example/token', false],
  ['file:///etc/passwd', false],
  ['/token', false],
] as const) {
  test(`token endpoint ${realm}: ${ok ? 'accepted' : 'refused'}`, () => {
    if (ok) assert.equal(tokenEndpoint(realm, 'r.example').href, new URL(realm).href);
    else assert.throws(() => tokenEndpoint(realm, 'r.example'), RegistryError);
  });
}

test('a Bearer challenge naming a plain-http token endpoint elsewhere gets no credentials: nothing is sent there', async () => {
  const { fn, calls } = fakeFetch(() => new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="http://auth.example/token",service="r"' } }));
  await assert.rejects(new RegistryClient('registry.example.com', { username: 'octo', password: 'pw' }, fn).manifestDigest('a/b', 't'), /not https: no credentials were sent/);
  assert.deepEqual(calls.map((c) => new URL(c.url).host), ['registry.example.com']);
  assert.ok(calls.every((c) => c.authorization === undefined));
});

test('without Docker-Content-Digest the digest is the sha256 of the manifest bytes', async () => {
  const body = '{"schemaVersion":2}';
  const { fn } = fakeFetch((_url, init) => (init.method === 'HEAD' ? new Response(null, { status: 200 }) : new Response(body, { status: 200, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' } })));
  const digest = await new RegistryClient('127.0.0.1:5000', undefined, fn).manifestDigest('a/b', 't');
  assert.equal(digest, `sha256:${createHash('sha256').update(body).digest('hex')}`);
});

test('manifestSize sums config and layers; undefined for an index', () => {
  assert.equal(manifestSize({ config: { digest: 'c', size: 100 }, layers: [{ digest: 'a', size: 1000 }, { digest: 'b', size: 24 }] }), 1124);
  assert.equal(manifestSize({ manifests: [{ digest: 'x', size: 1 }] }), undefined);
});
