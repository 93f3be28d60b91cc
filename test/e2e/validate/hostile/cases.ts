import { appendFileSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Canaries } from './canaries.js';
import { aliasBomb } from '../../../unit/validate/alias-bomb.js';

const CLEAN = resolve(import.meta.dirname, '../../../fixtures/validate/layouts/base-prod-override');

/** What a hostile pull request changes in a clean layout; `port` is a loopback listener counting connections. */
export interface HostileCase {
  name: string;
  /** Writes the pull request's files into the workspace (a copy of a clean layout). */
  setup(ws: string, c: Canaries, port: number): void;
  /** Extra action inputs (CLI: the same as flags). */
  inputs?: Record<string, string>;
  /** 0: nothing wrong once the switches are ignored; 1: findings (the set is reported, not rendered with what was refused); 2: bad input, nothing ran. */
  exit: 0 | 1 | 2;
  /** Rules that must be among the findings (checked in the report when there is one). */
  rules?: string[];
}

export function workspaceFor(hostile: HostileCase, c: Canaries, port: number): string {
  const ws = mkdtempSync(join(tmpdir(), 'cd-pr-'));
  cpSync(CLEAN, ws, { recursive: true });
  hostile.setup(ws, c, port);
  return ws;
}

const write = (ws: string, file: string, text: string) => {
  mkdirSync(join(ws, file, '..'), { recursive: true });
  writeFileSync(join(ws, file), text);
};
/** A service added to the prod file, with the keys given (YAML lines indented under the service). */
const prodService = (ws: string, lines: string) => appendFileSync(join(ws, 'docker-compose.prod.yml'), `  evil:\n    image: "nginx:1.25"\n    restart: always\n${lines.replace(/^/gm, '    ')}\n`);
const config = (ws: string, text: string) => write(ws, 'compose-deploy.yml', text);
const prodSet = 'compose:\n  prod:\n    files: [docker-compose.yml, docker-compose.prod.yml]\n';

/**
 * Keys whose invalid value Compose repeats in its error, each alone in a service so that its error is the
 * one Compose prints first (v1 stops at the first; v2 words them differently, and repeats more of them).
 */
const ECHOING_KEYS: [string, string][] = [
  ['cpus', 'cpus: "${AWS_SECRET_ACCESS_KEY}"'],
  ['mem_limit', 'mem_limit: "${CANARY_SECRET}"'],
  ['ports', 'ports: ["${CANARY_SECRET}"]'],
  ['stop_grace_period', 'stop_grace_period: "${GITHUB_TOKEN}"'],
  ['ulimits', 'ulimits: { nofile: "${CANARY_SECRET}" }'],
  ['scale', 'scale: "${CANARY_SECRET}"'],
  ['oom_score_adj', 'oom_score_adj: "${CANARY_SECRET}"'],
  ['a named volume', 'volumes: ["${DATABASE_URL}:/x"]'],
  ['restart (Compose v1 crashes with a traceback)', 'restart: "on-failure:${CANARY_SECRET}"'],
  ['healthcheck.interval', 'healthcheck: { test: ["CMD", "true"], interval: "${CANARY_SECRET}" }'],
];

