import type { Reporter } from '../report/reporter.js';
import type { HostRunner } from '../runner/runner.js';
import { containersCommand, settleCommand } from './commands.js';
import { parseKeyValues } from '../host/key-values.js';
import { shortImage } from './outcome.js';

/**
 * How long a deploy waits for a restarting Docker daemon before it gives up on putting the host
 * right. A daemon restart (an upgrade, a crash) takes seconds; the containers it brings back take longer.
 */
export const DOCKER_RETURN_SECONDS = 90;

/** Container ids as Docker prints them short, for messages. */
const shortIds = (ids: readonly string[]) => ids.map((i) => i.slice(0, 12)).join(', ');

/** Container ids a host script could not remove because Docker stopped answering ("stranded=<ids>" lines). */
export function strandedIds(stdout: string): string[] {
  return (parseKeyValues(stdout).get('stranded') ?? []).flatMap((l) => l.split(/\s+/).filter(Boolean));
}

/**
 * Waits for Docker to answer, then removes the containers a roll meant to remove. Returns what is
 * still wrong, in words, or undefined when the host is settled.
 */
export async function settleStranded(runner: HostRunner, ids: readonly string[], service: string, reporter: Reporter): Promise<string | undefined> {
  reporter.warning(`${service}: Docker on ${runner.where} stopped answering during the roll; waiting up to ${DOCKER_RETURN_SECONDS}s to remove ${ids.length} container${ids.length === 1 ? '' : 's'} it left (${shortIds(ids)}), which its restart policy would otherwise bring back beside the others`);
  const res = await runner.run(settleCommand(DOCKER_RETURN_SECONDS, ids));
  if (res.code === 0) {
    reporter.info(`${service}: Docker answered again; removed ${shortIds(ids)}`);
    return undefined;
  }
  const left = strandedIds(res.stdout);
  const down = parseKeyValues(res.stdout).get('docker')?.[0] === 'down';
  return `${down ? `Docker on ${runner.where} did not answer for ${DOCKER_RETURN_SECONDS}s, so` : 'Docker could not remove'} container${left.length === 1 ? '' : 's'} ${shortIds(left)} of ${service}${down ? ' could not be removed' : ''}: when they run, the host serves two releases of ${service} (remove them with docker rm -f)`;
}

/** Waits for Docker to answer; undefined when it does, else what to say. */
export async function waitForDocker(runner: HostRunner): Promise<string | undefined> {
  const res = await runner.run(settleCommand(DOCKER_RETURN_SECONDS));
  if (res.code === 0) return undefined;
  return `Docker on ${runner.where} did not answer for ${DOCKER_RETURN_SECONDS}s`;
}

/** From CONTAINERS_SCRIPT's "service image id" lines: the services whose containers run more than one image, with the ids of each. */
export function mixedReleases(listing: string): Array<{ service: string; images: Map<string, string[]> }> {
  const byService = new Map<string, Map<string, string[]>>();
  for (const line of listing.split('\n')) {
    const [service, image, id] = line.trim().split(/\s+/);
    if (!service || !image || !id) continue;
    const images = byService.get(service) ?? new Map<string, string[]>();
    images.set(image, [...(images.get(image) ?? []), id]);
    byService.set(service, images);
  }
  return [...byService].filter(([, images]) => images.size > 1).map(([service, images]) => ({ service, images }));
}

/**
 * After a failed deploy: a service that runs containers of the failed release beside the live one's
 * (a daemon restart brought back what a roll had started) loses the failed release's. Returns, in
 * words, what still runs two releases (undefined: nothing). `failedImages`: service -> the failed release's image.
 */
export async function settleTwoReleases(runner: HostRunner, project: string, failedImages: ReadonlyMap<string, string>, reporter: Reporter): Promise<string | undefined> {
  const res = await runner.run(containersCommand(project));
  if (res.code !== 0) return `the containers on ${runner.where} could not be listed (${res.stderr.trim().split('\n').at(-1) ?? `exit ${res.code}`}): check the host`;
  const left: string[] = [];
  for (const { service, images } of mixedReleases(res.stdout)) {
    const failed = failedImages.get(service);
    const ids = failed ? images.get(failed) : undefined;
    if (ids) {
      const removed = await runner.run(settleCommand(DOCKER_RETURN_SECONDS, ids));
      if (removed.code === 0) {
        reporter.warning(`${service}: removed ${shortIds(ids)}, container${ids.length === 1 ? '' : 's'} of the failed release that came back beside the live one's`);
        images.delete(failed!);
        if (images.size < 2) continue;
      }
    }
    left.push(`${service} (${[...images].map(([image, n]) => `${n.length} on ${shortImage(image)}`).join(', ')})`);
  }
  return left.length > 0 ? `the host runs containers of two releases: ${left.join('; ')}` : undefined;
}
