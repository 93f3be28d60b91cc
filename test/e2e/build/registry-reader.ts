import { harnessEnv } from '../harness/env.js';

/**
 * Reads the harness registry straight through its HTTP API with Basic auth, independently of
 * src/registry, so the tests check what really landed there.
 */
export interface PushedImage {
  digest: string;
  labels: Record<string, string>;
}

function authHeader(): string {
  const h = harnessEnv();
  return `Basic ${Buffer.from(`${h.registryUser}:${h.registryPassword}`).toString('base64')}`;
}

export async function readPushed(path: string, tag: string): Promise<PushedImage | undefined> {
  const h = harnessEnv();
  const base = `http://${h.registry}/v2/${path}`;
  const res = await fetch(`${base}/manifests/${tag}`, {
    headers: { authorization: authHeader(), accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
  });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET ${base}/manifests/${tag}: HTTP ${res.status}`);
  const manifest = (await res.json()) as { config: { digest: string } };
  const config = await fetch(`${base}/blobs/${manifest.config.digest}`, { headers: { authorization: authHeader() } });
  const blob = (await config.json()) as { config?: { Labels?: Record<string, string> } };
  return { digest: res.headers.get('docker-content-digest')!, labels: blob.config?.Labels ?? {} };
}

export async function listTags(path: string): Promise<string[]> {
  const h = harnessEnv();
  const res = await fetch(`http://${h.registry}/v2/${path}/tags/list`, { headers: { authorization: authHeader() } });
  if (res.status === 404) return [];
  return ((await res.json()) as { tags?: string[] | null }).tags ?? [];
}
