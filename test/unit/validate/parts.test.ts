import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseComposeText } from '../../../src/compose/model.js';
import { cliErrorFindings } from '../../../src/validate/cli-errors.js';
import { echoContext } from '../../../src/validate/echo-redact.js';
import { isImmutableTag } from '../../../src/validate/rules/images.js';
import { parseImage } from '../../../src/compose/image-ref.js';
import { isSecretName } from '../../../src/validate/rules/env.js';
import { publishedPorts } from '../../../src/validate/rules/published-ports.js';

describe('image references', () => {
  const cases: [string, ReturnType<typeof parseImage>][] = [
    ['postgres', { repository: 'postgres', tag: undefined, digest: undefined, registry: undefined }],
    ['redis:7-alpine', { repository: 'redis', tag: '7-alpine', digest: undefined, registry: undefined }],
    ['localhost:5000/app:1', { repository: 'localhost:5000/app', tag: '1', digest: undefined, registry: 'localhost:5000' }],
    ['ghcr.io/a/b:${IMAGE_TAG}', { repository: 'ghcr.io/a/b', tag: '${IMAGE_TAG}', digest: undefined, registry: 'ghcr.io' }],
    ['${REGISTRY:-ghcr.io/a}/b:${TAG:-sha-x}', { repository: '${REGISTRY:-ghcr.io/a}/b', tag: '${TAG:-sha-x}', digest: undefined, registry: undefined }],
    ['caddy@sha256:abc', { repository: 'caddy', tag: undefined, digest: 'sha256:abc', registry: undefined }],
  ];
  for (const [ref, want] of cases) it(ref, () => assert.deepEqual(parseImage(ref), want));

  it('immutable tags', () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    for (const t of [`sha-${sha}`, '${IMAGE_TAG}', '$IMAGE_TAG', `sha-\${COMPOSE_DEPLOY_SHA}`, '${IMAGE_TAG:?deploy sets it}', `\${IMAGE_TAG:-sha-${sha}}`]) assert.equal(isImmutableTag(t), true, t);
    // Only what the deploy writes into the release's .env is filled: any other name reaches the host empty.
    for (const t of ['latest', 'main', 'v1', '${IMAGE_TAG:-latest}', 'x-${IMAGE_TAG}', '${A}${B}', `sha-\${GIT_SHA}`, '${TAG}', 'sha-${IMAGE_TAG}', '${COMPOSE_DEPLOY_SHA}', '${IMAGE_TAG}-x']) assert.equal(isImmutableTag(t), false, t);
  });
});

describe('secret-looking names', () => {
  const cases: [string, boolean][] = [
    ['POSTGRES_PASSWORD', true],
    ['DJANGO_SECRET_KEY', true],
    ['GITHUB_TOKEN', true],
    ['API_KEY', true],
    ['db.password', true],
    // Run together: the word-only match let these through.
    ['DBPASSWORD', true],
    ['SECRETKEY', true],
    ['ACCESSTOKEN', true],
    ['APIKEY', true],
    ['stripeSecretKey', true],
    ['MAILER_PASSWD', true],
    ['GCP_CREDENTIALS', true],
    ['DB_PASS', true],
    ['DB_PWD', true],
    ['AWS_ACCESS_KEY_ID', true],
    // Where the secret is, or a number about it: not the secret.
    ['POSTGRES_PASSWORD_FILE', false],
    ['KEYCLOAK_URL', false],
    ['TOKEN_URL', false],
    ['SECRETS_PATH', false],
    ['VAULT_HOST', false],
    ['SESSION_TOKEN_TTL', false],
    ['PASSWORD_MIN_LENGTH', false],
    // Names that merely contain a secret part; a secret beside them is still one.
    ['TOKENIZER_MODEL', false],
    ['KEYCLOAK_REALM', false],
    ['CASSANDRA_KEYSPACE', false],
    ['KEYCLOAK_CLIENT_SECRET', true],
    // Short words only on their own.
    ['BYPASS_CACHE', false],
    ['LOG_LEVEL', false],
  ];
  for (const [name, secret] of cases) it(`${name}: ${secret ? 'secret' : 'not secret'}`, () => assert.equal(isSecretName(name), secret));
});

describe('published ports', () => {
  it('reads short and long syntax', () => {
    const tree = parseComposeText('p:\n  - "80"\n  - "8080:80"\n  - "127.0.0.1:5432:5432/tcp"\n  - "[::1]:6379:6379"\n  - target: 80\n    published: 8081\n    host_ip: 0.0.0.0\n', 'p.yml');
    const ports = publishedPorts(tree.entries.get('p')!.value, new Map()).map((p) => [p.hostIp, p.hostPort]);
    assert.deepEqual(ports, [['', ''], ['', '8080'], ['127.0.0.1', '5432'], ['::1', '6379'], ['0.0.0.0', '8081']]);
  });

  it('reads them after interpolation, at the line that wrote them', () => {
    const text = 'p:\n  - "${PORT:-8080}:80"\n  - "${BIND}:${PORT:-8080}:80"\n  - target: 80\n    published: ${HTTPS_PORT}\n  - "${UNSET}:80"\n  - "${NEEDED:?set it}:80"\n';
    const tree = parseComposeText(text, 'p.yml');
    const ports = publishedPorts(tree.entries.get('p')!.value, new Map([['BIND', '0.0.0.0'], ['HTTPS_PORT', '8443']]));
    assert.deepEqual(ports.map((p) => [p.hostIp, p.hostPort, p.loc.line]), [['', '8080', 2], ['0.0.0.0', '8080', 3], ['', '8443', 4], ['', '', 6]], 'a port Compose would refuse to render is left to the render');
  });
});

