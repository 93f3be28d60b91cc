import { createServer, request, type Server } from 'node:http';

export type RegistryFault = 'none' | '503' | 'reset';

/**
 * A loopback HTTP proxy in front of the harness registry that can fail on purpose: answer 503, or
 * reset the connection, for image manifest requests (the first thing a pull asks for). It counts
 * the manifest requests it saw, so a test can tell the retries were bounded.
 */
export async function faultyRegistry(upstream: string): Promise<{ address: string; manifestRequests: () => number; fail: (fault: RegistryFault, times?: number) => void; close: () => Promise<void> }> {
  const [upHost, upPort] = upstream.split(':') as [string, string];
  let fault: RegistryFault = 'none';
  let remaining = Infinity;
  let manifests = 0;
  const server: Server = createServer((req, res) => {
    const isManifest = /\/manifests\//.test(req.url ?? '');
    if (isManifest) manifests++;
    if (isManifest && fault !== 'none' && remaining > 0) {
      remaining--;
      if (fault === '503') {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('registry overloaded (test fault)');
      } else {
        req.socket.destroy();
      }
      return;
    }
    const up = request({ host: upHost, port: Number(upPort), method: req.method, path: req.url, headers: { ...req.headers, host: upstream } }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    address: `127.0.0.1:${port}`,
    manifestRequests: () => manifests,
    fail: (f, times = Infinity) => {
      fault = f;
      remaining = times;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
