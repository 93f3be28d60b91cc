import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { hostInputs, runAction, runCli, sshArgs } from '../lib/run-action.js';
import { randomSha } from './stack.js';

// Hostile names and paths in a pull request's Compose files and config: refused before anything
// reaches the host (exit 2), while an ordinary stack of the same shape still deploys.
const h = harnessEnv();
const workspaces: string[] = [];
const projects: string[] = [];

after(() => {
  for (const p of projects) {
    const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
    const nets = execFileSync('docker', ['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${p}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    if (nets.length > 0) execFileSync('docker', ['network', 'rm', ...nets], { stdio: 'ignore' });
    onHost(`rm -rf ${h.deployRoot}/${p}`);
  }
  for (const w of workspaces) rmSync(w, { recursive: true, force: true });
});

const onHost = (command: string) => execFileSync('ssh', sshArgs(command), { encoding: 'utf8' });

function sleeper(name: string): string {
  return `  ${JSON.stringify(name)}:\n    image: ${h.busyboxImage}\n    restart: unless-stopped\n    command: ["sleep", "600"]\n`;
}

/** A workspace with one prod Compose file and a config; returns it with its project and deploy path. */
function workspace(services: string[], deployExtra = ''): { dir: string; project: string; deployPath: string } {
  const project = `cdnames-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'cd-names-'));
  workspaces.push(dir);
  projects.push(project);
  writeFileSync(join(dir, 'compose.prod.yaml'), `services:\n${services.map(sleeper).join('')}`);
  writeFileSync(join(dir, 'compose-deploy.yml'), `project: ${project}\ncompose:\n  prod:\n    files: [compose.prod.yaml]\ndeploy:\n  min-ready-seconds: 0\n${deployExtra}`);
  return { dir, project, deployPath: `${h.deployRoot}/${project}` };
}

const inputs = (deployPath: string) => ({ command: 'deploy', sha: randomSha(), 'deploy-path': deployPath, ...hostInputs() });

const containers = (project: string) =>
  execFileSync('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Label "com.docker.compose.service"}}'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).sort();

const exists = (path: string) => onHost(`test -e ${path} && echo yes || echo no`).trim() === 'yes';

test('a Compose service named like an option is refused with exit 2 and nothing reaches the host', async () => {
  const ws = workspace(['web', '--remove-orphans']);
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(res.code, 2, res.log);
  assert.match(res.log, /compose\.prod\.yaml:6:\d+: service name "--remove-orphans" starts with "-"/);
  assert.equal(exists(ws.deployPath), false, 'no deploy directory, no lock, no release');
  assert.deepEqual(containers(ws.project), []);
});

test('a config key naming a service that starts with "-" is refused with exit 2, naming the key', async () => {
  const ws = workspace(['web'], '  order: [web, "-d"]\n');
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(res.code, 2, res.log);
  assert.match(res.log, /deploy\.order\[1\]: invalid value "-d"/);
  assert.equal(exists(ws.deployPath), false);
});

test('validate reports a service named like an option as an error at its line', async () => {
  const ws = workspace(['web', '-d']);
  const res = await runAction({ command: 'validate', 'report-file': join(ws.dir, 'report.json') }, { workspace: ws.dir });
  assert.equal(res.code, 1, res.log);
  assert.ok(res.annotations.some((a) => /^::error file=compose\.prod\.yaml,line=6,col=\d+::schema: service name "-d" starts with "-"/.test(a)), res.annotations.join('\n'));
});

test('an ordinary stack (names Compose allows, "." and "_" included) still deploys: each service started by name after "--"', async () => {
  const ws = workspace(['web', 'cache_2', 'v1.api']);
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(res.code, 0, res.log);
  assert.deepEqual(containers(ws.project), ['cache_2', 'v1.api', 'web']);
  // An upload killed outright (no trap ran) left its directory and .env: the next deploy clears it.
  const leftover = `${ws.deployPath}/releases/.incoming-${'e'.repeat(40)}-777`;
  onHost(`mkdir -p ${leftover} && echo DB_PASSWORD=left-behind > ${leftover}/.env && chmod 600 ${leftover}/.env`);
  const next = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(next.code, 0, next.log);
  assert.match(next.log, /removed \.incoming-e{40}-777, left on the host by an upload that was killed/);
  assert.equal(onHost(`ls -A ${ws.deployPath}/releases | grep -c '^\\.incoming-' || true`).trim(), '0');
});

for (const [what, setup] of [
  ['a symbolic link to /proc/self/environ', (dir: string) => symlinkSync('/proc/self/environ', join(dir, 'leak.conf'))],
  ['a symbolic link to a directory outside the repository', (dir: string) => symlinkSync('/proc/self', join(dir, 'leak.conf'))],
] as const) {
  test(`deploy.files with ${what}: exit 2 naming the key, nothing uploaded, the step's environment never on the host`, async () => {
    const ws = workspace(['web'], '  files: [leak.conf]\n');
    setup(ws.dir);
    const canary = `canary-${randomBytes(12).toString('hex')}`;
    const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir, env: { CD_NAMES_CANARY: canary } });
    assert.equal(res.code, 2, res.log);
    assert.match(res.log, /deploy\.files\[0\]: release file "leak\.conf" (resolves, through a symbolic link, to a file outside the repository|is not a regular file); nothing was uploaded/);
    assert.equal(exists(ws.deployPath), false);
    assert.equal(onHost(`grep -rl ${canary} ${h.deployRoot} 2>/dev/null || true`).trim(), '');
  });
}

