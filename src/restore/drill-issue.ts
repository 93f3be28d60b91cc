import { getOctokit } from '@actions/github';
import type { Reporter } from '../report/reporter.js';

export interface IssueTarget {
  token: string;
  apiUrl: string;
  repository: string;
  runUrl?: string;
}

export const DRILL_LABEL = 'restore-test';

/**
 * One open issue labelled restore-test while drills fail: opened by the first failure, commented on by
 * the next ones (never a second issue), closed by the next success. Bookkeeping: an API failure is a
 * warning, never a different drill result.
 */
export async function trackDrillIssue(t: IssueTarget, ok: boolean, title: string, body: string, reporter: Reporter): Promise<void> {
  const octokit = getOctokit(t.token, { baseUrl: t.apiUrl });
  const [owner, repo] = t.repository.split('/') as [string, string];
  try {
    const open = await octokit.rest.issues.listForRepo({ owner, repo, labels: DRILL_LABEL, state: 'open', per_page: 10 });
    const existing = open.data.find((i) => !i.pull_request);
    const run = t.runUrl ? `\n\n[The run](${t.runUrl})` : '';
    if (ok) {
      if (!existing) return;
      await octokit.rest.issues.createComment({ owner, repo, issue_number: existing.number, body: `The restore test passed again.${run}\n\n${body}` });
      await octokit.rest.issues.update({ owner, repo, issue_number: existing.number, state: 'closed' });
      reporter.info(`closed issue #${existing.number}: the restore test passes again`);
    } else if (existing) {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: existing.number, body: `Failed again.${run}\n\n${body}` });
      reporter.info(`restore test still failing: commented on issue #${existing.number}`);
    } else {
      const created = await octokit.rest.issues.create({ owner, repo, title, body: `${body}${run}`, labels: [DRILL_LABEL] });
      reporter.info(`opened issue #${created.data.number} for the failed restore test`);
    }
  } catch (err) {
    reporter.warning(`updating the restore-test issue failed (${(err as Error).message}); the drill's result is not affected. Does the token have "issues: write"?`);
  }
}
