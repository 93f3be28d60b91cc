// A port on 127.0.0.1 that this test process owns for its whole life, across the suite's lanes.
//
// Asking the kernel for a free port (listen on 0, close, use it later) races: a stack holds its
// port for a whole file, but its proxy is bound only while it runs, so between two of its
// deploys another file could be handed the same port (CI saw "bind: address already in use").
// Ports here come from below the kernel's ephemeral range, so no listen(0) or outgoing
// connection is ever given one, and each is claimed by creating a file exclusively (one
// creator wins, whatever the number of processes asking at the same instant).
import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface PortRange {
  first: number;
  last: number;
}

/** Below 32768, where Linux's default ephemeral range starts; above the harness's own ports. */
export const CLAIM_RANGE: PortRange = { first: 21000, last: 31999 };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Creates `<dir>/<port>` holding this pid; a claim whose process has ended is taken over. */
function tryClaim(dir: string, port: number): boolean {
  const file = join(dir, String(port));
  if (createExclusive(file)) return true;
  const owner = Number(readFileSync(file, 'utf8').trim() || '0');
  if (owner > 0 && alive(owner)) return false;
  // The owner ended (a run killed outright leaves its claims): remove and race for it again.
  rmSync(file, { force: true });
  return createExclusive(file);
}

/** One creator wins, however many processes try at the same instant. */
function createExclusive(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * A port no other test process holds and nothing listens on now. `dir` is shared by every
 * lane (the harness state dir's ports/ by default).
 */
export async function claimPort(dir: string, range: PortRange = CLAIM_RANGE): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const span = range.last - range.first + 1;
  for (let attempt = 0; attempt < Math.max(200, 4 * span); attempt++) {
    const port = range.first + randomInt(span);
    if (!tryClaim(dir, port)) continue;
    // Something outside the suite (a leftover container, another program) holds it: keep the
    // claim, so no one else tries it either, and look further.
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port claimable in ${range.first}-${range.last} (claims in ${dir})`);
}
