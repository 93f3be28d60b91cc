import type { Interrupts } from '../engine/services.js';

/** What a process killed by the signal would report: 128 + its number. */
const signalExitCode = (signal: NodeJS.Signals) => (signal === 'SIGINT' ? 130 : 143);

/**
 * Interrupts from this process's SIGINT and SIGTERM, for the front doors (the action, the CLI). The
 * handlers are installed only while the engine listens: at any other moment a signal keeps Node's
 * default and ends the process on the spot.
 */
export const processInterrupts: Interrupts = {
  listen(first, again) {
    let seen = 0;
    const handler = (signal: NodeJS.Signals) => {
      seen++;
      if (seen === 1) {
        const cleanup = first();
        if (cleanup) void cleanup.finally(() => process.exit(signalExitCode(signal)));
        return;
      }
      void (again?.() ?? Promise.resolve()).finally(() => process.exit(signalExitCode(signal)));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  },
};
