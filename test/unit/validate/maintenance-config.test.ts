import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caddyMaintenanceFacts, looksLikeNginx, nginxMaintenanceFacts } from '../../../src/validate/maintenance-config.js';

const DOCUMENTED = `:80 {
	@maintenance file {
		root /srv/maintenance
		try_files /on
	}
	handle @maintenance {
		header Retry-After 30
		respond "Down for maintenance; back in a moment." 503
	}
	handle {
		reverse_proxy api:8080
	}
}
`;

/** A site with one maintenance matcher and what guards it. */
const site = (guard: string, matcher = '@maintenance file {\n\t\troot /srv/maintenance\n\t\ttry_files /on\n\t}') => `:80 {\n\t${matcher}\n\t${guard}\n}\n`;

describe('maintenance tests in a Caddyfile', () => {
  it('reads the documented lines: the file, the matcher, the 503 and the Retry-After', () => {
    const f = caddyMaintenanceFacts(DOCUMENTED);
    assert.equal(f.kind, 'caddy');
    assert.equal(f.opaque, false);
    assert.equal(f.retryAfter, 'yes');
    assert.deepEqual(f.tests, [{ line: 2, matcher: '@maintenance', path: '/srv/maintenance/on', written: '/on', guards: [{ line: 6, status: 503, what: 'handle @maintenance' }] }]);
  });

  it('reads the inline form, with the root of the site', () => {
    const f = caddyMaintenanceFacts(':80 {\n\troot * /srv\n\t@down file /maintenance/on\n\trespond @down 503\n}\n');
    assert.deepEqual(f.tests.map((t) => [t.line, t.path, t.guards.map((g) => g.status)]), [[3, '/srv/maintenance/on', [503]]]);
  });

  it('an inline form without any root leaves the path unknown (Caddy joins it to its working directory)', () => {
    const f = caddyMaintenanceFacts(':80 {\n\t@down file /srv/maintenance/on\n\trespond @down 503\n}\n');
    assert.equal(f.tests[0]!.path, undefined);
    assert.equal(f.tests[0]!.written, '/srv/maintenance/on');
  });

  it('reads a file matcher inside a matcher block beside other matchers', () => {
    const f = caddyMaintenanceFacts(site('handle @m {\n\t\trespond "x" 503\n\t}', '@m {\n\t\tfile {\n\t\t\troot /m\n\t\t\ttry_files /on\n\t\t}\n\t\tnot path /health\n\t}'));
    assert.deepEqual(f.tests.map((t) => [t.matcher, t.path, t.line]), [['@m', '/m/on', 3]]);
  });

  it('skips placeholders: try_files {path} is a static file check, a root from a placeholder is unknown', () => {
    assert.deepEqual(caddyMaintenanceFacts(site('handle @static {\n\t\tfile_server\n\t}', '@static file {\n\t\ttry_files {path}\n\t}')).tests, []);
    const f = caddyMaintenanceFacts(site('respond @m 503', '@m file {\n\t\troot {$MAINT_DIR}\n\t\ttry_files /on\n\t}'));
    assert.equal(f.tests[0]!.path, undefined);
  });

  const statusOf = (guard: string) => caddyMaintenanceFacts(site(guard)).tests[0]!.guards.map((g) => g.status);
  it('knows what each kind of guard answers', () => {
    assert.deepEqual(statusOf('respond @maintenance 503'), [503]);
    assert.deepEqual(statusOf('respond @maintenance "Down" 503'), [503]);
    assert.deepEqual(statusOf('respond @maintenance "Down"'), [200]);
    assert.deepEqual(statusOf('respond @maintenance'), [200]);
    assert.deepEqual(statusOf('error @maintenance 503'), [503]);
    assert.deepEqual(statusOf('error @maintenance "Down"'), [500]);
    assert.deepEqual(statusOf('redir @maintenance https://status.example.com'), [302]);
    assert.deepEqual(statusOf('redir @maintenance https://status.example.com permanent'), [301]);
    assert.deepEqual(statusOf('handle @maintenance {\n\t\trewrite * /maintenance.html\n\t\tfile_server\n\t}'), [200]);
    assert.deepEqual(statusOf('handle @maintenance {\n\t\trewrite * /maintenance.html\n\t\tfile_server {\n\t\t\tstatus 503\n\t\t}\n\t}'), [503]);
    assert.deepEqual(statusOf('route @maintenance {\n\t\theader Retry-After 30\n\t\trespond "x" 503\n\t}'), [503]);
    assert.deepEqual(statusOf('handle @maintenance {\n\t\treverse_proxy maintenance-page:80\n\t}'), [undefined]);
    assert.deepEqual(statusOf('respond @maintenance "{vars.code}"'), [undefined]);
  });

  it('a header on the matcher answers nothing: it is not a guard', () => {
    assert.deepEqual(statusOf('header @maintenance Retry-After 30'), []);
  });

  it('Retry-After counts in a header directive, not in a comment', () => {
    assert.equal(caddyMaintenanceFacts(site('respond @maintenance 503 # Retry-After later')).retryAfter, 'no');
    assert.equal(caddyMaintenanceFacts(site('header @maintenance +Retry-After 30')).retryAfter, 'yes');
  });

  it('an import of a file, a negated or an expression file test makes the config opaque; a snippet import does not', () => {
    assert.equal(caddyMaintenanceFacts(':80 {\n\timport maintenance.caddy\n}\n').opaque, true);
    assert.equal(caddyMaintenanceFacts('(maint) {\n\trespond 503\n}\n:80 {\n\timport maint\n}\n').opaque, false);
    assert.equal(caddyMaintenanceFacts(':80 {\n\t@up not file /srv/maintenance/on\n\thandle @up {\n\t\treverse_proxy api:8080\n\t}\n}\n').opaque, true);
    assert.equal(caddyMaintenanceFacts(':80 {\n\t@down expression file({\'try_files\': [\'/m/on\']})\n}\n').opaque, true);
    assert.equal(caddyMaintenanceFacts(':80 {\n\t@api not path /health\n}\n').opaque, false);
  });
});

