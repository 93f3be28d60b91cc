import { pushOrder } from './argv.js';
import type { ImageOutcome } from './build-image.js';
import { formatBytes } from '../report/format.js';

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

/**
 * What a failed image left in the registry. The sha tag is written last, so while it is missing the
 * next run builds the image again; once it is there, that run only fixes the other tags.
 */
export function pushedText(o: Pick<ImageOutcome, 'pushed'>, tags: readonly string[]): string {
  const list = (ts: readonly string[]) => ts.join(', ');
  if (o.pushed === undefined) return 'which tags reached the registry is unknown: it could not be asked after the failure';
  if (o.pushed.length === 0) return 'nothing was pushed';
  const pushed = o.pushed;
  const missing = pushOrder(tags).filter((t) => !pushed.includes(t));
  if (missing.length === 0) return `every tag was pushed (${list(o.pushed)})`;
  const again = missing.includes(tags[0]!) ? `; without ${tags[0]} the next run builds it again` : '';
  return `pushed ${list(o.pushed)}, not ${list(missing)}${again}`;
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
    `${o.error ?? 'failed'} (${pushedText(o, tags)})`,
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
