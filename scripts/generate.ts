// Writes action.yml and docs/config.md from the option table and the config schema,
// so the three front doors and the docs cannot drift. `npm run generate`; a unit test checks they are current.
// Also src/<folder>/shell-scripts.ts from src/<folder>/sh/*.sh (see scripts/shell-scripts.ts).
import { writeFileSync } from 'node:fs';
import { renderActionYml, renderConfigReference } from '../src/docs/render.js';
import { moduleFileOf, renderShellScriptsModule, shellScriptDirs } from './shell-scripts.js';

const root = new URL('..', import.meta.url).pathname;
writeFileSync(`${root}action.yml`, renderActionYml());
writeFileSync(`${root}docs/config.md`, renderConfigReference());
console.log('wrote action.yml and docs/config.md');
for (const dir of shellScriptDirs()) {
  writeFileSync(moduleFileOf(dir), renderShellScriptsModule(dir));
  console.log(`wrote ${moduleFileOf(dir).slice(root.length)}`);
}
