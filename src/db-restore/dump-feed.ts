import type { Reporter } from '../report/reporter.js';
import { runChecked, type Command, type HostRunner } from '../runner/runner.js';
import * as cmd from './commands.js';
import { dumpFormat, parallelFormat, restoreJobs } from './restore-plan.js';

/** How the dump reaches pg_restore: streamed (one job, one transaction), or copied into the container for several jobs. */
export interface DumpFeed {
  jobs: number;
  /** The command that fills `restored`. */
  restore(restored: string): Command;
  /** Removes the copy in the container, if one was made (never fails). */
  cleanUp(): Promise<void>;
}

interface Pg {
  container: string;
  user: string;
}

/**
 * Chooses pg_restore's jobs (restore.jobs, else the container's CPUs, at most four; one for a dump
 * that cannot be restored in parallel) and, for more than one, copies the dump into the database
 * container: done before maintenance goes on, so the copy costs no downtime.
 */
export async function prepareFeed(runner: HostRunner, pg: Pg, file: string, manifestText: string | undefined, asked: number | undefined, token: string, reporter: Reporter): Promise<DumpFeed> {
  const format = dumpFormat(manifestText);
  let cpus: number | undefined;
  if (asked === undefined && parallelFormat(format)) {
    const res = await runner.run(cmd.cpusCommand(pg));
    cpus = res.code === 0 ? Number(res.stdout.trim()) : undefined;
  }
  const jobs = restoreJobs(asked, format, cpus);
  if (jobs === 1) return { jobs, restore: (restored) => cmd.pgRestoreCommand(pg, restored, file), cleanUp: async () => undefined };
  const staged = `${cmd.STAGED_PREFIX}${token}.dump`;
  const started = Date.now();
  await runChecked(runner, cmd.stageCommand(pg, file, staged), `copying the dump into the database container for pg_restore --jobs=${jobs}`);
  reporter.info(`▸ copied the dump into the database container for pg_restore --jobs=${jobs} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return {
    jobs,
    restore: (restored) => cmd.parallelRestoreCommand(pg, restored, staged, jobs),
    cleanUp: async () => void (await runner.run(cmd.unstageCommand(pg, staged)).catch(() => undefined)),
  };
}
