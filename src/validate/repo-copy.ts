import { copyFileSync, mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/*
 * What the sandbox's filesystem holds: a copy of the repository's regular files and folders, and
 * nothing else. A symlink is copied as the file it points to only when that file is inside the
 * repository; one that leads out brings nothing (Compose then finds no file there). The copy is
 * bounded: a huge checkout (node_modules, build output) cannot fill the disk or hold validate up.
 */

export const COPY_LIMITS = { files: 5000, bytes: 64 * 1024 * 1024, fileBytes: 4 * 1024 * 1024 };
/** Never what Compose renders from, and often most of a checkout. */
const SKIP_DIRS = new Set(['.git', 'node_modules']);

export interface RepoCopy {
  files: number;
  bytes: number;
  /** The limits were reached: files past them are missing from the copy. */
  truncated: boolean;
}

/**
 * Copies `root` into `dest` (which must not exist), breadth first, so the top folders (where Compose
 * files live) come first. `own` is validate's temp folder (the copy's parent), never copied into itself
 * when RUNNER_TEMP is inside the repository.
 */
export function copyRepository(root: string, dest: string, own: string, limits = COPY_LIMITS): RepoCopy {
  const realRoot = realpathSync(root);
  const skip = realpathSync(own);
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + sep);
  const out: RepoCopy = { files: 0, bytes: 0, truncated: false };
  mkdirSync(dest, { recursive: true, mode: 0o755 });
  const queue: string[] = [''];
  while (queue.length > 0) {
    const rel = queue.shift()!;
    let entries;
    try {
      entries = readdirSync(join(realRoot, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? join(rel, e.name) : e.name;
      const src = join(realRoot, r);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || src === skip) continue;
        mkdirSync(join(dest, r), { mode: 0o755 });
        queue.push(r);
        continue;
      }
      let file = src;
      if (e.isSymbolicLink()) {
        try {
          file = realpathSync(src);
        } catch {
          continue;
        }
        if (!inside(file)) continue;
      } else if (!e.isFile()) continue;
      const st = statSync(file);
      // A symlinked folder is not entered: its files are copied where they really are.
      if (!st.isFile() || st.size > limits.fileBytes) continue;
      if (out.files + 1 > limits.files || out.bytes + st.size > limits.bytes) {
        out.truncated = true;
        return out;
      }
      copyFileSync(file, join(dest, r));
      out.files++;
      out.bytes += st.size;
    }
  }
  return out;
}
