import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// The bundles are ES modules (the @actions/* packages ship ESM only), but ssh2's bundled
// asm.js crypto still reads the CommonJS globals. Provide them before anything loads it.
const globals = globalThis as { __dirname?: string; __filename?: string };
globals.__filename ??= fileURLToPath(import.meta.url);
globals.__dirname ??= dirname(globals.__filename);
