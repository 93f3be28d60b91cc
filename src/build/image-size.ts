import type { Manifest, RegistryClient } from '../registry/client.js';
import { manifestSize } from '../registry/client.js';

/**
 * Compressed bytes in the registry for the image (config + layers). For an index (buildx with
 * attestations) the first real platform's manifest is measured. Undefined when it cannot be told:
 * the size is informative, never a reason to fail.
 */
export async function imageSize(client: RegistryClient, path: string, digest: string, known?: Manifest): Promise<number | undefined> {
  try {
    const m = known ?? (await client.getManifest(path, digest));
    if (!m) return undefined;
    const direct = manifestSize(m.json);
    if (direct !== undefined) return direct;
    const platform = m.json.manifests?.find((x) => x.platform?.os !== 'unknown');
    if (!platform) return undefined;
    const inner = await client.getManifest(path, platform.digest);
    return inner ? manifestSize(inner.json) : undefined;
  } catch {
    return undefined;
  }
}
