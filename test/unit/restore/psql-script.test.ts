import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scriptProblems } from '../../../src/restore/psql-script.js';

const header = '--\n-- PostgreSQL database dump\n--\n\\restrict abcDEF123\nSET statement_timeout = 0;\n';

describe('a plain dump runs only what pg_dump writes', () => {
  const ok: [string, string][] = [
    ['what pg_dump writes', `${header}\\connect shop\nCREATE TABLE public.t (a text);\nCOPY public.t (a) FROM stdin;\nx\\ty\n\\! not a command: data\n\\.\nSELECT pg_catalog.setval('s', 1, true);\n\\unrestrict abcDEF123\n`],
    ['a backslash inside a string, a dollar-quoted body and a comment', "SELECT 'a\\b', E'it\\'s \\\\! x';\nCREATE FUNCTION f() RETURNS int AS $body$\nBEGIN\n  -- \\! inside\n  RETURN 1; \\! still the body\nEND\n$body$ LANGUAGE plpgsql;\n/* \\! /* nested */ still a comment \\! */\n-- \\! a comment\nSELECT \"odd\\name\" FROM t;\n"],
    ['data lines that look like SQL', 'COPY t FROM stdin;\nCOPY x FROM PROGRAM \'id\';\n\\.\n'],
  ];
  for (const [what, sql] of ok) it(`accepts ${what}`, () => assert.deepEqual(scriptProblems(sql), []));

  const refused: [string, string, number, RegExp][] = [
    ['a shell escape', `${header}\\! sh -c 'curl evil'\n`, 6, /\\!/],
    ['a shell escape after a statement on the same line', 'SELECT 1; \\! id\n', 1, /\\!/],
    ['output piped to a program', '\\o |sh\n', 1, /\\o/],
    ['\\copy from a program', "\\copy t from program 'id'\n", 1, /\\copy/],
    ['an included file', '\\i /etc/passwd\n', 1, /\\i/],
    ['\\gexec', "SELECT 'x' \\gexec\n", 1, /\\gexec/],
    ['COPY FROM PROGRAM', "CREATE TABLE t (a text);\nCOPY t FROM PROGRAM 'id > /tmp/x';\n", 2, /PROGRAM/],
    ['COPY TO PROGRAM over two lines', 'COPY (SELECT 1)\n  TO PROGRAM\n  \'id\';\n', 3, /PROGRAM/],
    ['a command after the end of a COPY data block', 'COPY t FROM stdin;\na\n\\.\n\\! id\n', 4, /\\!/],
    ['a command after a closed dollar quote on the same line', 'SELECT $$x$$; \\setenv A b\n', 1, /\\setenv/],
  ];
  for (const [what, sql, line, re] of refused) {
    it(`refuses ${what}`, () => {
      const [p] = scriptProblems(sql);
      assert.ok(p, 'no problem found');
      assert.equal(p.line, line);
      assert.match(p.what, re);
    });
  }
});
