import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { parseManifest, type ManifestAsRead } from './manifest.js';

export type DumpFormat = 'custom' | 'directory' | 'plain' | 'plain-gz';

/** A backup on this machine, with whatever sits beside it. */
export interface LocalBackup {
  /** Absolute path of the dump (a directory for pg_dump -Fd). */
  path: string;
  format: DumpFormat;
  /** Bytes (all files, for a directory dump). */
  size: number;
  /** `<dump>.json`, when present. */
  manifest?: ManifestAsRead;
  /** `<dump>.sha256`, when present. */
  checksumFile?: string;
  /** The file's own time, for a dump without a manifest. */
  mtime: Date;
}

/**
 * The newest backup matching a path or a glob (`*` and `?`, in the last component): newest by the
 * manifest's created_at, else by modification time. Sidecars (.json, .sha256) are never candidates.
 */
export function findLocalBackup(pattern: string, cwd: string): LocalBackup {
  const abs = resolve(cwd, pattern);
  const dir = dirname(abs);
  const name = basename(abs);
  if (/[*?]/.test(dir)) throw new InputError(`backup-file: wildcards are allowed in the file name only, got ${JSON.stringify(pattern)}`);
  let candidates: string[];
  if (!/[*?]/.test(name)) {
    if (!existsSync(abs)) throw new InputError(`backup-file: no backup at ${abs}`);
    candidates = [abs];
  } else {
    const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const names = existsSync(dir) ? readdirSync(dir) : [];
    candidates = names.filter((n) => re.test(n) && !/\.(json|sha256|partial|tmp)$/.test(n)).map((n) => join(dir, n));
    if (candidates.length === 0) throw new InputError(`backup-file: no backup matches ${name} in ${dir}${names.length === 0 ? ' (the folder is empty or missing)' : ''}`);
  }
  const backups = candidates.map(describeBackup);
  backups.sort((a, b) => createdAt(b) - createdAt(a));
  return backups[0]!;
}

function createdAt(b: LocalBackup): number {
  const t = b.manifest?.created_at ? Date.parse(b.manifest.created_at) : NaN;
  return Number.isNaN(t) ? b.mtime.getTime() : t;
}

export function describeBackup(path: string): LocalBackup {
  const st = statSync(path);
  const manifestFile = `${path}.json`;
  let manifest: ManifestAsRead | undefined;
  if (existsSync(manifestFile)) {
    try {
      manifest = parseManifest(readFileSync(manifestFile, 'utf8'), manifestFile);
    } catch (err) {
      throw new InputError(`backup manifest ${(err as Error).message}`);
    }
  }
  return {
    path,
    format: st.isDirectory() ? 'directory' : formatOf(path),
    size: st.isDirectory() ? readdirSync(path).reduce((n, f) => n + statSync(join(path, f)).size, 0) : st.size,
    manifest,
    checksumFile: existsSync(`${path}.sha256`) ? `${path}.sha256` : undefined,
    mtime: st.mtime,
  };
}

/** By content, not by name: a dump's format shows in its first bytes. */
function formatOf(path: string): DumpFormat {
  const head = readHead(path, 5);
  if (head.toString('latin1') === 'PGDMP') return 'custom';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'plain-gz';
  return 'plain';
}

export function readHead(path: string, bytes: number): Buffer {
  const buf = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}
