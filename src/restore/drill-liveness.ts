import { getOctokit } from '@actions/github';
import { humanDuration } from '../config/duration.js';

export interface DrillLivenessTarget {
  token: string;
  apiUrl: string;
  repository: string;
  /** The restore-test workflow's file name, e.g. restore-test.yml. */
  workflow: string;
  warnAfterSeconds: number;
}

/**
 * GitHub stops scheduled workflows of a repository without activity for 60 days, silently: a
 * quarterly drill can stop running with nobody noticing. Returns a warning when the last successful
 * run of the drill's workflow is older than warn-after (or there is none); undefined when all is well.
 * An API failure is a warning of its own, never a failed deploy.
 */
export async function drillLivenessWarning(t: DrillLivenessTarget, now: number): Promise<string | undefined> {
  const [owner, repo] = t.repository.split('/') as [string, string];
  try {
    const octokit = getOctokit(t.token, { baseUrl: t.apiUrl });
    const runs = await octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: t.workflow, status: 'success', per_page: 1 });
    const last = runs.data.workflow_runs[0];
    if (!last) return `no successful run of the restore test (${t.workflow}) yet: nobody knows whether the backups restore`;
    const at = Date.parse(last.run_started_at ?? last.updated_at);
    const age = (now - at) / 1000;
    if (age <= t.warnAfterSeconds) return undefined;
    return `the last successful restore test (${t.workflow}) ran ${humanDuration(age)} ago (${new Date(at).toISOString()}), longer than restore-test.warn-after: GitHub disables scheduled workflows after 60 days without activity; run it by hand and re-enable its schedule`;
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 404) return `no restore-test workflow ${t.workflow} in ${t.repository}: backups are not being restore-tested (restore-test.workflow names it)`;
    return `could not read when the restore test last passed (${(err as Error).message}); give the deploy job "actions: read"`;
  }
}
