import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isControlVariable, renderEnvironment, SANDBOX_DOCKER_CONFIG, sandboxEnvironment } from '../../../src/validate/render-env.js';
import { HOST_SHELL_PLACEHOLDERS } from '../../../src/compose/host-shell.js';

describe('the variables that steer Compose itself are not passed from an env file', () => {
  const control = ['COMPOSE_FILE', 'COMPOSE_PROJECT_NAME', 'COMPOSE_EXPERIMENTAL_GIT_REMOTE', 'DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY', 'DOCKER_API_VERSION', 'DOCKER_DEFAULT_PLATFORM', 'DOCKER_CLI_HINTS', 'DOCKER_CONTENT_TRUST_SERVER', 'BUILDKIT_PROGRESS', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'PYTHONPATH', 'PYTHONHOME', 'GIT_SSH_COMMAND', 'GIT_CONFIG_GLOBAL', 'SSH_AUTH_SOCK', 'HTTPS_PROXY', 'http_proxy', 'ALL_PROXY', 'NO_PROXY', 'PATH', 'HOME', 'TMPDIR', 'XDG_CONFIG_HOME', 'SSL_CERT_FILE', 'GODEBUG', 'BASH_ENV'];
  const app = ['POSTGRES_PASSWORD', 'DATABASE_URL', 'NODE_ENV', 'LOG_LEVEL', 'IMAGE_TAG', 'GOOGLE_CLIENT_ID', 'GOAL', 'HOMEPAGE_URL', 'PATHNAME', 'DOCKERFILE_TAG', 'MY_COMPOSE_FILE', 'SECRET_KEY', 'DOCKER_IMAGE_BACKEND', 'DOCKER_REGISTRY', 'DOCKER_IMAGE_PREFIX'];
  for (const n of control) it(`${n} steers Compose`, () => assert.equal(isControlVariable(n), true));
  for (const n of app) it(`${n} is the app's`, () => assert.equal(isControlVariable(n), false));
});

describe('renderEnvironment', () => {
  const env = renderEnvironment({
    envFile: new Map([['POSTGRES_PASSWORD', ''], ['DOCKER_HOST', 'tcp://1.2.3.4:2375'], ['HOME', '/root'], ['dotted.name', 'x'], ['IMAGE_TAG', 'sha-1'], ['PWD', '/from/the/env/file']]),
    fill: new Map([['IMAGE_TAG', 'sha-placeholder'], ['COMPOSE_DEPLOY_SHA', '0'.repeat(40)]]),
  });
  it('the variables are the env file (less what steers Compose), the placeholders it leaves out, and the host shell\'s, which win as on the host', () =>
    assert.deepEqual(Object.fromEntries(env.variables), { POSTGRES_PASSWORD: '', IMAGE_TAG: 'sha-1', COMPOSE_DEPLOY_SHA: '0'.repeat(40), ...HOST_SHELL_PLACEHOLDERS }));
  it('says which names it dropped because they steer Compose; a name no ${...} can spell is left out unmentioned', () => assert.deepEqual(env.dropped, ['DOCKER_HOST', 'HOME']));
  it('the process gets nothing of the runner, not even PATH or HOME', () => {
    assert.deepEqual(env.process, { POSTGRES_PASSWORD: '', IMAGE_TAG: 'sha-1', COMPOSE_DEPLOY_SHA: '0'.repeat(40), ...sandboxEnvironment() });
    const seen: Record<string, string> = env.process;
    for (const name of ['PATH', 'HOME', 'USER', 'PWD']) assert.notEqual(seen[name], process.env[name], name);
  });
  it('the sandbox turns off the default .env and remote includes, has an empty docker config of the container\'s, and placeholders for the host shell\'s variables', () =>
    assert.deepEqual(sandboxEnvironment(), {
      ...HOST_SHELL_PLACEHOLDERS,
      DOCKER_CONFIG: SANDBOX_DOCKER_CONFIG,
      LANG: 'C.UTF-8',
      PYTHONDONTWRITEBYTECODE: '1',
      COMPOSE_DISABLE_ENV_FILE: '1',
      COMPOSE_EXPERIMENTAL_GIT_REMOTE: '0',
      COMPOSE_EXPERIMENTAL_OCI_REMOTE: '0',
    }));
});
