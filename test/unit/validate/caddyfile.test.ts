import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caddyDurationMs, findDirectives, parseCaddyfile } from '../../../src/validate/caddyfile.js';
import { upstreamHosts } from '../../../src/validate/rules/proxy.js';

test('directives nest under site blocks, snippets and the global options block, each with its line', () => {
  const tree = parseCaddyfile(['{', '\tadmin off', '}', '(common) {', '\tencode gzip', '}', 'a.example, b.example {', '\timport common', '\thandle /api/* {', '\t\treverse_proxy api:8080', '\t}', '}'].join('\n'));
  assert.deepEqual(tree.map((d) => [d.name, d.args, d.line]), [['', [], 1], ['(common)', [], 4], ['a.example,', ['b.example'], 7]]);
  assert.deepEqual(findDirectives(tree, 'reverse_proxy').map((d) => [d.args, d.line]), [[['api:8080'], 10]]);
});

test('placeholders, quoted braces and comments are not blocks; a quoted value keeps its spaces', () => {
  const tree = parseCaddyfile([':80 {', '\theader X-Host {http.request.host} # a {comment}', '\trespond "a { b" 200', '\treverse_proxy web:3000 {', '\t\theader_up Host `{upstream_hostport}`', '\t}', '}'].join('\n'));
  const site = tree[0]!.block!;
  assert.deepEqual(site.map((d) => [d.name, d.args]), [['header', ['X-Host', '{http.request.host}']], ['respond', ['a { b', '200']], ['reverse_proxy', ['web:3000']]]);
  assert.deepEqual(site[2]!.block!.map((d) => d.args), [['Host', '{upstream_hostport}']]);
});

test('CRLF, a BOM and a line continuation keep line numbers right', () => {
  const tree = parseCaddyfile('\uFEFF:80 {\r\n\treverse_proxy \\\r\n\t\tapi:8080 web:3000\r\n\tlog\r\n}\r\n');
  const site = tree[0]!.block!;
  assert.deepEqual(site.map((d) => [d.name, d.args, d.line]), [['reverse_proxy', ['api:8080', 'web:3000'], 2], ['log', [], 4]]);
});

test('upstream hosts: after a matcher, with schemes and ports, from `to` and from dynamic a (both forms); placeholders skipped', () => {
  const rp = (body: string) => findDirectives(parseCaddyfile(`:80 {\n${body}\n}`), 'reverse_proxy')[0]!;
  assert.deepEqual(upstreamHosts(rp('reverse_proxy /api/* http://api:8080 h2c://grpc:9000')), ['api', 'grpc']);
  assert.deepEqual(upstreamHosts(rp('reverse_proxy @ws {\n to web:3000 [::1]:80\n}')), ['web']);
  assert.deepEqual(upstreamHosts(rp('reverse_proxy {\n dynamic a api 8080\n}')), ['api']);
  assert.deepEqual(upstreamHosts(rp('reverse_proxy {\n dynamic a {\n name worker\n port 80\n }\n}')), ['worker']);
  assert.deepEqual(upstreamHosts(rp('reverse_proxy {$UPSTREAM} {http.request.header.X-Backend}')), []);
});

test('Caddy durations in ms: Go units, d, compound; placeholders and bare numbers are unknown', () => {
  assert.equal(caddyDurationMs('250ms'), 250);
  assert.equal(caddyDurationMs('3s'), 3000);
  assert.equal(caddyDurationMs('1m30s'), 90_000);
  assert.equal(caddyDurationMs('1.5s'), 1500);
  assert.equal(caddyDurationMs('1d'), 86_400_000);
  assert.equal(caddyDurationMs('0'), 0);
  assert.equal(caddyDurationMs('{$DIAL}'), undefined);
  assert.equal(caddyDurationMs('250'), undefined);
  assert.equal(caddyDurationMs('5sx'), undefined);
});
