/**
 * A cancelled workflow sends SIGINT, then SIGTERM a few seconds later, then kills. The first signal
 * asks the deploy to stop after its current step and roll back; a second one releases the lock at once.
 * Returns a function that stops listening.
 */
export function onCancel(first: () => void, again: () => Promise<void>): () => void {
  let seen = 0;
  const handler = (signal: NodeJS.Signals) => {
    seen++;
    if (seen === 1) return first();
    void again().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
