// Builds the two committed bundles: dist/index.js (the action) and dist/cli.js (the CLI), each with its
// chunks under dist/chunks/.
// ncc type-checks src/ (tsconfig.json); `npm run typecheck` also covers tests and benchmarks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');

/**
 * One entry point and its chunks: each command (and @actions/cache) is a dynamic import, which ncc emits
 * as a chunk file, so a run loads only what its command needs. The chunks go under dist/chunks/<name>/
 * (the two bundles number theirs independently), and the entry's chunk loader is pointed there.
 */
function bundle(entry, outFile, { shebang, chunks }) {
  const out = mkdtempSync(join(tmpdir(), 'cd-ncc-'));
  try {
    execFileSync(process.execPath, [ncc, 'build', join(root, entry), '-o', out, '--target', 'es2022', '--quiet', '--no-source-map-register'], { stdio: 'inherit' });
    const extra = readdirSync(out).filter((f) => f !== 'index.js' && f !== 'package.json');
    const chunkFiles = extra.filter((f) => /^\d+\.index\.js$/.test(f));
    // Native or Windows-only assets would make the bundle machine-dependent; the bundle must be pure JavaScript.
    const unexpected = extra.filter((f) => !['pagent.exe'].includes(f) && !chunkFiles.includes(f));
    if (unexpected.length > 0) throw new Error(`unexpected assets in the ${entry} bundle: ${unexpected.join(', ')}`);
    let code = readFileSync(join(out, 'index.js'), 'utf8').replace(/^#!.*\n/, '');
    const loader = 'return "" + chunkId + ".index.js";';
    if (chunkFiles.length > 0) {
      if (code.split(loader).length !== 2) throw new Error(`${entry}: ncc's chunk loader changed shape; update scripts/build.mjs`);
      code = code.replace(loader, `return "chunks/${chunks}/" + chunkId + ".js";`);
      mkdirSync(join(root, 'dist', 'chunks', chunks), { recursive: true });
      for (const f of chunkFiles) writeFileSync(join(root, 'dist', 'chunks', chunks, f.replace('.index.js', '.js')), readFileSync(join(out, f)));
    }
    writeFileSync(join(root, 'dist', outFile), `${shebang ? '#!/usr/bin/env node\n' : ''}${code}`, { mode: 0o755 });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// The generated sources first (the host scripts' modules from src/<folder>/sh/*.sh, action.yml, the
// config reference): an edited .sh file reaches the bundle by `npm run build` alone.
execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/generate.ts')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'));
bundle('src/main.ts', 'index.js', { shebang: false, chunks: 'action' });
bundle('src/cli.ts', 'cli.js', { shebang: true, chunks: 'cli' });
console.log('built dist/index.js and dist/cli.js');
