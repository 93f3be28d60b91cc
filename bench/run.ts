/** `npm run bench`: every benchmark under bench/, one after another, against the harness it brings up. */
import { spawnSync } from 'node:child_process';
import { harnessEnv } from '../test/e2e/harness/env.js';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
};
run('bash', ['test/e2e/harness/up.sh']);
try {
  // The runner side the e2e tests see: Compose v2 and buildx unless COMPOSE_DEPLOY_HARNESS_COMPOSE=v1.
  const h = harnessEnv();
  console.log(`benchmarks under Compose ${h.compose} (${h.composeVersion}) on the host and the runner`);
  for (const bench of ['cold-start', 'validate', 'build', 'deploy', 'rollback', 'backup', 'restore-test']) {
    console.log(`\n=== bench/${bench}.ts`);
    run(process.execPath, ['--import', 'tsx', `bench/${bench}.ts`], { ...process.env, DOCKER_CONFIG: h.runnerDockerConfig });
  }
} finally {
  run('bash', ['test/e2e/harness/down.sh']);
}
