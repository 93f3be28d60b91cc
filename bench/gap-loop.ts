/**
 * Sequential requests through the proxy, one at a time, recording when each answer came: the longest
 * wait between two answered requests is what a user sees as a stall, even when no request fails.
 */
export interface GapResult {
  ok: number;
  failed: number;
  /** Longest time between two consecutive 200 answers, in ms. */
  longestGapMs: number;
  /** When the longest gap ended, in ms since the loop started. */
  longestGapAtMs: number;
}

export function gapLoop(port: number, maxRequests = 50_000): { stop: () => Promise<GapResult> } {
  const result: GapResult = { ok: 0, failed: 0, longestGapMs: 0, longestGapAtMs: 0 };
  const t0 = performance.now();
  let running = true;
  const loop = async () => {
    let last = performance.now();
    for (let sent = 0; running && sent < maxRequests; sent++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(20_000) });
        await res.arrayBuffer();
        if (res.status !== 200) {
          result.failed++;
          continue;
        }
        const now = performance.now();
        result.ok++;
        if (now - last > result.longestGapMs) {
          result.longestGapMs = now - last;
          result.longestGapAtMs = now - t0;
        }
        last = now;
      } catch {
        result.failed++;
      }
    }
  };
  const done = loop();
  return {
    async stop() {
      running = false;
      await done;
      return result;
    },
  };
}
