/*
 * The one ustar writer: a release's files travel to the host as one archive on stdin (one round
 * trip, and the .env secret never touches a command line), and validate's sandbox image is one
 * archive `docker import` reads. Regular files and directories only, no links, owner root. Small
 * enough to write here rather than depend on a package.
 */

const BLOCK = 512;

export interface TarEntry {
  /** The path in the archive; a leading "/" (an image's root) is dropped, a ".." part refused. */
  path: string;
  /** undefined: a directory. */
  data?: Buffer | string;
  mode: number;
  /** Seconds since the epoch; default: the archive's. Python's compiled modules record their source's: a mismatch makes it compile again. */
  mtime?: number;
}

/** `mtime`: every entry's time unless it has its own. */
export function tarArchive(entries: readonly TarEntry[], mtime = 0): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.data === undefined ? undefined : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    const path = e.path.replace(/^\/+/, '');
    if (path === '' || path.split('/').includes('..')) throw new Error(`a path that leaves the archive's root: ${e.path}`);
    parts.push(header(path + (data ? '' : '/'), data?.length ?? 0, e.mode, data ? '0' : '5', e.mtime ?? mtime));
    if (data) parts.push(data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** Every directory the entries' paths pass through, parents first, as entries of their own. */
export function withParents(entries: readonly TarEntry[]): TarEntry[] {
  const dirs = new Set<string>();
  for (const e of entries) {
    const parts = e.path.replace(/^\/+/, '').split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...[...dirs].sort().map((d) => ({ path: d, mode: 0o755 })), ...entries];
}

/** A name over 100 bytes is split at a "/" into ustar's prefix (155 bytes) and name fields. */
function header(name: string, size: number, mode: number, type: '0' | '5', mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let [prefix, base] = ['', name];
  if (Buffer.byteLength(name) > 100) {
    const at = [...name.matchAll(/\//g)].map((m) => m.index).find((i) => i <= 155 && i < name.length - 1 && Buffer.byteLength(name.slice(i + 1)) <= 100);
    if (at === undefined) throw new Error(`a path too long for a tar header: ${name}`);
    [prefix, base] = [name.slice(0, at), name.slice(at + 1)];
    if (Buffer.byteLength(prefix) > 155) throw new Error(`a path too long for a tar header: ${name}`);
  }
  h.write(base, 0, 100, 'utf8');
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size);
  octal(h, 136, 12, Math.floor(mtime));
  h.fill(' ', 148, 156); // the checksum is computed over spaces
  h.write(type, 156);
  h.write('ustar\u000000', 257, 8, 'latin1');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
  return h;
}

function octal(buf: Buffer, offset: number, length: number, value: number): void {
  buf.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'latin1');
}
