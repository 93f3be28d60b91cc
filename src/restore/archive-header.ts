import { join } from 'node:path';
import type { DumpNeeds } from './dump-contents.js';
import { readHead, type DumpFormat } from './source.js';

/**
 * The versions a custom or directory dump's header states, read without pg_restore: an older
 * pg_restore refuses a newer archive ("unsupported version (1.16) in file header") before it says
 * which PostgreSQL wrote it, so the drill reads that itself and can name both majors.
 */
export interface ArchiveHeader {
  /** The archive format's own version, e.g. "1.16" (PostgreSQL 17). */
  archiveVersion: string;
  /** "Dumped from database version", e.g. "17.6 (Debian 17.6-0+deb13u1)"; absent before format 1.10. */
  serverVersion?: string;
  /** "Dumped by pg_dump version". */
  pgDumpVersion?: string;
}

/** The header is a few hundred bytes; version strings are short. */
const HEAD_BYTES = 4096;

/** The header of `<dump>` (custom) or `<dump>/toc.dat` (directory); undefined for plain dumps or an unreadable header. */
export function readArchiveHeader(path: string, format: DumpFormat): ArchiveHeader | undefined {
  if (format !== 'custom' && format !== 'directory') return undefined;
  try {
    return parseArchiveHeader(readHead(format === 'directory' ? join(path, 'toc.dat') : path, HEAD_BYTES));
  } catch {
    // A missing toc.dat is verifyShape's to report; pg_restore --list names a damaged header.
    return undefined;
  }
}

/** The versions as DumpNeeds carries them (the TOC, read later, adds extensions and roles). */
export function headerVersions(h: ArchiveHeader | undefined): Pick<DumpNeeds, 'serverVersion' | 'pgDumpVersion'> {
  return { serverVersion: h?.serverVersion, pgDumpVersion: h?.pgDumpVersion };
}

/**
 * pg_dump's archive header (pg_backup_archiver.c WriteHead): "PGDMP", format version bytes major,
 * minor, revision, int size, offset size, format; compression (one byte from 1.15, an int before);
 * seven ints of creation time; then strings: database name, server version, pg_dump version.
 * An int is a sign byte and `intSize` little-endian bytes; a string is an int length and its bytes.
 * Returns undefined when the bytes are not such a header (or end before the versions).
 */
export function parseArchiveHeader(buf: Buffer<ArrayBufferLike>): ArchiveHeader | undefined {
  if (buf.subarray(0, 5).toString('latin1') !== 'PGDMP') return undefined;
  let at = 5;
  const byte = (): number => {
    if (at >= buf.length) throw new RangeError('header ends early');
    return buf[at++]!;
  };
  try {
    const vmaj = byte();
    const vmin = byte();
    const vrev = vmaj > 1 || (vmaj === 1 && vmin > 0) ? byte() : 0;
    const version = (vmaj << 16) | (vmin << 8) | vrev;
    const since = (maj: number, min: number): boolean => version >= ((maj << 16) | (min << 8));
    const archiveVersion = `${vmaj}.${vmin}${vrev ? `.${vrev}` : ''}`;
    const intSize = byte();
    if (intSize < 1 || intSize > 8) return undefined;
    if (since(1, 7)) byte(); // offset size
    byte(); // format
    const int = (): number => {
      const negative = byte() !== 0;
      let value = 0;
      for (let i = 0; i < intSize; i++) value += byte() * 2 ** (8 * i);
      return negative ? -value : value;
    };
    const str = (): string | undefined => {
      const length = int();
      if (length < 0) return undefined;
      if (at + length > buf.length) throw new RangeError('header ends early');
      const s = buf.subarray(at, at + length).toString('utf8');
      at += length;
      return s;
    };
    if (since(1, 15)) byte();
    else if (since(1, 4)) int();
    else if (since(1, 2)) byte();
    if (!since(1, 4)) return { archiveVersion };
    for (let i = 0; i < 7; i++) int(); // creation time: sec, min, hour, mday, mon, year, isdst
    str(); // database name
    if (!since(1, 10)) return { archiveVersion };
    return { archiveVersion, serverVersion: str(), pgDumpVersion: str() };
  } catch {
    return undefined;
  }
}
