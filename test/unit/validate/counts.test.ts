import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { FIXTURES, validateDir } from './helpers.js';

// compose.yaml is in both sets; its one unknown key is listed under each set but is one error everywhere it is counted.
it('a finding in a file both sets share counts once in the outputs, the exit message, the summary, the report and the annotations', async () => {
  const { result, report, findings, reporter } = await validateDir(join(FIXTURES, 'config', 'shared-file-error'));
  const perSet = report.sets.map((s: { name: string; findings: unknown[] }) => [s.name, s.findings.length]);
  assert.deepEqual(perSet, [['dev', 1], ['prod', 1]], 'each set table lists it');
  assert.equal(findings[0]!.line, 5);
  assert.equal(result.outputs['errors'], '1');
  assert.equal(report.errors, 1);
  assert.match(result.summary!, /\*\*1 error, 0 warnings\*\*/);
  assert.match(result.message!, /^validate found 1 error\(s\) and 0 warning\(s\)/);
  assert.equal(reporter.lines.filter((l) => l.startsWith('error: ')).length, 1);
});
