import { sha256File } from '../runtime/sha256-file.js';
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Writable } from 'node:stream';
import { readHead, type LocalBackup } from './source.js';

/** Each problem names the file and what is wrong with it; none of them is worth restoring. */
export class IntegrityError extends Error {
  override name = 'IntegrityError';
}


/**
 * `<dump>.sha256` as sha256sum writes it (`<hex>  <name>` per line; a bare hex is the dump itself):
 * every file it names must hash to its value. Returns the dump's own checksum.
 */
export async function verifyChecksums(b: LocalBackup): Promise<string | undefined> {
  if (!b.checksumFile) return undefined;
  const lines = readFileSync(b.checksumFile, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) throw new IntegrityError(`${b.checksumFile} is empty: the checksum was never written`);
  let own: string | undefined;
  for (const line of lines) {
    const m = /^([0-9a-fA-F]{64})(?:\s+\*?(.+))?$/.exec(line);
    if (!m) throw new IntegrityError(`${b.checksumFile}: not a sha256sum line: ${JSON.stringify(line.slice(0, 80))}`);
    const expected = m[1]!.toLowerCase();
    const named = m[2]?.trim();
    const file = !named || basename(named) === basename(b.path) ? b.path : join(b.format === 'directory' ? b.path : dirname(b.path), basename(named));
    if (b.format === 'directory' && file === b.path) throw new IntegrityError(`${b.checksumFile}: a directory dump's checksum file must name each file it covers`);
    let actual: string;
    try {
      actual = await sha256File(file);
    } catch (err) {
      throw new IntegrityError(`${file}: listed in ${b.checksumFile} but cannot be read (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
    if (actual !== expected) throw new IntegrityError(`${file}: checksum mismatch: sha256 is ${actual}, ${basename(b.checksumFile)} says ${expected}. The file changed after the backup wrote it (truncated, corrupted, or replaced)`);
    if (file === b.path) own = actual;
  }
  return own;
}

/**
 * What the first and last bytes can tell before any server is started: not empty, the format's
 * magic, a gzip stream that decompresses to its end, a plain dump that pg_dump finished writing.
 */
export async function verifyShape(b: LocalBackup): Promise<void> {
  if (b.format === 'directory') {
    try {
      if (statSync(join(b.path, 'toc.dat')).size === 0) throw new Error('empty');
    } catch {
      throw new IntegrityError(`${b.path}: a directory dump without a readable toc.dat`);
    }
    return;
  }
  if (b.size === 0) throw new IntegrityError(`${b.path}: the file is empty`);
  if (b.format === 'custom') return;
  if (/\.dump$/.test(b.path)) throw new IntegrityError(`${b.path}: does not start with the custom-format magic PGDMP (starts with ${JSON.stringify(readHead(b.path, 5).toString('latin1'))})`);
  const tail = b.format === 'plain-gz' ? await gunzipTail(b.path) : readTail(b.path, 4096);
  // pg_dump's last line; a dump cut short (a full disk, a killed job) lacks it.
  // Newer minor releases end with a \unrestrict <key> line after it.
  if (!/-- PostgreSQL database dump complete\s*(--\s*)?(\\unrestrict \S+\s*)?$/.test(tail)) {
    throw new IntegrityError(`${b.path}: the plain SQL dump does not end with "-- PostgreSQL database dump complete": it was cut short`);
  }
}

function readTail(path: string, bytes: number): string {
  const size = statSync(path).size;
  const buf = Buffer.alloc(Math.min(bytes, size));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, buf.length, size - buf.length);
  } finally {
    closeSync(fd);
  }
  return buf.toString('utf8');
}

/** Decompresses the whole stream (a corrupt or truncated gzip fails here) and keeps its last few KB. */
async function gunzipTail(path: string): Promise<string> {
  let tail = Buffer.alloc(0);
  const keep = new Writable({
    write(chunk: Buffer, _enc, done) {
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > 8192) tail = tail.subarray(tail.length - 4096);
      done();
    },
  });
  try {
    await pipeline(createReadStream(path), createGunzip(), keep);
  } catch (err) {
    throw new IntegrityError(`${path}: the gzip stream is damaged (${(err as Error).message})`);
  }
  return tail.toString('utf8');
}
