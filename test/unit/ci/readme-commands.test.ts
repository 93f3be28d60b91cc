import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * README's "Two commands" are what a newcomer runs first; CI must run the same ones, so a change that
 * breaks either cannot land unseen.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function readmeCommands(): string[] {
  const readme = read('README.md');
  const section = /^## Two commands\n([\s\S]*?)^## /m.exec(readme)?.[1];
  assert.ok(section, 'README has a "## Two commands" section');
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'the section has a sh block');
  return block.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
}

/** The commands .ci/run runs, comments and environment assignments set aside. */
function ciCommands(): string[] {
  return read('.ci/run').split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((l) => l.replace(/^([A-Z_][A-Z0-9_]*=("[^"]*"|\S*)\s+)+/, ''));
}

test('README names exactly two commands: the demo and the tests', () => {
  assert.deepEqual(readmeCommands(), ['npm run demo', 'npm test']);
});

test('.ci/run runs each of README\'s commands, the tests before the demo', () => {
  const ci = ciCommands();
  const at = readmeCommands().map((c) => ci.indexOf(c));
  for (const [i, c] of readmeCommands().entries()) assert.notEqual(at[i], -1, `.ci/run does not run "${c}"`);
  assert.ok(at[1]! < at[0]!, 'the tests run before the demo');
});

test('package.json\'s scripts behind those commands are the demo script and the test pipeline', () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  assert.equal(scripts['demo'], 'bash scripts/demo.sh');
  assert.equal(scripts['test'], 'bash scripts/setup.sh && bash scripts/test.sh');
  // The pipeline: lint and the unit tests (the harness coming up beside them), then the e2e suite.
  const pipeline = read('scripts/test.sh');
  assert.match(pipeline, /^npm run lint && npm run test:unit$/m);
  assert.match(pipeline, /^npm run test:e2e$/m);
  assert.ok(pipeline.indexOf('npm run test:unit') < pipeline.indexOf('npm run test:e2e'), 'the unit tests run before the e2e suite');
});
