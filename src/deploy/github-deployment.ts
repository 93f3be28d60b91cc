import { getOctokit } from '@actions/github';
import type { Reporter } from '../report/reporter.js';

/** Where a GitHub Deployment is made: the repository, its environment, and the token that may write there. */
export interface DeploymentTarget {
  token: string;
  apiUrl: string;
  repository: string;
  environment: string;
  environmentUrl?: string;
  logUrl?: string;
}

export type DeploymentState = 'success' | 'failure' | 'error';

/**
 * A GitHub Deployment for the environment, so the repository's Environments page shows what is
 * live and links to the run. It is bookkeeping: an API failure is a warning, never a failed deploy.
 */
export class GitHubDeployment {
  private id?: number;
  private readonly octokit;
  private readonly owner: string;
  private readonly repo: string;

  constructor(
    private readonly t: DeploymentTarget,
    /** The commit made live: the deployment's ref. */
    private readonly sha: string,
    private readonly reporter: Reporter,
  ) {
    this.octokit = getOctokit(t.token, { baseUrl: t.apiUrl });
    [this.owner, this.repo] = t.repository.split('/') as [string, string];
  }

  async start(): Promise<void> {
    await this.bestEffort('creating the GitHub deployment', async () => {
      const res = await this.octokit.rest.repos.createDeployment({
        owner: this.owner,
        repo: this.repo,
        ref: this.sha,
        environment: this.t.environment,
        auto_merge: false,
        // The commit's checks already gated the workflow that runs this deploy.
        required_contexts: [],
        production_environment: this.t.environment === 'production',
        description: `compose-deploy ${this.sha.slice(0, 12)}`,
      });
      if (!('id' in res.data)) throw new Error(res.data.message ?? 'no deployment id in the answer');
      this.id = res.data.id;
      await this.status('in_progress');
    });
  }

  async finish(state: DeploymentState, description?: string): Promise<void> {
    if (this.id === undefined) return;
    await this.bestEffort('updating the GitHub deployment status', () => this.status(state, description));
  }

  private async status(state: DeploymentState | 'in_progress', description?: string): Promise<void> {
    await this.octokit.rest.repos.createDeploymentStatus({
      owner: this.owner,
      repo: this.repo,
      deployment_id: this.id!,
      state,
      log_url: this.t.logUrl,
      environment_url: state === 'success' ? this.t.environmentUrl : undefined,
      // Shown on the repository's pages, outside the masked log: the same mask applies.
      description: description === undefined ? undefined : this.reporter.redact(description).slice(0, 140),
      auto_inactive: state === 'success',
    });
  }

  private async bestEffort(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.reporter.warning(`${what} failed (${(err as Error).message}); the deploy itself is not affected. Does the token have "deployments: write"?`);
    }
  }
}
