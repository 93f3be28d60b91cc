import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, validateDir } from './helpers.js';

// A set that does not load gives one clear error with file:line:col, never a stack trace.
const CASES = [
  { dir: 'malformed', rule: 'parse', file: 'docker-compose.prod.yml', line: 4, message: /^invalid YAML: Flow sequence/ },
  { dir: 'duplicate-keys', rule: 'parse', file: 'docker-compose.prod.yml', line: 5, message: /duplicate key "image"/ },
  { dir: 'empty', rule: 'parse', file: 'docker-compose.prod.yml', line: 1, message: /the Compose file is empty/ },
  { dir: 'missing-file', rule: 'parse', file: 'compose-deploy.yml', line: 7, message: /^docker-compose\.prod\.yml: Compose file not found$/ },
  { dir: 'unknown-key', rule: 'schema', file: 'docker-compose.prod.yml', line: 5, message: /unknown key "helthcheck" in services\.web; did you mean "healthcheck"\?/ },
  { dir: 'bad-type', rule: 'schema', file: 'docker-compose.prod.yml', line: 5, message: /services\.web\.ports must be array/ },
] as const;

describe('sets that do not load', () => {
  for (const c of CASES) {
    it(`${c.dir}: ${c.rule} error at ${c.file}:${c.line}`, async () => {
      const { findings, result, reporter } = await validateDir(join(FIXTURES, 'errors', c.dir));
      const errors = findings.filter((f) => f.rule === c.rule);
      assert.equal(errors.length, 1, JSON.stringify(findings));
      assert.equal(errors[0]!.file, c.file);
      assert.equal(errors[0]!.line, c.line);
      assert.match(errors[0]!.message, c.message);
      assert.equal(result.ok, false);
      assert.equal(result.outputs['errors'], String(findings.filter((f) => f.severity === 'error').length));
      assert.ok(!reporter.lines.some((l) => /\n\s+at /.test(l)), 'no stack trace');
    });
  }

  it('a missing env file is an error pointing at compose.<set>.env-file', async () => {
    const { findings } = await validateDir(join(FIXTURES, 'config', 'missing-env-file'));
    const f = findings.find((x) => /env file not found/.test(x.message));
    assert.ok(f, JSON.stringify(findings));
    assert.equal(f.file, 'compose-deploy.yml');
    assert.equal(f.line, 4);
  });

  it('a directory with no Compose files is bad input (exit 2), naming the files it looked for', async () => {
    await assert.rejects(validateDir(join(FIXTURES, 'config', 'no-compose-files')), (err: Error & { exitCode?: number }) => {
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /no prod Compose files/);
      assert.match(err.message, /docker-compose\.yml/);
      return true;
    });
  });

  it('a bad fail-on is bad input', async () => {
    await assert.rejects(validateDir(join(FIXTURES, 'layouts', 'standalone-prod'), { 'fail-on': 'never' }), /input "fail-on" must be one of error, warning/);
  });
});
