import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseComposeText } from '../../../src/compose/model.js';
import { aliasBomb } from './alias-bomb.js';

it('a file of nested aliases is refused before it expands', () => {
  assert.throws(() => parseComposeText(aliasBomb(), 'c.yml'), /expands to more than 200000 nodes/);
});

it('aliases in a real file still resolve', () => {
  const tree = parseComposeText('x-env: &env { A: "1" }\nservices:\n  a: { image: x, environment: *env }\n  b: { image: x, environment: *env }\n', 'c.yml');
  assert.equal(tree.entries.get('services')?.value.kind, 'map');
});
