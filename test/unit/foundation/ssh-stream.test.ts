import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import type { NodeSSH } from 'node-ssh';
import { SshRunner } from '../../../src/ssh/ssh-runner.js';
import type { SshTarget } from '../../../src/ssh/ssh-target.js';

/**
 * ssh2 calls exec's callback while it parses a read from the socket and goes on parsing: a short
 * command's output, exit status and close can follow in the same read, before an awaiting caller
 * resumes. This stand-in for the connection does exactly that, synchronously.
 */
function burstConnection(output: string, code: number) {
  return {
    connection: {
      exec(_cmd: string, cb: (err: Error | undefined, ch: PassThrough & { stderr: PassThrough }) => void) {
        const ch = Object.assign(new PassThrough(), { stderr: new PassThrough() });
        cb(undefined, ch);
        ch.push(output);
        ch.push(null);
        ch.stderr.push(null);
        ch.emit('exit', code);
        ch.emit('close');
      },
    },
  };
}

const target: SshTarget = { host: 'h', port: 22, user: 'u', privateKey: 'k' };
const runnerOver = (ssh: unknown) => new (SshRunner as unknown as new (ssh: NodeSSH, t: SshTarget) => SshRunner)(ssh as NodeSSH, target);

test('runStream settles when a command\'s output, exit and close arrive with the channel opening', { timeout: 5000 }, async () => {
  const chunks: string[] = [];
  const sink = new Writable({ write(c: Buffer, _e, cb) { chunks.push(c.toString()); cb(); } });
  const res = await runnerOver(burstConnection('dump bytes', 3)).runStream({ argv: ['cat', 'f'] }, { sink });
  assert.equal(res.code, 3);
  assert.equal(chunks.join(''), 'dump bytes');
});

test('runStream without a sink collects stdout the same way', { timeout: 5000 }, async () => {
  const res = await runnerOver(burstConnection('out', 0)).runStream({ argv: ['true'] }, {});
  assert.deepEqual({ code: res.code, stdout: res.stdout }, { code: 0, stdout: 'out' });
});
