/**
 * A minimal ustar writer: the release's files travel to the host as one archive on stdin
 * (one round trip, and the .env secret never touches a command line).
 */
export interface TarEntry {
  name: string;
  content: string | Buffer;
  mode: number;
}

const BLOCK = 512;

export function tarArchive(entries: readonly TarEntry[], mtime = 0): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content, 'utf8');
    parts.push(header(e.name, data.length, e.mode, mtime), data, Buffer.alloc(padding(data.length)));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function header(name: string, size: number, mode: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`file name too long for the release archive: ${name}`);
  if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`release file must stay inside the release: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size);
  octal(h, 136, 12, mtime);
  h.fill(' ', 148, 156); // checksum is computed over spaces
  h.write('0', 156); // regular file
  h.write('ustar\u000000', 257, 8, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
  return h;
}

function octal(buf: Buffer, offset: number, length: number, value: number): void {
  buf.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'latin1');
}
