/** What a command does when the runner cancels it (EngineServices.onCancel). */
export interface CancelSteps {
  /** First signal: stop the current step and roll back. Without it, the first signal already runs `again`. */
  first?: () => void;
  /** Last signal before the kill: record, clean up, release; the process then exits. */
  again: () => Promise<void>;
}

/**
 * The front doors' signal handling. A cancelled workflow sends SIGINT, then SIGTERM 7.5 s later,
 * then SIGKILL 2.5 s after that: the first signal runs `first`, a second one (or the first, for a
 * command without `first`) runs `again` and exits (130 for SIGINT, 143 for SIGTERM). Returns a
 * function that stops listening.
 */
export function onProcessCancel(steps: CancelSteps): () => void {
  let seen = 0;
  const handler = (signal: NodeJS.Signals) => {
    seen++;
    if (seen === 1 && steps.first) return steps.first();
    if (seen > (steps.first ? 2 : 1)) return;
    void steps.again().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
