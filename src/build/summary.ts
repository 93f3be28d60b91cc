import type { ImageOutcome } from './build-image.js';

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

function resultText(o: ImageOutcome): string {
  switch (o.status) {
    case 'skipped':
      return 'skipped (already pushed)';
    case 'retagged':
      return 'skipped (already pushed), tags moved';
    case 'built':
      return o.detail;
    case 'failed':
      return '**failed**';
  }
}

/** The step summary: one row per image, then the log tail of each failure. */
export function buildSummary(outcomes: readonly ImageOutcome[], tags: readonly string[], engine: string): string {
  const rows = outcomes.map((o) =>
    [
      `\`${o.plan.repository}\``,
      o.plan.services.join(', '),
      tags.map((t) => `\`${t}\``).join(' '),
      o.digest ? `\`${o.digest}\`` : '',
      formatBytes(o.size),
      resultText(o),
      `${o.seconds.toFixed(1)} s`,
    ].join(' | '),
  );
  const failures = outcomes.filter((o) => o.status === 'failed').flatMap((o) => [
    '',
    `#### ${o.plan.repository} failed`,
    '',
    o.error ?? '',
    ...(o.failingStep ? ['', `Failing step: \`${o.failingStep}\``] : []),
    ...(o.logTail?.length ? ['', `<details open><summary>last ${o.logTail.length} lines of the build log</summary>`, '', '````text', ...o.logTail, '````', '</details>'] : []),
  ]);
  return [
    '### Images',
    '',
    `Engine: ${engine}`,
    '',
    '| image | services | tags | digest | size | result | time |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
    ...failures,
    '',
  ].join('\n');
}
