import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheVerdict, lastLines, readBuildLog, stripAnsi } from '../../../src/build/build-log.js';

const classicFail = `Sending build context to Docker daemon  2.048kB
Step 1/4 : FROM compose-deploy-test/busybox:1
 ---> aeb140ca7b96
Step 2/4 : RUN echo "step before the failure"
 ---> Using cache
 ---> 1c2d
Step 3/4 : RUN echo "compiling..." && exit 3
 ---> Running in 5f1e
compiling...
\x1b[91merror: the fixture fails on purpose
\x1b[0mThe command '/bin/sh -c echo "compiling..." && exit 3' returned a non-zero code: 3`;

test('classic builder failure: failing step and reason', () => {
  const f = readBuildLog(classicFail);
  assert.equal(f.failingStep, 'Step 3/4 : RUN echo "compiling..." && exit 3');
  assert.equal(f.reason, `The command '/bin/sh -c echo "compiling..." && exit 3' returned a non-zero code: 3`);
});

test('classic builder: FROM and our LABEL steps do not count for the cache verdict', () => {
  const log = ['Step 1/5 : FROM x', 'Step 2/5 : WORKDIR /app', ' ---> Using cache', 'Step 3/5 : COPY a /a', ' ---> Using cache', 'Step 4/5 : LABEL org.opencontainers.image.created=now', 'Step 5/5 : LABEL org.opencontainers.image.revision=abc'].join('\n');
  assert.deepEqual(readBuildLog(log), { failingStep: 'Step 5/5 : LABEL org.opencontainers.image.revision=abc', reason: undefined, steps: 2, cachedSteps: 2 });
  assert.equal(cacheVerdict(readBuildLog(log)), 'cache hit');
});

const buildxFail = `#1 [internal] load build definition from Dockerfile
#1 DONE 0.0s
#5 [1/3] FROM docker.io/library/busybox:1
#5 CACHED
#6 [2/3] RUN echo one
#6 CACHED
#7 [3/3] RUN make
#7 0.311 make: *** No rule to make target
#7 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2
------
 > [3/3] RUN make:
------
ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2`;

test('buildx plain progress: failing step by its id, error line, cached steps', () => {
  const f = readBuildLog(buildxFail);
  assert.equal(f.failingStep, '[3/3] RUN make');
  assert.match(f.reason!, /^ERROR: failed to solve/);
  assert.equal(f.steps, 3);
  assert.equal(f.cachedSteps, 2);
  assert.equal(cacheVerdict(f), 'built (2/3 steps cached)');
});

test('verdicts', () => {
  assert.equal(cacheVerdict({ steps: 0, cachedSteps: 0 }), 'built');
  assert.equal(cacheVerdict({ steps: 3, cachedSteps: 0 }), 'built (no cache)');
  assert.equal(cacheVerdict({ steps: 3, cachedSteps: 3 }), 'cache hit');
});

test('lastLines keeps the last n lines without colour codes', () => {
  const text = Array.from({ length: 80 }, (_, i) => `\x1b[91mline ${i}\x1b[0m`).join('\n') + '\n';
  const tail = lastLines(text, 50);
  assert.equal(tail.length, 50);
  assert.equal(tail[0], 'line 30');
  assert.equal(tail.at(-1), 'line 79');
  assert.equal(stripAnsi('\x1b[1;31mx\x1b[0m'), 'x');
});