test('deploy.files with an absolute path: exit 2 naming the key, nothing uploaded', async () => {
  const ws = workspace(['web'], '  files: [/proc/self/environ]\n');
  const canary = `canary-${randomBytes(12).toString('hex')}`;
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir, env: { CD_NAMES_CANARY: canary } });
  assert.equal(res.code, 2, res.log);
  assert.match(res.log, /deploy\.files\[0\]: invalid value "\/proc\/self\/environ"/);
  assert.equal(exists(ws.deployPath), false);
  assert.equal(onHost(`grep -rl ${canary} ${h.deployRoot} 2>/dev/null || true`).trim(), '');
});

test('deploy.files: a symbolic link that stays inside the repository ships the file it points at', async () => {
  const ws = workspace(['web'], '  files: [proxy.conf]\n');
  writeFileSync(join(ws.dir, 'proxy.real.conf'), 'listen 80\n');
  symlinkSync('proxy.real.conf', join(ws.dir, 'proxy.conf'));
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(res.code, 0, res.log);
  assert.equal(onHost(`cat ${ws.deployPath}/current/proxy.conf`), 'listen 80\n');
});

// ---------------------------------------------------------------------------------------------
// The sweep: every value that reaches the host, tried with every hostile payload. Each payload
// tries to create the canary file (by a shell running it, or by a path that lands on it); after
// the sweep the canary must not exist. A value refused by the front door exits 2 before anything
// connects (the CLI, one process per case, a few at a time); the payloads a value accepts go
// through real runs, grouped: one deploy carries every env-file value, one rollback every reason.
const canary = `/tmp/cd-canary-${randomBytes(8).toString('hex')}`;
const HUGE_FILE = 1024 * 1024;
// The kernel caps one argv or environment string at 128 KB: a value carried there is tried at 100 KB.
const HUGE_ARG = 100_000;
const PAYLOADS = {
  semicolon: `x;touch ${canary}`,
  pipe: `x|touch ${canary}`,
  substitution: `$(touch ${canary})`,
  backticks: `\`touch ${canary}\``,
  newline: `x\ntouch ${canary}`,
  nul: `x\0touch ${canary}`,
  dotdot: `../../../../../../..${canary}`,
  absolute: canary,
  dash: `--output=${canary}`,
  huge: 'a'.repeat(HUGE_FILE),
} as const;
type PayloadName = keyof typeof PAYLOADS;

