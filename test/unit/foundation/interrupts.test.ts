import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The child (hold-interrupts.ts) as a process: its stdout so far, a wait for a line, how it ended. */
function child(...args: string[]) {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'hold-interrupts.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const waiters: (() => void)[] = [];
  proc.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    for (const w of waiters.splice(0)) w();
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  const line = async (text: string) => {
    while (!out.split('\n').includes(text)) await new Promise<void>((r) => waiters.push(r));
  };
  return { proc, line, ended, output: () => out };
}

test('the first signal goes to the run, which keeps going; the second runs its clean-up, then the process exits as the signal would', async () => {
  const c = child();
  await c.line('listening');
  c.proc.kill('SIGINT');
  await c.line('first');
  c.proc.kill('SIGTERM');
  assert.deepEqual(await c.ended, { code: 143, signal: null });
  assert.deepEqual(c.output().split('\n').filter(Boolean), ['listening', 'first', 'again']);
});

test('once the run stops listening, a signal keeps Node\'s default: the process dies of it on the spot', async () => {
  const c = child('stopped');
  await c.line('listening');
  c.proc.kill('SIGINT');
  assert.deepEqual(await c.ended, { code: null, signal: 'SIGINT' });
  assert.deepEqual(c.output().split('\n').filter(Boolean), ['listening']);
});
