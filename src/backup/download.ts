import { sha256File } from '../runtime/sha256-file.js';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OperationError } from '../errors.js';
import type { HostRunner } from '../runner/runner.js';
import { readCommand } from './commands.js';
import type { TakenBackup } from './take-backup.js';

/**
 * Fetches a verified dump to this machine (CLI --download, the workflow's artifact): written under
 * a temporary name, its sha256 checked against the manifest, then renamed; manifest and sidecar beside it.
 */
export async function downloadBackup(runner: HostRunner, made: TakenBackup, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const final = join(dir, made.name);
  const tmp = join(dir, `.${made.name}.partial`);
  try {
    const res = await runner.runStream(readCommand(made.file), { sink: createWriteStream(tmp) });
    if (res.code !== 0) throw new OperationError(`downloading ${made.file} failed (exit ${res.code}): ${res.stderr.trim()}`);
    const got = await sha256File(tmp);
    if (got !== made.manifest.sha256) throw new OperationError(`the downloaded ${made.name} has sha256 ${got}, the manifest says ${made.manifest.sha256}: not kept`);
    writeFileSync(`${final}.json`, `${JSON.stringify(made.manifest, null, 2)}\n`);
    writeFileSync(`${final}.sha256`, `${got}  ${made.name}\n`);
    renameSync(tmp, final);
    return final;
  } finally {
    rmSync(tmp, { force: true });
  }
}