/** How a value reaches the tool: a CLI argument (no NUL possible, 128 KB at most), or a file (the config, a Compose file, the env file). */
type Carrier = 'argv' | 'file';
interface Value {
  name: string;
  carrier: Carrier;
  /** Payloads this value cannot mean, with why (they are not tried). */
  notApplicable?: Partial<Record<PayloadName, string>>;
  /** Payloads this value accepts: they are tried by the real runs below instead. */
  accepted?: PayloadName[];
  /** The CLI run that carries the payload (cwd: a workspace set up for it). */
  run: (payload: string, ws: SweepWorkspace) => Promise<{ code: number; stdout: string; stderr: string }>;
}
interface SweepWorkspace {
  dir: string;
  deployPath: string;
  write: (file: string, text: string) => void;
}

const cliHost = (deployPath: string) => ['--host', h.host, '--port', String(h.port), '--user', h.user, '--ssh-private-key-file', h.keyPath, '--known-hosts-file', h.knownHostsPath, '--deploy-path', deployPath];
const baseConfig = (project: string, extra = '') => `project: ${project}\ncompose:\n  prod:\n    files: [compose.prod.yaml]\ndeploy:\n  min-ready-seconds: 0\n${extra}`;
const yamlString = (s: string) => JSON.stringify(s); // a YAML double-quoted scalar: \n, \0 and all
const deployCli = (ws: SweepWorkspace, extra: string[] = []) => runCli(['deploy', '--sha', randomSha(), ...cliHost(ws.deployPath), ...extra], { cwd: ws.dir });

