import { InputError } from '../errors.js';
import { parseKeyValues } from '../host/key-values.js';
import { CommandFailed, type Runner } from '../runner/runner.js';
import { verifyCommand } from './commands.js';

export interface Verdict {
  ok: boolean;
  /** Each check that failed, in words. */
  problems: string[];
  size?: number;
  sha256?: string;
  /** The manifest beside the dump, as stored. */
  manifest?: string;
}

/**
 * Checks a stored dump: its bytes against the .sha256 sidecar and the manifest (catches any change
 * after it was written, a flipped byte anywhere), the PGDMP header, pg_restore --list, and a full
 * pg_restore read to /dev/null that decompresses every data block (catches a truncated dump
 * even without its sidecar).
 */
/** `container` "" reads with a throwaway container of `image` (an external database has no container of its own). */
export async function verifyDump(runner: Runner, container: string, file: string, image = ''): Promise<Verdict> {
  const res = await runner.run(verifyCommand(container, image, file));
  if (res.code === 2) throw new InputError(`verify: no such file on the host: ${file}`);
  if (res.code !== 0) throw new CommandFailed(`verifying ${file}`, runner.where, res);
  return judge(parseKeyValues(res.stdout));
}

export function judge(kv: Map<string, string[]>): Verdict {
  const one = (k: string) => kv.get(k)?.[0];
  const problems: string[] = [];
  const size = Number(one('size'));
  const sha256 = one('checksum');
  const sidecar = one('sidecar');
  const manifestText = one('manifest');
  if (!sidecar) problems.push('no .sha256 sidecar beside the dump');
  else if (sidecar !== sha256) problems.push(`sha256 is ${sha256}, the sidecar says ${sidecar}`);
  if (manifestText === undefined) problems.push('no .json manifest beside the dump');
  else {
    try {
      const m = JSON.parse(manifestText) as { size?: number; sha256?: string };
      if (m.size !== size) problems.push(`size is ${size} bytes, the manifest says ${m.size}`);
      if (m.sha256 !== sha256) problems.push(`sha256 differs from the manifest's ${m.sha256}`);
    } catch {
      problems.push('the manifest is not valid JSON');
    }
  }
  if (!(size > 0)) problems.push('the dump is empty');
  if (one('magic') !== 'ok') problems.push('it does not start with PGDMP (not a custom-format archive)');
  if (one('list') !== 'ok') problems.push('pg_restore --list cannot read its table of contents');
  if (one('read') !== 'ok') problems.push(`pg_restore cannot read every block: ${(one('read') ?? '').replace(/^failed ?/, '') || 'failed'}`);
  return { ok: problems.length === 0, problems, size, sha256, manifest: manifestText };
}
