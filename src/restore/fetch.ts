import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostScript } from '../host/script.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCommand } from '../backup/commands.js';
import { parseDumpName } from '../backup/manifest.js';
import { OperationError } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { runChecked, type Command } from '../runner/runner.js';
import type { HostConnector } from '../ssh/connect.js';
import type { SshTarget } from '../ssh/ssh-target.js';
import { LIST_VERIFIED_SCRIPT } from './shell-scripts.js';

/** The backup dir on the host holds no verified backup of the project: a failed drill, not bad input. */
export class NoBackupFound extends OperationError {}

/** Every verified dump in dir (its manifest and checksum beside it), one name a line. */
export const listVerifiedCommand = (dir: string): Command => hostScript('list-backups', LIST_VERIFIED_SCRIPT, [dir]);

/** The newest of this project's verified dumps, by the UTC time in its name. */
export function newestDump(names: readonly string[], project: string): string | undefined {
  return names
    .map((name) => ({ name, at: parseDumpName(name, project) }))
    .filter((d): d is { name: string; at: Date } => d.at !== undefined)
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0]?.name;
}

/**
 * source ssh / copy: the newest verified backup in `dir` on that host, fetched with its manifest and
 * sidecar over the pinned SSH connection into a temp dir. Read-only on the host: the drill writes
 * nothing there. Returns the local dump and a clean-up.
 */
export async function fetchNewestBackup(connect: HostConnector, target: SshTarget, dir: string, project: string, reporter: Reporter): Promise<{ path: string; cleanup: () => void }> {
  const runner = await connect(target, reporter);
  const local = mkdtempSync(join(tmpdir(), 'cd-restore-fetch-'));
  const cleanup = () => rmSync(local, { recursive: true, force: true });
  try {
    const names = (await runChecked(runner, listVerifiedCommand(dir), `listing backups in ${dir}`)).stdout.split('\n').filter(Boolean);
    const name = newestDump(names, project);
    if (!name) throw new NoBackupFound(`no verified backup of project ${project} (a .dump with its .dump.json and .dump.sha256) in ${dir} on ${runner.where}`);
    reporter.info(`restore-test: fetching ${dir}/${name} from ${runner.where}`);
    for (const side of ['.json', '.sha256']) {
      writeFileSync(join(local, `${name}${side}`), (await runChecked(runner, readCommand(`${dir}/${name}${side}`), `reading ${name}${side}`)).stdout);
    }
    const res = await runner.runStream(readCommand(`${dir}/${name}`), { sink: createWriteStream(join(local, name)) });
    if (res.code !== 0) throw new OperationError(`fetching ${dir}/${name} from ${runner.where} failed (exit ${res.code}): ${res.stderr.trim()}`);
    return { path: join(local, name), cleanup };
  } catch (err) {
    cleanup();
    throw err;
  } finally {
    await runner.close();
  }
}
