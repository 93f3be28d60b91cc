import { closeSync, existsSync, openSync, readSync, realpathSync } from 'node:fs';
import { posix } from 'node:path';

/*
 * What a dynamically linked program needs to start: its loader (PT_INTERP) and the shared libraries
 * it names (DT_NEEDED), found the way the loader finds them on Debian-like systems. Read from the
 * files themselves rather than by running `ldd`: validate starts no program but Docker.
 */

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NEEDED = 1;
const DT_STRTAB = 5;

export interface ElfLinks {
  interpreter?: string;
  needed: string[];
}

/** Bytes of a file at an offset; shorter (or empty) past its end. */
export type ReadAt = (offset: number, length: number) => Buffer;

/** A file's bytes read on demand: a program's links sit in its first pages, and Compose is tens of megabytes. */
export function withFileAt<T>(path: string, use: (at: ReadAt) => T): T {
  const fd = openSync(path, 'r');
  try {
    return use((offset, length) => {
      const buf = Buffer.alloc(Math.max(0, length));
      return buf.subarray(0, readSync(fd, buf, 0, buf.length, offset));
    });
  } finally {
    closeSync(fd);
  }
}

/** Strings in an ELF string table are short; one read covers a library's name. */
const MAX_NAME = 4096;

/** undefined when the bytes are not a 64-bit little-endian ELF file (then nothing is known to be needed). */
export function elfLinks(file: Buffer | ReadAt): ElfLinks | undefined {
  const at: ReadAt = Buffer.isBuffer(file) ? (offset, length) => file.subarray(offset, offset + length) : file;
  const head = at(0, 64);
  if (head.length < 64 || head.readUInt32BE(0) !== 0x7f454c46 || head[4] !== 2 || head[5] !== 1) return undefined;
  const phoff = Number(head.readBigUInt64LE(0x20));
  const phentsize = head.readUInt16LE(0x36);
  const phnum = head.readUInt16LE(0x38);
  if (phentsize < 56) return undefined;
  const table = at(phoff, phnum * phentsize);
  const loads: { vaddr: number; offset: number; size: number }[] = [];
  let dynamic: { offset: number; size: number } | undefined;
  let interpreter: string | undefined;
  for (let i = 0; i < phnum; i++) {
    const p = i * phentsize;
    if (p + 56 > table.length) return undefined;
    const type = table.readUInt32LE(p);
    const offset = Number(table.readBigUInt64LE(p + 8));
    const vaddr = Number(table.readBigUInt64LE(p + 16));
    const size = Number(table.readBigUInt64LE(p + 32));
    if (type === PT_LOAD) loads.push({ vaddr, offset, size });
    else if (type === PT_DYNAMIC) dynamic = { offset, size };
    else if (type === PT_INTERP) interpreter = at(offset, Math.min(size, MAX_NAME)).toString('latin1').replace(/\0.*$/s, '');
  }
  if (!dynamic) return { interpreter, needed: [] };
  const names: number[] = [];
  let strtab: number | undefined;
  const entries = at(dynamic.offset, dynamic.size);
  for (let p = 0; p + 16 <= entries.length; p += 16) {
    const tag = Number(entries.readBigInt64LE(p));
    const val = Number(entries.readBigUInt64LE(p + 8));
    if (tag === 0) break;
    if (tag === DT_NEEDED) names.push(val);
    if (tag === DT_STRTAB) strtab = val;
  }
  const seg = strtab === undefined ? undefined : loads.find((l) => strtab! >= l.vaddr && strtab! < l.vaddr + l.size);
  if (strtab === undefined || !seg) return { interpreter, needed: [] };
  const base = strtab - seg.vaddr + seg.offset;
  const needed = names.map((n) => {
    const bytes = at(base + n, MAX_NAME);
    const end = bytes.indexOf(0);
    return bytes.subarray(0, end < 0 ? undefined : end).toString('latin1');
  });
  return { interpreter, needed };
}

/** Where the loader looks for a library named without a slash (ld.so.conf's usual entries on Debian and Ubuntu). */
const LIBRARY_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib64', '/usr/lib64', '/lib', '/usr/lib', '/usr/local/lib'];

/**
 * Every file the loader opens for `programs`: each one's loader and libraries, and theirs, by the path
 * the loader asks for (mapped to the real file behind any symlink). Throws when a library is not found.
 */
export function sharedLibraryClosure(programs: readonly string[], links: (path: string) => ElfLinks | undefined = (p) => withFileAt(p, elfLinks)): Map<string, string> {
  const out = new Map<string, string>();
  const queue = [...programs];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const l = links(file);
    if (!l) continue;
    if (l.interpreter && !out.has(l.interpreter)) {
      out.set(l.interpreter, realpathSync(l.interpreter));
      queue.push(l.interpreter);
    }
    for (const name of l.needed) {
      if ([...out.keys()].some((k) => posix.basename(k) === name)) continue;
      const found = name.includes('/') ? name : LIBRARY_DIRS.map((d) => posix.join(d, name)).find((p) => existsSync(p));
      if (!found) throw new Error(`${file} needs ${name}, which is not in ${LIBRARY_DIRS.join(', ')}`);
      out.set(found, realpathSync(found));
      queue.push(found);
    }
  }
  return out;
}
