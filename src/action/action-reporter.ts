import * as core from '@actions/core';
import type { SourceLocation } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { SecretMask } from '../report/secret-mask.js';

const props = (loc?: SourceLocation): core.AnnotationProperties | undefined =>
  loc ? { file: loc.file, startLine: loc.line, startColumn: loc.column } : undefined;

/** The engine's reporter on a GitHub runner: annotations, log groups, masks, the step summary. */
export class ActionReporter implements Reporter {
  private readonly summaries: string[] = [];
  private readonly secrets = new SecretMask();
  // The runner masks the pieces it was told of; short env-file values it cannot mask without hiding
  // every word that contains them, so every line goes through our own mask first.
  info(m: string) { core.info(this.redact(m)); }
  warning(m: string, loc?: SourceLocation) { core.warning(this.redact(m), props(loc)); }
  error(m: string, loc?: SourceLocation) { core.error(this.redact(m), props(loc)); }
  debug(m: string) { core.debug(this.redact(m)); }
  group<T>(title: string, fn: () => Promise<T>): Promise<T> { return core.group(this.redact(title), fn); }
  /** The step's failure message: the same mask as the log. */
  fail(message: string) { core.setFailed(this.redact(message)); }
  secret(v: string, publicKeys?: readonly string[]) {
    // The runner masks a multi-line secret only as a whole: register its lines and dotenv values too.
    for (const part of this.secrets.add(v, publicKeys)) core.setSecret(part);
  }
  redact(text: string): string { return this.secrets.apply(text); }
  // The summary file is written by us, not printed: mask it here rather than trust the runner to.
  summary(md: string) { this.summaries.push(this.redact(md)); }
  async flushSummary(): Promise<void> {
    if (this.summaries.length === 0 || !process.env['GITHUB_STEP_SUMMARY']) return;
    await core.summary.addRaw(this.summaries.join('\n'), true).write();
  }
}
