// Run as a child by docker-config.test.ts: creates a temporary DOCKER_CONFIG under $RUNNER_TEMP,
// prints its path, and waits to be signalled, as a build waiting on `docker build` would, with the
// interrupts the front doors hand the engine.
import { createTempDockerConfig } from '../../../src/build/docker-config.js';
import { processInterrupts } from '../../../src/runtime/interrupts.js';

const config = createTempDockerConfig({ RUNNER_TEMP: process.env['RUNNER_TEMP'], DOCKER_CONFIG: process.env['DOCKER_CONFIG'] }, 'ghcr.io', processInterrupts);
process.stdout.write(`${config.dir}\n`);
setInterval(() => undefined, 60_000);
