import { existsSync, readFileSync, realpathSync } from 'node:fs';
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

/** undefined when the bytes are not a 64-bit little-endian ELF file (then nothing is known to be needed). */
export function elfLinks(data: Buffer): ElfLinks | undefined {
  if (data.length < 64 || data.readUInt32BE(0) !== 0x7f454c46 || data[4] !== 2 || data[5] !== 1) return undefined;
  const phoff = Number(data.readBigUInt64LE(0x20));
  const phentsize = data.readUInt16LE(0x36);
  const phnum = data.readUInt16LE(0x38);
  const loads: { vaddr: number; offset: number; size: number }[] = [];
  let dynamic: { offset: number; size: number } | undefined;
  let interpreter: string | undefined;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 56 > data.length) return undefined;
    const type = data.readUInt32LE(at);
    const offset = Number(data.readBigUInt64LE(at + 8));
    const vaddr = Number(data.readBigUInt64LE(at + 16));
    const size = Number(data.readBigUInt64LE(at + 32));
    if (type === PT_LOAD) loads.push({ vaddr, offset, size });
    else if (type === PT_DYNAMIC) dynamic = { offset, size };
    else if (type === PT_INTERP) interpreter = data.subarray(offset, offset + size).toString('latin1').replace(/\0.*$/s, '');
  }
  if (!dynamic) return { interpreter, needed: [] };
  const names: number[] = [];
  let strtab: number | undefined;
  for (let at = dynamic.offset; at + 16 <= Math.min(data.length, dynamic.offset + dynamic.size); at += 16) {
    const tag = Number(data.readBigInt64LE(at));
    const val = Number(data.readBigUInt64LE(at + 8));
    if (tag === 0) break;
    if (tag === DT_NEEDED) names.push(val);
    if (tag === DT_STRTAB) strtab = val;
  }
  const seg = strtab === undefined ? undefined : loads.find((l) => strtab! >= l.vaddr && strtab! < l.vaddr + l.size);
  if (strtab === undefined || !seg) return { interpreter, needed: [] };
  const base = strtab - seg.vaddr + seg.offset;
  const needed = names.map((n) => {
    const end = data.indexOf(0, base + n);
    return data.subarray(base + n, end < 0 ? undefined : end).toString('latin1');
  });
  return { interpreter, needed };
}

/** Where the loader looks for a library named without a slash (ld.so.conf's usual entries on Debian and Ubuntu). */
const LIBRARY_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib64', '/usr/lib64', '/lib', '/usr/lib', '/usr/local/lib'];

/**
 * Every file the loader opens for `programs`: each one's loader and libraries, and theirs, by the path
 * the loader asks for (mapped to the real file behind any symlink). Throws when a library is not found.
 */
export function sharedLibraryClosure(programs: readonly string[], read: (path: string) => Buffer = readFileSync): Map<string, string> {
  const out = new Map<string, string>();
  const queue = [...programs];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const links = elfLinks(read(file));
    if (!links) continue;
    if (links.interpreter && !out.has(links.interpreter)) {
      out.set(links.interpreter, realpathSync(links.interpreter));
      queue.push(links.interpreter);
    }
    for (const name of links.needed) {
      if ([...out.keys()].some((k) => posix.basename(k) === name)) continue;
      const found = name.includes('/') ? name : LIBRARY_DIRS.map((d) => posix.join(d, name)).find((p) => existsSync(p));
      if (!found) throw new Error(`${file} needs ${name}, which is not in ${LIBRARY_DIRS.join(', ')}`);
      out.set(found, realpathSync(found));
      queue.push(found);
    }
  }
  return out;
}
