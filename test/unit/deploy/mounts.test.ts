import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servicesSeeingChangedFiles } from '../../../src/deploy/mounts.js';
import { parseRenderedCompose } from '../../../src/deploy/compose-services.js';

// As docker-compose v1 (short syntax) and docker compose v2 (long syntax) render the same mounts.
const V1 = `
services:
  proxy:
    image: caddy:2
    volumes: ["/srv/shop/current/Caddyfile:/etc/caddy/Caddyfile:ro", "caddy_data:/data"]
  nginx:
    image: nginx:1
    volumes: ["/srv/shop/current/conf.d:/etc/nginx/conf.d:ro"]
  db:
    image: postgres:16
    volumes: ["pgdata:/var/lib/postgresql/data"]
`;
const V2 = `
services:
  proxy:
    image: caddy:2
    volumes:
      - { type: bind, source: /srv/shop/current/Caddyfile, target: /etc/caddy/Caddyfile, read_only: true }
      - { type: volume, source: caddy_data, target: /data }
  nginx:
    image: nginx:1
    volumes: [{ type: bind, source: /srv/shop/current/conf.d/, target: /etc/nginx/conf.d }]
  db:
    image: postgres:16
    volumes: [{ type: volume, source: pgdata, target: /var/lib/postgresql/data }]
`;

for (const [flavor, text] of [['v1', V1], ['v2', V2]] as const) {
  test(`bind mounts are read from ${flavor} output; named volumes are not bind mounts`, () => {
    const s = Object.fromEntries(parseRenderedCompose(text).map((x) => [x.name, x.bindSources]));
    assert.deepEqual(s['proxy'], ['/srv/shop/current/Caddyfile']);
    assert.deepEqual(s['db'], []);
  });

  test(`${flavor}: a changed file recreates the services mounting it, or its folder, and no others`, () => {
    const services = parseRenderedCompose(text);
    assert.deepEqual(servicesSeeingChangedFiles(services, '/srv/shop/current', ['Caddyfile']), ['proxy']);
    assert.deepEqual(servicesSeeingChangedFiles(services, '/srv/shop/current', ['conf.d/site.conf']), ['nginx']);
    assert.deepEqual(servicesSeeingChangedFiles(services, '/srv/shop/current', ['compose.yaml']), []);
    assert.deepEqual(servicesSeeingChangedFiles(services, '/srv/shop/current', []), []);
    // A sibling whose name merely starts the same is not inside the mounted folder.
    assert.deepEqual(servicesSeeingChangedFiles(services, '/srv/shop/current', ['conf.d.bak/x']), []);
  });
}
