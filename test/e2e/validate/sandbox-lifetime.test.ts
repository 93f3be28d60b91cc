import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { harnessEnv } from '../harness/env.js';

/*
 * Compose renders in a sandbox container; validate ends everything it started, also when it is
 * stopped from outside in the middle of a render: SIGTERM (a cancelled workflow) removes the container
 * at once; after SIGKILL nothing of validate's runs, and the container's own time cap ends it.
 * Every wait here has a generous hard limit so a hang fails the test instead of blocking the suite.
 */

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
/** Far above the sandbox's own 30 s cap: reaching it means something did not end. */
const HARD_LIMIT_MS = 150_000;

/** 20 services publishing every port: Compose takes minutes and gigabytes for it, so the render is still running when the signal comes. */
function slowWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'cd-lifetime-'));
  const services = Array.from({ length: 20 }, (_, i) => `  s${i}:\n    image: "nginx:1.25"\n    restart: always\n    ports: ["0-65535:0-65535", "1-65535:1-65535/udp"]\n`).join('');
  writeFileSync(join(ws, 'compose.yaml'), `services:\n${services}`);
  return ws;
}

/** The sandbox containers a validate process (by its pid) started and that still exist. */
function containersOf(pid: number): string[] {
  return execFileSync('docker', ['ps', '-a', '--filter', `name=compose-deploy-validate-${pid}-`, '--format', '{{.Names}}'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
}

/** Processes on this machine whose command line names one of validate's containers (the docker CLI running it). */
function clientsOf(pid: number): string[] {
  const out: string[] = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmd.includes(`compose-deploy-validate-${pid}-`) && !/\(.*\) Z/.test(readFileSync(`/proc/${p}/stat`, 'utf8'))) out.push(`${p}: ${cmd.slice(0, 120)}`);
    } catch {
      // Gone while reading.
    }
  }
  return out;
}

async function until(what: string, check: () => boolean): Promise<void> {
  const stop = Date.now() + HARD_LIMIT_MS;
  while (!check()) {
    assert.ok(Date.now() < stop, `${what}: still not so after ${HARD_LIMIT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function startValidate(ws: string) {
  const h = harnessEnv();
  const child = spawn(h.node24, [join(REPO_ROOT, 'dist/cli.js'), 'validate', '--report-file', join(ws, 'report.json')], {
    cwd: ws,
    env: { PATH: process.env['PATH'], LANG: 'C.UTF-8', DOCKER_CONFIG: h.runnerDockerConfig, RUNNER_TEMP: ws },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { pid: child.pid!, child, exited, stderr: () => stderr };
}

describe('nothing validate starts outlives it', () => {
  it('a render that exceeds the sandbox caps ends, with a finding, and leaves no container', async () => {
    const ws = slowWorkspace();
    try {
      const v = startValidate(ws);
      const killer = setTimeout(() => v.child.kill('SIGKILL'), HARD_LIMIT_MS);
      const { code } = await v.exited;
      clearTimeout(killer);
      assert.equal(code, 1, v.stderr());
      assert.match(v.stderr(), /Compose needed more than 10 s of processor time or 512m of memory, or ran past 60 s, in the sandbox/);
      assert.deepEqual(containersOf(v.pid), []);
      assert.deepEqual(clientsOf(v.pid), []);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`${signal} in the middle of a render: no Compose process or sandbox container remains`, async () => {
      const ws = slowWorkspace();
      try {
        const v = startValidate(ws);
        await until('a sandbox container started', () => containersOf(v.pid).length > 0);
        v.child.kill(signal);
        const { code, signal: got } = await v.exited;
        if (signal === 'SIGTERM') {
          // The front door's handler removed the containers before the process ended.
          assert.equal(code, 143, v.stderr());
          assert.deepEqual(containersOf(v.pid), []);
        } else assert.equal(got, 'SIGKILL');
        // After SIGKILL the container's own time cap ends it, and its docker client with it.
        await until('the sandbox containers are gone', () => containersOf(v.pid).length === 0);
        await until('the docker clients are gone', () => clientsOf(v.pid).length === 0);
      } finally {
        rmSync(ws, { recursive: true, force: true });
      }
    });
  }
});
