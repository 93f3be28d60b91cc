import { createServer, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/**
 * A stand-in for the two GitHub REST endpoints a deploy calls (create a deployment, add a status),
 * on loopback, recording what it was sent. GitHub itself cannot be reached from the test machine.
 */
export async function fakeGitHub(): Promise<{ url: string; requests: RecordedRequest[]; close: () => Promise<void> }> {
  const requests: RecordedRequest[] = [];
  let nextId = 1000;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      const id = nextId++;
      res.writeHead(/\/deployments(\/\d+\/statuses)?$/.test(req.url ?? '') && req.method === 'POST' ? 201 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, url: `http://example.invalid/${id}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
