import { createServer, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/**
 * A stand-in for the GitHub REST endpoints compose-deploy calls (create a deployment, add a status;
 * list, create, comment on and close issues),
 * on loopback, recording what it was sent. GitHub itself cannot be reached from the test machine.
 */
export async function fakeGitHub(): Promise<{ url: string; requests: RecordedRequest[]; issues: FakeIssue[]; workflowRuns: Map<string, Array<{ run_started_at: string }>>; close: () => Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const issues: FakeIssue[] = [];
  /** Successful runs per workflow file, newest first, as the workflow-runs endpoint lists them. */
  const workflowRuns = new Map<string, Array<{ run_started_at: string }>>();
  let nextId = 1000;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      const answer = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const issue = /\/issues\/(\d+)(\/comments)?$/.exec(url.pathname);
      const runs = /\/actions\/workflows\/([^/]+)\/runs$/.exec(url.pathname);
      if (runs && req.method === 'GET') {
        const list = workflowRuns.get(decodeURIComponent(runs[1]!));
        if (!list) return answer(404, { message: 'Not Found' });
        return answer(200, { total_count: list.length, workflow_runs: list.slice(0, Number(url.searchParams.get('per_page') ?? 30)).map((r, i) => ({ id: i + 1, updated_at: r.run_started_at, ...r })) });
      }
      if (/\/issues$/.test(url.pathname) && req.method === 'GET') {
        const label = url.searchParams.get('labels');
        const state = url.searchParams.get('state') ?? 'open';
        return answer(200, issues.filter((i) => (!label || i.labels.includes(label)) && (state === 'all' || i.state === state)));
      }
      if (/\/issues$/.test(url.pathname) && req.method === 'POST') {
        const created: FakeIssue = { number: issues.length + 1, title: String(body['title']), body: String(body['body']), labels: (body['labels'] as string[]) ?? [], state: 'open', comments: [] };
        issues.push(created);
        return answer(201, created);
      }
      if (issue) {
        const found = issues.find((i) => i.number === Number(issue[1]));
        if (!found) return answer(404, { message: 'Not Found' });
        if (issue[2] && req.method === 'POST') {
          found.comments.push(String(body['body']));
          return answer(201, { id: nextId++ });
        }
        if (req.method === 'PATCH') {
          if (body['state'] === 'closed' || body['state'] === 'open') found.state = body['state'];
          return answer(200, found);
        }
      }
      const id = nextId++;
      answer(/\/deployments(\/\d+\/statuses)?$/.test(url.pathname) && req.method === 'POST' ? 201 : 404, { id, url: `http://example.invalid/${id}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, requests, issues, workflowRuns, close: () => new Promise((r) => server.close(() => r())) };
}

/** An issue the stand-in holds, as the Issues endpoints create, list, comment on and close it. */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  comments: string[];
}