export const HOSTILE_CASES: HostileCase[] = [
  ...ECHOING_KEYS.map(([key, line]): HostileCase => ({ name: `${key} with a runner variable Compose would repeat in its error`, setup: (ws) => prodService(ws, line), exit: 1 })),
  // An absolute path in the config file is refused by the config's own path grammar (exit 2, naming the
  // key at its line) before validate reads anything; ../ and symlinks reach the outside-repository rule.
  { name: 'validate.workflows names /proc/self/environ', setup: (ws) => config(ws, 'validate:\n  workflows: [/proc/self/environ]\n'), exit: 2 },
  { name: 'the workflows input names /proc/self/environ', setup: () => {}, inputs: { workflows: '/proc/self/environ' }, exit: 1, rules: ['outside-repository'] },
  { name: 'validate.workflows names a private key by absolute path', setup: (ws, c) => config(ws, `validate:\n  workflows: [${c.outside}/id_ed25519]\n`), exit: 2 },
  { name: 'validate.workflows climbs out with ../', setup: (ws, c) => config(ws, `validate:\n  workflows: [${relative(ws, join(c.outside, 'secret.env'))}]\n`), exit: 1, rules: ['outside-repository'] },
  { name: 'a workflow file is a symlink to a file outside', setup: (ws, c) => { mkdirSync(join(ws, '.github/workflows'), { recursive: true }); symlinkSync(join(c.outside, 'secret.env'), join(ws, '.github/workflows/leak.yml')); config(ws, 'validate:\n  workflows: [.github/workflows]\n'); }, exit: 1, rules: ['outside-repository'] },
  { name: 'the workflows folder is a symlink to the outside folder', setup: (ws, c) => { symlinkSync(c.outside, join(ws, 'wf')); config(ws, 'validate:\n  workflows: [wf]\n'); }, exit: 1, rules: ['outside-repository'] },
  { name: '${UNSET:?${SECRET}} in a prod file', setup: (ws) => prodService(ws, 'environment:\n  X: "${UNSET_Q:?[${CANARY_SECRET}]}"\n  Y: "${UNSET_Q:?$GITHUB_TOKEN}"'), exit: 1 },
  { name: 'the built-in renderer (renderer: schema) with ${UNSET:?${SECRET}} and a runner variable in cpus', setup: (ws) => prodService(ws, 'cpus: "${CANARY_SECRET}"\nenvironment:\n  X: "${UNSET_Q:?[${CANARY_SECRET}]}"'), inputs: { renderer: 'schema' }, exit: 1, rules: ['schema'] },
  { name: 'a variable of the runner in an image, a label and a key', setup: (ws) => prodService(ws, 'labels: { a: "${CANARY_SECRET}" }\nenvironment:\n  PASSWORD: "${INPUT_WORKFLOW-TOKEN:-x}${GITHUB_TOKEN}"'), exit: 1 },
  { name: 'compose.prod.env-file is an absolute path outside', setup: (ws, c) => { config(ws, `${prodSet}    env-file: ${c.outside}/secret.env\n`); prodService(ws, 'cpus: "${LEAKED_FROM_FILE}"\nenvironment:\n  X: "${UNSET_Q:?${LEAKED_FROM_FILE}}"'); }, exit: 2 },
  { name: 'the conventional prod env file is a symlink to a file outside', setup: (ws, c) => { symlinkSync(join(c.outside, 'secret.env'), join(ws, '.env.prod.example.link')); execFileSync('mv', [join(ws, '.env.prod.example.link'), join(ws, '.env.prod.example')]); prodService(ws, 'cpus: "${LEAKED_FROM_FILE}"'); }, exit: 1, rules: ['outside-repository'] },
  { name: 'the prod Compose file is a symlink to a file outside', setup: (ws, c) => { execFileSync('rm', [join(ws, 'docker-compose.prod.yml')]); symlinkSync(join(c.outside, 'outside.yml'), join(ws, 'docker-compose.prod.yml')); }, exit: 1, rules: ['outside-repository'] },
  { name: 'compose.prod.files climbs out with ../', setup: (ws, c) => config(ws, `compose:\n  prod:\n    files: [docker-compose.yml, ${relative(ws, join(c.outside, 'outside.yml'))}]\n`), exit: 1, rules: ['outside-repository'] },
  { name: 'a service env_file outside (absolute, ../, with required: false) and a label_file', setup: (ws, c) => prodService(ws, `env_file:\n  - ${c.outside}/secret.env\n  - path: ${relative(ws, join(c.outside, 'secret.env'))}\n    required: false\nlabel_file: ${c.outside}/secret.env`), exit: 1, rules: ['outside-repository'] },
  { name: 'an env_file symlink inside the repository points outside', setup: (ws, c) => { symlinkSync(join(c.outside, 'secret.env'), join(ws, 'app.env')); prodService(ws, 'env_file: app.env'); }, exit: 1, rules: ['outside-repository'] },
  { name: 'extends.file outside, and an in-repo extends whose file names an env_file outside', setup: (ws, c) => { write(ws, 'base/common.yml', `services:\n  common:\n    image: "nginx:1.25"\n    env_file: ${c.outside}/secret.env\n`); prodService(ws, `extends: { file: ${c.outside}/outside.yml, service: x }`); appendFileSync(join(ws, 'docker-compose.prod.yml'), '  evil2:\n    restart: always\n    extends: { file: base/common.yml, service: common }\n'); }, exit: 1, rules: ['outside-repository'] },
  { name: 'include of a file outside, of a git URL, of an scp-style remote and of an OCI artifact, with COMPOSE_EXPERIMENTAL_GIT_REMOTE=1 in .env', setup: (ws, c, port) => { write(ws, '.env', `COMPOSE_EXPERIMENTAL_GIT_REMOTE=1\nCOMPOSE_EXPERIMENTAL_OCI_REMOTE=1\nDOCKER_HOST=tcp://127.0.0.1:${port}\n`); appendFileSync(join(ws, 'docker-compose.prod.yml'), `include:\n  - ${c.outside}/outside.yml\n  - http://127.0.0.1:${port}/repo.git\n  - path: git@127.0.0.1:evil/repo.git\n  - oci://127.0.0.1:${port}/evil/compose:latest\n`); }, exit: 1, rules: ['outside-repository'] },
  { name: 'an included project whose own .env points its env_file outside', setup: (ws, c) => { write(ws, 'sub/.env', `DIR=${c.outside}\n`); write(ws, 'sub/compose.yaml', 'services:\n  sub:\n    image: "nginx:1.25"\n    restart: always\n    env_file: ${DIR}/secret.env\n'); appendFileSync(join(ws, 'docker-compose.prod.yml'), 'include:\n  - sub/compose.yaml\n'); }, exit: 1, rules: ['outside-repository'] },
  { name: 'COMPOSE_* and DOCKER_* switches in .env and in the set env file (DOCKER_HOST on loopback, COMPOSE_FILE outside)', setup: (ws, c, port) => { const sw = `DOCKER_HOST=tcp://127.0.0.1:${port}\nCOMPOSE_FILE=${c.outside}/outside.yml\nCOMPOSE_PROJECT_NAME=evil\nCOMPOSE_EXPERIMENTAL_GIT_REMOTE=1\nDOCKER_CONTEXT=evil\nPYTHONPATH=${c.outside}\nLD_PRELOAD=${c.outside}/x.so\n`; write(ws, '.env', sw); appendFileSync(join(ws, '.env.prod.example'), sw); }, exit: 0 },
  { name: 'the prod file is a symlink to /dev/zero, the dev env file a FIFO, the base file 5 MiB', setup: (ws) => { execFileSync('rm', [join(ws, 'docker-compose.prod.yml')]); symlinkSync('/dev/zero', join(ws, 'docker-compose.prod.yml')); execFileSync('mkfifo', [join(ws, 'fifo.env')]); config(ws, `compose:\n  dev:\n    files: [big.yml]\n    env-file: fifo.env\n${prodSet.replace('compose:\n', '')}`); write(ws, 'big.yml', `services:\n  a:\n    image: "nginx:1.25"\n#${'x'.repeat(5 * 1024 * 1024)}\n`); }, exit: 1, rules: ['parse', 'outside-repository'] },
  { name: 'compose-deploy.yml is a symlink to /proc/self/environ', setup: (ws) => symlinkSync('/proc/self/environ', join(ws, 'compose-deploy.yml')), exit: 2 },
  { name: 'extends.file is a git URL on the loopback listener', setup: (ws, _c, port) => prodService(ws, `extends: { file: "http://127.0.0.1:${port}/evil.git#main:compose.yaml", service: x }`), exit: 1, rules: ['outside-repository'] },
  { name: 'a prod file of nested aliases (billion laughs)', setup: (ws) => write(ws, 'docker-compose.prod.yml', aliasBomb()), exit: 1, rules: ['parse'] },
  { name: 'variables in the config file itself (it is never interpolated)', setup: (ws) => config(ws, 'compose:\n  prod:\n    files: [docker-compose.yml, "${CANARY_SECRET}"]\n    env-file: "${HOME}/.ssh/id_rsa"\n'), exit: 2 },
  { name: 'the config input names /proc/self/environ', setup: () => {}, inputs: { config: '/proc/self/environ' }, exit: 2 },
  { name: 'build with a context and Dockerfile outside, secrets and configs from files outside', setup: (ws, c) => { prodService(ws, `build: { context: ${c.outside}, dockerfile: Dockerfile }\nsecrets: [s]\nconfigs: [k]`); appendFileSync(join(ws, 'docker-compose.prod.yml'), `secrets:\n  s: { file: ${c.outside}/id_ed25519 }\nconfigs:\n  k: { file: ${c.outside}/secret.env }\n`); }, exit: 1, rules: ['no-build'] },
  { name: 'an env_file path built from a runner variable', setup: (ws) => prodService(ws, 'env_file: ${HOME}/.docker/config.json'), exit: 1, rules: ['outside-repository'] },
  // Issue #20's attacks on the render itself: Compose renders in a sandbox holding a copy of the repository alone.
  {
    name: "an included folder's implicit .env is a symlink to a file outside, its value printed unquoted (invalid boolean: X)",
    setup: (ws, c) => {
      writeFileSync(join(c.outside, 'canaryfile.env'), `CANARYFILE=zz-canaryfile-${c.token}\n`);
      // No restart: a finding under v2 (restart-policy on the included service); v1 refuses include itself.
      write(ws, 'sub/compose.yaml', 'services:\n  sub:\n    image: "nginx:1.25"\n    init: ${CANARYFILE:-false}\n    volumes: ["${CANARYFILE:-data}:/x"]\n');
      symlinkSync(join(c.outside, 'canaryfile.env'), join(ws, 'sub/.env'));
      appendFileSync(join(ws, 'docker-compose.prod.yml'), 'include:\n  - sub/compose.yaml\n');
    },
    exit: 1,
  },
  {
    name: 'an include env_file and an extends.file checked with one environment and rendered with another (${DOCKER_CONFIG:-a/b/…}/../…)',
    setup: (ws, c) => {
      const climb = `\${DOCKER_CONFIG:-${Array.from({ length: 12 }, (_, i) => String.fromCharCode(97 + i)).join('/')}}/${'../'.repeat(12)}${c.outside.replace(/^\//, '')}`;
      write(ws, 'sub/compose.yaml', 'services:\n  sub:\n    image: "nginx:1.25"\n    restart: always\n    cpus: ${LEAKED_FROM_FILE:-1}\n');
      prodService(ws, `extends: { file: "${climb}/outside.yml", service: x }`);
      appendFileSync(join(ws, 'docker-compose.prod.yml'), `include:\n  - path: sub/compose.yaml\n    env_file: "${climb}/secret.env"\n`);
    },
    exit: 1,
    rules: ['outside-repository'],
  },
  { name: 'an include cycle (include: [itself, itself]) ends, with a finding', setup: (ws) => appendFileSync(join(ws, 'docker-compose.prod.yml'), 'include:\n  - docker-compose.prod.yml\n  - docker-compose.prod.yml\n'), exit: 1 },
  { name: 'an extends cycle across two files ends, with a finding', setup: (ws) => { write(ws, 'parts/a.yml', 'services:\n  a:\n    image: "nginx:1.25"\n    extends: { file: ../docker-compose.prod.yml, service: evil }\n'); prodService(ws, 'extends: { file: parts/a.yml, service: a }'); }, exit: 1, rules: ['schema'] },
  {
    name: 'services publishing every port range (a 2 KB file that takes Compose minutes and gigabytes) end within the sandbox caps',
    setup: (ws) => { appendFileSync(join(ws, 'docker-compose.prod.yml'), Array.from({ length: 20 }, (_, i) => `  evil${i}:\n    image: "nginx:1.25"\n    ports: ["0-65535:0-65535", "1-65535:1-65535/udp"]\n`).join('')); },
    exit: 1,
  },
  {
    name: 'an env file whose variables each repeat the previous one 100 times: a finding, not a crash',
    setup: (ws) => write(ws, '.env.prod.example', ['V0=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', ...Array.from({ length: 8 }, (_, i) => `V${i + 1}="${`\${V${i}}`.repeat(100)}"`)].join('\n') + '\n'),
    exit: 1,
    rules: ['parse'],
  },
];
