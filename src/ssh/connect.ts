import type { Reporter } from '../report/reporter.js';
import { SshRunner, type SshTarget } from './ssh-runner.js';

/** The one place commands open a connection to the host. */
export async function connectHost(target: SshTarget, reporter: Reporter): Promise<SshRunner> {
  reporter.info(`connecting to ${target.user}@${target.host}:${target.port}`);
  return SshRunner.connect(target, reporter);
}
