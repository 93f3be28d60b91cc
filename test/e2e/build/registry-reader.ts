import { harnessEnv } from '../harness/env.js';

/**
 * Reads the harness registry straight through its HTTP API with Basic auth, independently of
 * src/registry, so the tests check what really landed there.
 */
export interface PushedImage {
  digest: string;
  labels: Record<string, string>;
  /** The image config carries BuildKit's inline cache (`moby.buildkit.cache.v0`). */
  inlineCache: boolean;
}

function authHeader(): string {
  const h = harnessEnv();
  return `Basic ${Buffer.from(`${h.registryUser}:${h.registryPassword}`).toString('base64')}`;
}

const MANIFEST = ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'];
// buildx pushes an index (with an attestation manifest next to the image) where the classic path pushes a manifest.
const INDEX = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];

interface Manifest {
  mediaType?: string;
  config?: { digest: string };
  manifests?: { digest: string; mediaType?: string; platform?: { os?: string; architecture?: string } }[];
}

async function getManifest(base: string, ref: string): Promise<{ digest: string; manifest: Manifest } | undefined> {
  const res = await fetch(`${base}/manifests/${ref}`, { headers: { authorization: authHeader(), accept: [...MANIFEST, ...INDEX].join(', ') } });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET ${base}/manifests/${ref}: HTTP ${res.status}`);
  const manifest = (await res.json()) as Manifest;
  return { digest: res.headers.get('docker-content-digest')!, manifest: { ...manifest, mediaType: manifest.mediaType ?? res.headers.get('content-type') ?? undefined } };
}

/** The tag's digest (what build reports) and the labels of the image it names, through an index if there is one. */
export async function readPushed(path: string, tag: string): Promise<PushedImage | undefined> {
  const h = harnessEnv();
  const base = `http://${h.registry}/v2/${path}`;
  const top = await getManifest(base, tag);
  if (!top) return undefined;
  let image = top.manifest;
  if (INDEX.includes(image.mediaType ?? '') || image.manifests) {
    // Attestation manifests carry platform unknown/unknown; the image is the other one.
    const entry = image.manifests?.find((m) => m.platform?.os !== 'unknown');
    if (!entry) throw new Error(`${path}:${tag} is an index without an image manifest`);
    image = (await getManifest(base, entry.digest))!.manifest;
  }
  if (!image.config) throw new Error(`${path}:${tag}: unexpected manifest ${image.mediaType}`);
  const config = await fetch(`${base}/blobs/${image.config.digest}`, { headers: { authorization: authHeader() } });
  const blob = (await config.json()) as { config?: { Labels?: Record<string, string> }; 'moby.buildkit.cache.v0'?: unknown };
  return { digest: top.digest, labels: blob.config?.Labels ?? {}, inlineCache: blob['moby.buildkit.cache.v0'] !== undefined };
}

export async function listTags(path: string): Promise<string[]> {
  const h = harnessEnv();
  const res = await fetch(`http://${h.registry}/v2/${path}/tags/list`, { headers: { authorization: authHeader() } });
  if (res.status === 404) return [];
  return ((await res.json()) as { tags?: string[] | null }).tags ?? [];
}
