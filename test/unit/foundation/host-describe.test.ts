import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostToolsLine } from '../../../src/host/describe.js';
import { parseProbe } from '../../../src/host/probe.js';

describe('the host line of the deploy and releases summaries', () => {
  it('names the Compose generation the host used, with its command and version', () => {
    const v2 = parseProbe('docker-version=20.10.24\ncompose-command=docker compose\ncompose-version=v2.26.1-4\n');
    assert.equal(hostToolsLine(v2), 'Docker 20.10.24 · Compose v2 (`docker compose` 2.26.1-4)');
    const v1 = parseProbe('docker-version=20.10.24\ncompose-command=docker-compose\ncompose-version=1.29.2\n');
    assert.equal(hostToolsLine(v1), 'Docker 20.10.24 · Compose v1 (`docker-compose` 1.29.2)');
  });

  it('says plainly when Docker or Compose is missing', () => {
    assert.equal(hostToolsLine(parseProbe('docker-version=\n')), 'Docker **missing** · **no Compose**');
  });
});
