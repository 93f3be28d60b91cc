import type { Reporter } from '../report/reporter.js';
import type { HostRunner } from '../runner/runner.js';
import { SshRunner } from './ssh-runner.js';
import type { SshTarget } from './ssh-target.js';

/** Opens the connection to a host; what EngineServices.connectHost replaces (a scripted host in unit tests). */
export type HostConnector = (target: SshTarget, reporter: Reporter) => Promise<HostRunner>;

/** The one place commands open a real connection to a host: SSH, host key pinned. */
export const connectHost: HostConnector = async (target, reporter) => {
  reporter.info(`connecting to ${target.user}@${target.host}:${target.port}`);
  return SshRunner.connect(target, reporter);
};