const server = (body: string) => `server {\n    listen 80;\n${body}\n    location / {\n        proxy_pass http://api:8080;\n    }\n}\n`;

describe('maintenance tests in an nginx config', () => {
  it('reads if (-f …) { return 503; } with its lines', () => {
    const f = nginxMaintenanceFacts(server('    if (-f /srv/maintenance/on) {\n        return 503;\n    }\n    add_header Retry-After 30 always;'));
    assert.equal(f.kind, 'nginx');
    assert.equal(f.opaque, false);
    assert.equal(f.retryAfter, 'yes');
    assert.deepEqual(f.tests, [{ line: 3, path: '/srv/maintenance/on', written: '/srv/maintenance/on', guards: [{ line: 4, status: 503, what: 'return' }] }]);
  });

  it('reads -e, quotes and one-line blocks', () => {
    const f = nginxMaintenanceFacts(server('    if ( -e "/m/on" ) { return 503 "down"; }'));
    assert.deepEqual(f.tests.map((t) => [t.path, t.guards.map((g) => g.status)]), [['/m/on', [503]]]);
  });

  it('a return of a URL is a redirect; a body with no return has an unknown answer; an empty one none', () => {
    assert.deepEqual(nginxMaintenanceFacts(server('    if (-f /m/on) { return https://status.example.com; }')).tests[0]!.guards.map((g) => g.status), [302]);
    assert.deepEqual(nginxMaintenanceFacts(server('    if (-f /m/on) { return 200 "down"; }')).tests[0]!.guards.map((g) => g.status), [200]);
    assert.deepEqual(nginxMaintenanceFacts(server('    if (-f /m/on) { set $maintenance 1; }')).tests[0]!.guards.map((g) => g.status), [undefined]);
    assert.deepEqual(nginxMaintenanceFacts(server('    if (-f /m/on) { }')).tests[0]!.guards, []);
  });

  it('a variable in the path leaves it unknown; a commented test is no test', () => {
    assert.equal(nginxMaintenanceFacts(server('    if (-f $document_root/maintenance.html) { return 503; }')).tests[0]!.path, undefined);
    assert.deepEqual(nginxMaintenanceFacts(server('    # if (-f /m/on) { return 503; }')).tests, []);
  });

  it('add_header without always is not sent with a 503; more_set_headers is', () => {
    assert.equal(nginxMaintenanceFacts(server('    add_header Retry-After 30;')).retryAfter, 'not-always');
    assert.equal(nginxMaintenanceFacts(server('    more_set_headers "Retry-After: 30";')).retryAfter, 'yes');
    assert.equal(nginxMaintenanceFacts(server('')).retryAfter, 'no');
  });

  it('an include of anything but the stock parameter files, or a negated test, makes it opaque', () => {
    assert.equal(nginxMaintenanceFacts(server('    include snippets/maintenance.conf;')).opaque, true);
    assert.equal(nginxMaintenanceFacts(server('    include /etc/nginx/proxy_params;\n    include mime.types;')).opaque, false);
    assert.equal(nginxMaintenanceFacts(server('    if (!-f /m/on) { set $up 1; }')).opaque, true);
  });

  it('tells an nginx config from a Caddyfile', () => {
    assert.equal(looksLikeNginx(server('')), true);
    assert.equal(looksLikeNginx(DOCUMENTED), false);
    assert.equal(looksLikeNginx('http:\n  routers:\n    api:\n      rule: Host(`x`)\n'), false);
  });
});
