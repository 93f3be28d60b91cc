// Writes action.yml and docs/config.md from the option table and the config schema,
// so the three front doors and the docs cannot drift. `npm run generate`; a unit test checks they are current.
import { writeFileSync } from 'node:fs';
import { renderActionYml, renderConfigReference } from '../src/docs/render.js';

const root = new URL('..', import.meta.url).pathname;
writeFileSync(`${root}action.yml`, renderActionYml());
writeFileSync(`${root}docs/config.md`, renderConfigReference());
console.log('wrote action.yml and docs/config.md');
