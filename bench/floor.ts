/** The floor a deploy or rollback is measured against: a fresh api container of a release started until its first healthy probe, and its worker beside it. */
import { execFileSync } from 'node:child_process';
import type { ExampleStack } from '../test/e2e/deploy/stack.js';

/** Seconds from `docker run` of the release's api and worker (images already on the host) to the api's first healthy probe. */
export async function containerFloorSeconds(stack: ExampleStack, sha: string): Promise<number> {
  const api = `${stack.prefix}/api:sha-${sha}`;
  const worker = `${stack.prefix}/worker:sha-${sha}`;
  const name = `${stack.project}-floor`;
  const wname = `${stack.project}-floor-worker`;
  const t0 = performance.now();
  execFileSync('docker', ['run', '-d', '--name', name, '--label', 'compose-deploy.test=1', '-e', `BOOT_SECONDS=${stack.bootSeconds}`, '--health-cmd', 'wget -q -O /dev/null http://127.0.0.1:8080/health', '--health-interval', '1s', '--health-start-period', '12s', api], { stdio: 'ignore' });
  execFileSync('docker', ['run', '-d', '--name', wname, '--label', 'compose-deploy.test=1', worker], { stdio: 'ignore' });
  try {
    for (;;) {
      const st = execFileSync('docker', ['inspect', '-f', '{{.State.Health.Status}}', name], { encoding: 'utf8' }).trim();
      if (st === 'healthy') return (performance.now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    execFileSync('docker', ['rm', '-f', name, wname], { stdio: 'ignore' });
  }
}
