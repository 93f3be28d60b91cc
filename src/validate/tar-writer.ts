/*
 * A ustar archive of regular files and directories, what `docker import` turns into an image. Small
 * enough to write here rather than depend on a package: no links, no special files, owner root.
 */

const BLOCK = 512;

export interface TarEntry {
  path: string;
  /** undefined: a directory. */
  data?: Buffer;
  mode: number;
  /** Seconds since the epoch (Python's compiled modules record their source's; a mismatch makes it compile again). */
  mtime?: number;
}

export function tarArchive(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const name = e.path.replace(/^\/+/, '') + (e.data ? '' : '/');
    parts.push(header(name, e.data?.length ?? 0, e.mode, e.data ? '0' : '5', e.mtime ?? 0));
    if (e.data) {
      parts.push(e.data);
      const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
    }
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

function header(name: string, size: number, mode: number, type: string, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let [prefix, base] = ['', name];
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.endsWith('/') ? name.length - 2 : name.length - 1);
    const at = [...name.matchAll(/\//g)].map((m) => m.index!).find((i) => i <= 155 && Buffer.byteLength(name.slice(i + 1)) <= 100) ?? cut;
    [prefix, base] = [name.slice(0, at), name.slice(at + 1)];
    if (Buffer.byteLength(prefix) > 155 || Buffer.byteLength(base) > 100) throw new Error(`a path too long for a tar header: ${name}`);
  }
  h.write(base, 0, 100, 'utf8');
  h.write(octal(mode, 7), 100);
  h.write(octal(0, 7), 108);
  h.write(octal(0, 7), 116);
  h.write(octal(size, 11), 124);
  h.write(octal(Math.floor(mtime), 11), 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\u000000', 257, 'latin1');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return h;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width, '0')}\u0000`;
}