describe('Compose CLI errors on the right line', () => {
  const file = parseComposeText('services:\n  web:\n    image: nginx:1\n    imagee: x\n    restart: 5\n', 'docker-compose.prod.yml');
  const files = new Map([['docker-compose.prod.yml', file]]);
  const echo = echoContext(files.values(), ['docker-compose.prod.yml', './docker-compose.prod.yml']);
  const cases: [string, string, number][] = [
    ["The Compose file './docker-compose.prod.yml' is invalid because:\nUnsupported config option for services.web: 'imagee'\n", 'Unsupported config option for services.web', 4],
    ["The Compose file './docker-compose.prod.yml' is invalid because:\nservices.web.restart contains an invalid type, it should be a string\n", 'services.web.restart contains an invalid type', 5],
    ['validating /work/x/docker-compose.prod.yml: services.web additional properties \'imagee\' not allowed\n', "services.web additional properties 'imagee' not allowed", 4],
    ['yaml.parser.ParserError: while parsing a block mapping\n  in "./docker-compose.prod.yml", line 3, column 5\n', 'in "./docker-compose.prod.yml", line 3, column 5', 3],
  ];
  for (const [output, text, line] of cases) {
    it(text, () => {
      const found = cliErrorFindings(output, files, '/work/x', echo).find((f) => f.message.includes(text));
      assert.ok(found, JSON.stringify(cliErrorFindings(output, files, '/work/x', echo)));
      assert.equal(found.loc.file, 'docker-compose.prod.yml');
      assert.equal(found.loc.line, line);
      assert.equal(found.rule, 'schema');
    });
  }

  it('a required variable left empty: v1 (option and service) and v2 (the key) point at the same line', () => {
    const env = parseComposeText('services:\n  api:\n    image: a:1\n    environment:\n      DB: ${DB}\n      REGION: ${REGION:?set the region}\n  list:\n    environment:\n      - A=1\n      - REGION=${REGION:?set it}\n', 'c.yml');
    const envFiles = new Map([['c.yml', env]]);
    const v1 = cliErrorFindings(`Missing mandatory value for "environment" option interpolating {'DB': '\${DB}', 'REGION': '\${REGION:?set the region}'} in service "api": set the region\n`, envFiles, '/w', echoContext(envFiles.values(), ['c.yml']));
    const v2 = cliErrorFindings('error while interpolating services.api.environment.REGION: required variable REGION is missing a value: set the region\n', envFiles, '/w', echoContext(envFiles.values(), ['c.yml']));
    assert.deepEqual([v1[0]!.loc.line, v2[0]!.loc.line], [6, 6]);
    const v1List = cliErrorFindings(`Missing mandatory value for "environment" option interpolating ['A=1', 'REGION=\${REGION:?set it}'] in service "list": set it\n`, envFiles, '/w', echoContext(envFiles.values(), ['c.yml']));
    assert.equal(v1List[0]!.loc.line, 10);
  });

  it('a key the specification has but an older Compose rejects is not answered with itself as a suggestion', () => {
    const newer = parseComposeText('services:\n  web:\n    image: nginx:1\n    post_start: []\n', 'c.yml');
    const [found] = cliErrorFindings("The Compose file './c.yml' is invalid because:\nUnsupported config option for services.web: 'post_start'\n", new Map([['c.yml', newer]]), '/w', echoContext([newer], ['c.yml']));
    assert.equal(found!.loc.line, 4);
    assert.doesNotMatch(found!.message, /did you mean "post_start"/);
    assert.match(found!.message, /this Compose version is older than it/);
  });

  it('v1 on keys newer than it: each at its line, without its advice about file versions', () => {
    const newer = parseComposeText('name: shop\nservices:\n  web:\n    image: nginx:1\n    healthcheck:\n      start_interval: 1s\n', 'c.yml');
    const out = cliErrorFindings(
      "The Compose file './c.yml' is invalid because:\n'name' does not match any of the regexes: '^x-'\nYou might be seeing this error because you're using the wrong Compose file version. Either specify...\nFor more on the Compose file format versions, see https://docs.docker.com/compose/compose-file/\nservices.web.healthcheck value 'start_interval' does not match any of the regexes: '^x-'\n",
      new Map([['c.yml', newer]]),
      '/w',
      echoContext([newer], ['c.yml']),
    );
    assert.deepEqual(out.map((f) => f.loc.line), [1, 6]);
  });

  it('v1 warnings about unset variables are not findings', () => {
    const out = cliErrorFindings("The FOO variable is not set. Defaulting to a blank string.\nThe Compose file './docker-compose.prod.yml' is invalid because:\nservices.web.restart contains an invalid type, it should be a string\n", files, '/w', echo);
    assert.equal(out.length, 1);
  });
});
