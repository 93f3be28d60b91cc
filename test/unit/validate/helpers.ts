import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveSettings } from '../../../src/config/settings.js';
import { MemoryReporter } from '../../../src/report/reporter.js';
import { validateCommand } from '../../../src/validate/validate-command.js';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/validate');

export interface ReportFinding {
  severity: 'error' | 'warning';
  rule: string;
  file: string;
  line: number | null;
  column: number | null;
  message: string;
}

/** Runs validate in-process on a fixture directory with the built-in renderer (no Compose CLI, no I/O beyond the fixture). */
export async function validateDir(dir: string, explicit: Record<string, string> = {}) {
  const out = mkdtempSync(join(tmpdir(), 'cd-validate-unit-'));
  try {
    const reporter = new MemoryReporter();
    const settings = resolveSettings({
      explicit: { command: 'validate', renderer: 'schema', 'report-file': join(out, 'report.json'), ...explicit },
      env: {},
      cwd: dir,
    });
    const result = await validateCommand(settings, reporter, { env: {} });
    const report = JSON.parse(readFileSync(result.outputs['report']!, 'utf8'));
    const findings: ReportFinding[] = report.sets.flatMap((s: { findings: ReportFinding[] }) => s.findings);
    return { result, report, findings, reporter };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `file:line` of every line marked `# expect: <rule>` in the files of a fixture directory, sorted. */
export function expectedWhere(dir: string, rule: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .flatMap((e) => expectedLines(join(dir, e.name), rule).map((l) => `${e.name}:${l}`))
    .sort();
}

/** Lines marked `# expect: <rule>` in a fixture file: where the rule must point. */
export function expectedLines(file: string, rule: string): number[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((l, i) => (new RegExp(`# expect: ${rule}\\b`).test(l) ? [i + 1] : []));
}
