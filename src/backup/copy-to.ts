import { PassThrough } from 'node:stream';
import { OperationError } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { connectHost } from '../ssh/connect.js';
import type { HostRunner } from '../runner/runner.js';
import type { CopyTarget } from './backup-settings.js';
import { readCommand, receiveCommand, receiveMetaCommand } from './commands.js';
import type { TakenBackup } from './take-backup.js';

/**
 * Sends a verified dump to the second host through this machine (so neither host holds a key to the
 * other): streamed from the deploy host straight into the copy-to host, checked there against the
 * checksum before it gets its name, then manifest and sidecar, then `sha256sum -c` on that host.
 */
export async function copyBackup(from: HostRunner, made: TakenBackup, to: CopyTarget, reporter: Reporter): Promise<string> {
  const remote = await connectHost(to.target, reporter);
  try {
    const pipe = new PassThrough();
    const [sent, received] = await Promise.all([
      from.runStream(readCommand(made.file), { sink: pipe }),
      remote.runStream(receiveCommand(to.path, made.name, made.manifest.sha256), { source: pipe }),
    ]);
    if (sent.code !== 0) throw new OperationError(`copy-to: reading ${made.file} failed (exit ${sent.code}): ${sent.stderr.trim()}`);
    if (received.code !== 0) throw new OperationError(`copy-to ${remote.where}: ${received.stdout.trim() || received.stderr.trim()}`);
    const meta = await remote.run(receiveMetaCommand(to.path, made.name, made.manifest.sha256, JSON.stringify(made.manifest, null, 2)));
    if (meta.code !== 0 || !meta.stdout.includes('verified=')) throw new OperationError(`copy-to ${remote.where}: the copy did not verify: ${meta.stderr.trim()}`);
    const where = `${remote.where}:${to.path}/${made.name}`;
    reporter.info(`▸ copied ${made.name} to ${where} (checksum verified there)`);
    return where;
  } finally {
    await remote.close();
  }
}