const VALUES: Value[] = [
  { name: 'sha', carrier: 'argv', run: (p, ws) => runCli(['deploy', '--sha', p, ...cliHost(ws.deployPath)], { cwd: ws.dir }) },
  {
    name: 'deploy-path (config host.path)',
    carrier: 'file',
    notApplicable: { absolute: 'the deploy path is an absolute path of the user\'s choosing' },
    run: (p, ws) => {
      ws.write('compose-deploy.yml', `${baseConfig(`cdsweep-${randomBytes(3).toString('hex')}`)}host:\n  path: ${yamlString(`${h.deployRoot}/${p}`)}\n`);
      return runCli(['deploy', '--sha', randomSha(), ...cliHost(ws.deployPath).slice(0, -2)], { cwd: ws.dir });
    },
  },
  { name: 'project', carrier: 'file', run: (p, ws) => (ws.write('compose-deploy.yml', baseConfig(`PLACEHOLDER`).replace('project: PLACEHOLDER', `project: ${yamlString(p)}`)), deployCli(ws)) },
  { name: 'Compose service name', carrier: 'file', run: (p, ws) => (ws.write('compose.prod.yaml', `services:\n  web:\n    image: ${h.busyboxImage}\n  ${yamlString(p)}:\n    image: ${h.busyboxImage}\n`), deployCli(ws)) },
  { name: 'deploy.order', carrier: 'file', run: (p, ws) => (ws.write('compose-deploy.yml', baseConfig('cdsweep-order', `  order: [web, ${yamlString(p)}]\n`)), deployCli(ws)) },
  { name: 'deploy.migrate.service', carrier: 'file', run: (p, ws) => (ws.write('compose-deploy.yml', baseConfig('cdsweep-migrate', `  migrate: { service: ${yamlString(p)} }\n`)), deployCli(ws)) },
  { name: 'deploy.files', carrier: 'file', run: (p, ws) => (ws.write('compose-deploy.yml', baseConfig('cdsweep-files', `  files: [${yamlString(p)}]\n`)), deployCli(ws)) },
  {
    name: 'env-file key',
    carrier: 'file',
    run: (p, ws) => (ws.write('prod.env', `${p}=1\n`), deployCli(ws, ['--env-file-file', join(ws.dir, 'prod.env')])),
  },
  {
    name: 'env-file value',
    carrier: 'file',
    // A NUL is refused; every other payload is a value the app may really hold: the deploy below carries them all.
    accepted: ['semicolon', 'pipe', 'substitution', 'backticks', 'newline', 'dotdot', 'absolute', 'dash', 'huge'],
    run: (p, ws) => (ws.write('prod.env', `SECRET=${p}\n`), deployCli(ws, ['--env-file-file', join(ws.dir, 'prod.env')])),
  },
  { name: 'registry (config)', carrier: 'file', run: (p, ws) => (ws.write('compose-deploy.yml', `${baseConfig('cdsweep-registry')}registry: ${yamlString(p)}\n`), deployCli(ws)) },
  { name: 'registry-username', carrier: 'argv', run: (p, ws) => deployCli(ws, ['--registry-username', p, '--registry-password-file', h.keyPath]) },
  { name: 'host (config host.address)', carrier: 'file', run: (p, ws) => (ws.write('compose-deploy.yml', `${baseConfig('cdsweep-host')}host:\n  address: ${yamlString(p)}\n`), runCli(['deploy', '--sha', randomSha(), ...cliHost(ws.deployPath).slice(2)], { cwd: ws.dir })) },
  { name: 'user (config host.user)', carrier: 'file', run: (p, ws) => (ws.write('compose-deploy.yml', `${baseConfig('cdsweep-user')}host:\n  user: ${yamlString(p)}\n`), runCli(['deploy', '--sha', randomSha(), ...cliHost(ws.deployPath).filter((a, i, all) => a !== '--user' && all[i - 1] !== '--user')], { cwd: ws.dir })) },
  { name: 'rollback to', carrier: 'argv', run: (p, ws) => runCli(['rollback', '--to', p, ...cliHost(ws.deployPath)], { cwd: ws.dir }) },
  {
    name: 'rollback reason',
    carrier: 'argv',
    // Free text, up to 500 characters: the rollback below carries every payload that fits.
    accepted: ['semicolon', 'pipe', 'substitution', 'backticks', 'newline', 'dotdot', 'absolute', 'dash'],
    run: (p, ws) => runCli(['rollback', `--reason=${p}`, ...cliHost(ws.deployPath)], { cwd: ws.dir }),
  },
  {
    name: 'backup name (verify)',
    carrier: 'argv',
    run: (p, ws) => (ws.write('compose-deploy.yml', `${baseConfig('cdsweep-backup')}backup:\n  service: db\n`), runCli(['backup', `--verify=${p}`, ...cliHost(ws.deployPath)], { cwd: ws.dir })),
  },
];

/** Runs tasks a few at a time (two cores, shared). */
async function pool<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  }));
  return out;
}

function sweepWorkspace(): SweepWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'cd-sweep-'));
  workspaces.push(dir);
  const deployPath = `${h.deployRoot}/cdsweep-${randomBytes(3).toString('hex')}`;
  const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
  write('compose.prod.yaml', `services:\n  web:\n    image: ${h.busyboxImage}\n`);
  write('compose-deploy.yml', baseConfig(`cdsweep-${randomBytes(3).toString('hex')}`));
  return { dir, deployPath, write };
}

