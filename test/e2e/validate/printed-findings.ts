import type { ActionRun, Run } from '../lib/run-action.js';

/** A finding as validate printed it: where (file:line), severity, rule and message. */
export interface PrintedFinding {
  where: string;
  severity: string;
  rule: string;
  message: string;
}

/** `file:line:col: severity: rule: message` lines of the CLI's stderr. */
export function cliFindings(run: Run): PrintedFinding[] {
  return run.stderr.split('\n').flatMap((l) => {
    const m = /^([^:\s]+):(\d+):\d+: (error|warning): ([\w-]+): (.*)$/.exec(l);
    return m ? [{ where: `${m[1]}:${m[2]}`, severity: m[3]!, rule: m[4]!, message: m[5]! }] : [];
  });
}

/** `::error file=F,line=L,col=C::rule: message` annotations. */
export function annotations(run: ActionRun): PrintedFinding[] {
  return run.annotations.flatMap((a) => {
    const m = /^::(error|warning) file=([^,]+),line=(\d+),col=\d+::([\w-]+): (.*)$/.exec(a);
    return m ? [{ where: `${m[2]}:${m[3]}`, severity: m[1]!, rule: m[4]!, message: m[5]! }] : [];
  });
}
