/** `npm run bench`: every benchmark under bench/, one after another, against the harness it brings up. */
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd: string, args: string[]) => {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
};
run('bash', ['test/e2e/harness/up.sh']);
try {
  for (const bench of ['validate', 'build', 'deploy', 'rollback', 'backup', 'restore-test']) {
    console.log(`\n=== bench/${bench}.ts`);
    run(process.execPath, ['--import', 'tsx', `bench/${bench}.ts`]);
  }
} finally {
  run('bash', ['test/e2e/harness/down.sh']);
}
