// Builds the two committed bundles: dist/index.js (the action) and dist/cli.js (the CLI).
// ncc type-checks src/ (tsconfig.json); `npm run typecheck` also covers tests and benchmarks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');

function bundle(entry, outFile, { shebang }) {
  const out = mkdtempSync(join(tmpdir(), 'cd-ncc-'));
  try {
    execFileSync(process.execPath, [ncc, 'build', join(root, entry), '-o', out, '--target', 'es2022', '--quiet', '--no-source-map-register'], { stdio: 'inherit' });
    const extra = readdirSync(out).filter((f) => f !== 'index.js' && f !== 'package.json');
    // Native or Windows-only assets would make the bundle machine-dependent; the bundle must be pure JavaScript.
    const unexpected = extra.filter((f) => !['pagent.exe'].includes(f));
    if (unexpected.length > 0) throw new Error(`unexpected assets in the ${entry} bundle: ${unexpected.join(', ')}`);
    let code = readFileSync(join(out, 'index.js'), 'utf8').replace(/^#!.*\n/, '');
    writeFileSync(join(root, 'dist', outFile), `${shebang ? '#!/usr/bin/env node\n' : ''}${code}`, { mode: 0o755 });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'));
bundle('src/main.ts', 'index.js', { shebang: false });
bundle('src/cli.ts', 'cli.js', { shebang: true });
console.log('built dist/index.js and dist/cli.js');
