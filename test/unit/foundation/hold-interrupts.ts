// Run as a child by interrupts.test.ts: listens through the front doors' interrupts as a deploy does,
// says on stdout what it heard, and waits to be signalled. With "stopped", it listens and stops again
// at once, as every command does once it is done.
import { processInterrupts } from '../../../src/runtime/interrupts.js';

const stop = processInterrupts.listen(
  () => void process.stdout.write('first\n'),
  async () => {
    await new Promise((r) => setTimeout(r, 50));
    process.stdout.write('again\n');
  },
);
if (process.argv[2] === 'stopped') stop();
process.stdout.write('listening\n');
setInterval(() => undefined, 60_000);
