import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseComposeText, toPlain } from '../../../src/compose/model.js';
import { schemaFindings } from '../../../src/validate/schema-check.js';
import { FIXTURES, validateDir } from './helpers.js';

function check(yaml: string) {
  const tree = parseComposeText(yaml, 'compose.yaml');
  return schemaFindings(toPlain(tree), tree).map((f) => `${f.loc.line}: ${f.message}`);
}

describe('the schema fallback knows the current Compose keys', () => {
  it('a dev set with develop.watch, gpus, post_start, pre_stop, env_file objects and a project name passes', async () => {
    const { findings, report } = await validateDir(join(FIXTURES, 'config', 'newer-keys'));
    assert.equal(report.renderer.kind, 'schema');
    assert.deepEqual(findings.filter((f) => f.rule === 'schema' || f.rule === 'parse'), []);
  });

  it('a typo next to them is still an unknown key, with the new key as the suggestion', () => {
    assert.deepEqual(check('services:\n  web:\n    image: nginx:1\n    devlop:\n      watch: []\n'), [
      '4: Compose specification: unknown key "devlop" in services.web; did you mean "develop"?',
    ]);
  });

  it('their shapes are checked, not just their names', () => {
    const watch = check('services:\n  web:\n    image: nginx:1\n    develop:\n      watch:\n        - path: ./src\n          action: teleport\n');
    assert.equal(watch.length, 1, watch.join('\n'));
    assert.match(watch[0]!, /^7: Compose specification: services\.web\.develop\.watch\.0\.action must be equal to one of the allowed values/);
    assert.match(check('services:\n  web:\n    image: nginx:1\n    post_start:\n      - user: root\n')[0]!, /post_start\.0 must have required property 'command'/);
    assert.match(check('services:\n  web:\n    image: nginx:1\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n          targt: /app\n')[0]!, /unknown key "targt"/);
  });
});
