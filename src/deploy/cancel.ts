/**
 * A cancelled workflow sends SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that. The
 * first signal asks the deploy to stop its current step and roll back; a second one means the kill
 * is near: `again` records the fact and releases the lock, then the process exits.
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
