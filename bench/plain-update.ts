/** The plain way many deploy scripts update a stack: pull, then `up -d`, which stops the old api before the new one boots. */
import { execFileSync } from 'node:child_process';
import type { ExampleStack } from '../test/e2e/deploy/stack.js';
import { harnessComposeCommand } from '../test/e2e/harness/env.js';
import { sshArgs } from '../test/e2e/lib/run-action.js';

/** Points `current` at a kept release and brings api and worker up from it the plain way; resolves once the api is healthy again. */
export async function plainUpdate(stack: ExampleStack, sha: string): Promise<void> {
  const rel = `${stack.deployPath}/releases/${sha}`;
  const compose = `${harnessComposeCommand()} --project-name ${stack.project} --project-directory ${stack.deployPath}/current --file ${rel}/compose.prod.yaml --env-file ${rel}/.env`;
  execFileSync('ssh', sshArgs(`ln -sfn releases/${sha} ${stack.deployPath}/current && ${compose} pull --quiet api worker 2>/dev/null; ${compose} up -d --remove-orphans api worker`), { stdio: 'ignore' });
  await waitHealthy(stack, 'api');
}

export async function waitHealthy(stack: ExampleStack, service: string): Promise<void> {
  for (;;) {
    const c = stack.containers(service);
    const st = c.length === 1 ? execFileSync('docker', ['inspect', '-f', '{{.State.Health.Status}}', c[0]!.id], { encoding: 'utf8' }).trim() : '';
    if (st === 'healthy') return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