test('the sweep: every value x every payload the front door refuses exits 2, quickly, with a bounded message', async () => {
  const cases: Array<{ value: Value; payload: PayloadName }> = [];
  for (const value of VALUES) {
    for (const payload of Object.keys(PAYLOADS) as PayloadName[]) {
      if (value.notApplicable?.[payload] || value.accepted?.includes(payload)) continue;
      if (value.carrier === 'argv' && payload === 'nul') continue; // no argv can carry a NUL: the OS refuses it before the tool runs
      cases.push({ value, payload });
    }
  }
  const results = await pool(
    cases.map(({ value, payload }) => async () => {
      const text = payload === 'huge' && value.carrier === 'argv' ? 'a'.repeat(HUGE_ARG) : PAYLOADS[payload];
      const res = await value.run(text, sweepWorkspace());
      return { name: `${value.name} x ${payload}`, ...res };
    }),
    3,
  );
  const wrong = results.filter((r) => r.code !== 2).map((r) => `${r.name}: exit ${r.code}: ${(r.stdout + r.stderr).slice(0, 300)}`);
  assert.deepEqual(wrong, [], 'every hostile value is bad input');
  const long = results.filter((r) => r.stdout.length + r.stderr.length > 4000).map((r) => `${r.name}: ${r.stdout.length + r.stderr.length} characters of output`);
  assert.deepEqual(long, [], 'a huge value is not echoed whole');
  assert.ok(cases.length >= 120, `${cases.length} cases`);
  assert.equal(existsSync(canary), false, 'the canary was created');
});

test('the sweep: the payloads values accept go through a real deploy (every env-file value) and a real rollback (every reason) as plain data', async () => {
  const ws = workspace(['web']);
  const values: Record<string, string> = {};
  for (const p of VALUES.find((v) => v.name === 'env-file value')!.accepted!) values[`V_${p.toUpperCase()}`] = PAYLOADS[p];
  // How a user writes each in a .env: a newline only inside double quotes (as \n), the rest bare.
  const envFile = Object.entries(values).map(([k, v]) => (v.includes('\n') ? `${k}="${v.replace(/\n/g, '\\n')}"` : `${k}=${v}`)).join('\n');
  const compose = `services:\n  web:\n    image: ${h.busyboxImage}\n    restart: unless-stopped\n    command: ["sleep", "600"]\n    environment:\n${Object.keys(values).map((k) => `      ${k}: \${${k}}\n`).join('')}`;
  writeFileSync(join(ws.dir, 'compose.prod.yaml'), compose);
  const first = randomSha();
  const second = randomSha();
  // A megabyte does not fit in an environment variable (an action input): the CLI reads the env file from a file.
  writeFileSync(join(ws.dir, 'prod.env'), envFile);
  for (const sha of [first, second]) {
    const res = await runCli(['deploy', '--sha', sha, ...cliHost(ws.deployPath), '--env-file-file', join(ws.dir, 'prod.env')], { cwd: ws.dir });
    assert.equal(res.code, 0, (res.stdout + res.stderr).slice(-3000));
  }
  // Each value arrived in the container as the very text it was.
  const id = execFileSync('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${ws.project}`, '--filter', 'label=com.docker.compose.service=web'], { encoding: 'utf8' }).trim();
  const env = JSON.parse(execFileSync('docker', ['inspect', '--format', '{{json .Config.Env}}', id], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as string[];
  for (const [k, v] of Object.entries(values)) assert.ok(env.includes(`${k}=${v}`), `${k} arrived changed`);

  const reasonPayloads = VALUES.find((v) => v.name === 'rollback reason')!.accepted!;
  // One reason holding them all, starting with "-" (the dash payload first).
  const reason = (['dash', ...reasonPayloads.filter((p) => p !== 'dash')] as PayloadName[]).map((p) => PAYLOADS[p]).join(' ');
  assert.ok(reason.length <= 500, `${reason.length} characters`);
  const back = await runCli(['rollback', '--to', first.slice(0, 10), `--reason=${reason}`, ...cliHost(ws.deployPath)], { cwd: ws.dir });
  assert.equal(back.code, 0, (back.stdout + back.stderr).slice(-3000));
  const audit = onHost(`cat ${ws.deployPath}/releases.jsonl`).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(audit.at(-1)!['reason'], reason, 'the reason is kept as the text it was');
  assert.equal(onHost(`readlink ${ws.deployPath}/current`).trim(), `releases/${first}`);
  assert.equal(existsSync(canary), false, 'the canary was created');
  assert.equal(onHost(`test -e ${canary} && echo yes || echo no`).trim(), 'no');
});
