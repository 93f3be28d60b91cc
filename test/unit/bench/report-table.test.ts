import assert from 'node:assert/strict';
import { test } from 'node:test';
import { END, START, markdownReport, withReportTable, type BenchReport } from '../../../bench/report-table.js';

const report: BenchReport = {
  date: '2026-11-29T10:00:00.000Z',
  machine: { cpus: 2, cpu: 'cpu', memoryGiB: 24, kernel: '6.1', docker: '20.10.24', node: 'v24.1.0', compose: { v2: '2.26.1', v1: '1.29.2' } },
  figures: [
    { bench: 'validate', compose: 'v2', figure: 'added beyond config | 60 services', value: 212.4, unit: 'ms', baseline: { what: 'config of both sets', value: 700, unit: 'ms' }, ratio: 1.3, target: '< 250 ms', met: true },
    { bench: 'deploy', compose: 'v1', figure: 'failed requests', value: 0, unit: 'requests', target: '0', met: false },
  ],
};

test('the report table has a row a figure, with its baseline, ratio and whether its target was met', () => {
  const md = markdownReport(report);
  assert.match(md, /^Run of 2026-11-29 10:00 UTC on 2 cores \(cpu\), 24 GiB, .*Compose v2 2\.26\.1, v1 1\.29\.2\./);
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| benchmark'));
  assert.equal(rows.length, 2);
  assert.equal(rows[0], '| validate | v2 | added beyond config \\| 60 services | 212 ms | config of both sets: 700 ms | 1.30 | < 250 ms (met) |');
  assert.equal(rows[1], '| deploy | v1 | failed requests | 0 requests |  |  | 0 (not met) |');
});

test('README gets the table between its markers, replacing the previous one; markers are added when missing', () => {
  const first = withReportTable('# x\n\ntext\n', 'T1\n');
  assert.equal(first, `# x\n\ntext\n\n${START}\nT1\n${END}\n`);
  const second = withReportTable(`${first}after\n`, 'T2\n');
  assert.equal(second, `# x\n\ntext\n\n${START}\nT2\n${END}\nafter\n`);
});
