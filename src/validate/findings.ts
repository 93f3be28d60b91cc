import { formatLocation, type SourceLocation } from '../errors.js';

export type Severity = 'error' | 'warning';

/**
 * One problem, pointing at the line to edit. `rule` is a policy rule id, "parse"/"schema" for sets that do
 * not load, or "outside-repository" for a path validate refuses to read (outside the repository, or remote).
 */
export interface Finding {
  severity: Severity;
  rule: string;
  message: string;
  loc: SourceLocation;
}

/** What a rule returns before the configured severity is applied. */
export interface RawFinding {
  message: string;
  loc: SourceLocation;
  /** The service it is about, when it is about one: validate.ignore can silence it there. */
  service?: string;
}

export type LoadRule = 'parse' | 'schema' | 'outside-repository';

export function loadError(rule: LoadRule, message: string, loc: SourceLocation): Finding {
  return { severity: 'error', rule, message, loc };
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) if (f.severity === 'error') errors++; else warnings++;
  return { errors, warnings };
}

/**
 * The run's findings with those repeated across sets counted once: a file both the dev and the prod
 * set merge is checked in each, but one mistake on one line is one annotation and one error.
 */
export function distinctFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.severity}|${f.rule}|${formatLocation(f.loc)}|${f.message}`;
    if (!seen.has(key)) seen.set(key, f);
  }
  return [...seen.values()];
}
