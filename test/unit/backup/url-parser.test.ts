import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PG_URL_TO_ENV_AWK } from '../../../src/backup/url-parser.js';

/** Runs the parser as the host does: the URL on stdin, the program as awk's argument. */
const parse = (url: string) => {
  const r = spawnSync('awk', [PG_URL_TO_ENV_AWK], { input: `${url}\n`, encoding: 'utf8' });
  return { status: r.status, env: Object.fromEntries(r.stdout.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])) };
};

test('a postgres:// URL becomes libpq variables, percent-decoded', () => {
  assert.deepEqual(parse('postgres://shop:p%40ss%3Aw%25rd%2F1@db.example.net:6543/shop%20db?sslmode=require&application_name=x').env, {
    PGHOST: 'db.example.net',
    PGPORT: '6543',
    PGUSER: 'shop',
    PGPASSWORD: 'p@ss:w%rd/1',
    PGDATABASE: 'shop db',
    PGSSLMODE: 'require',
    PGAPPNAME: 'x',
  });
  assert.deepEqual(parse('postgresql://u@[2001:db8::1]:5432/d').env, { PGHOST: '2001:db8::1', PGPORT: '5432', PGUSER: 'u', PGDATABASE: 'd' });
  assert.deepEqual(parse('postgres://h').env, { PGHOST: 'h' });
});

test('an @ in an unencoded password still splits at the last @', () => {
  assert.equal(parse('postgres://u:a@b@h/d').env['PGPASSWORD'], 'a@b');
});

test('anything but postgres:// is refused', () => {
  assert.equal(parse('mysql://u:p@h/d').status, 3);
  assert.equal(parse('not a url').status, 3);
});
