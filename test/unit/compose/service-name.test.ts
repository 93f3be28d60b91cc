import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServices } from '../../../src/compose/cli.js';
import { parseComposeText } from '../../../src/compose/model.js';
import { badServiceNames, checkServiceName, serviceNameProblem } from '../../../src/compose/service-name.js';
import * as cmd from '../../../src/deploy/commands.js';
import { InputError } from '../../../src/errors.js';

const ok = ['api', 'web-1', 'db_primary', 'v1.2', '_internal', '.hidden', 'A9', '9lives'];
const refused = ['--remove-orphans', '-d', '-', 'a b', 'a/b', 'a;b', 'a=1', '', 'ä', '$(id)'];

for (const name of ok) {
  test(`service name ${JSON.stringify(name)} is accepted (Compose's grammar)`, () => assert.equal(serviceNameProblem(name), undefined));
}
for (const name of refused) {
  test(`service name ${JSON.stringify(name)} is refused`, () => {
    assert.ok(serviceNameProblem(name));
    assert.throws(() => checkServiceName(name, 'deploy.order[0]'), (e: unknown) => e instanceof InputError && e.message.startsWith('deploy.order[0]: '));
  });
}

test('a leading "-" is named as the reason: it would be read as an option', () => {
  assert.match(serviceNameProblem('--remove-orphans')!, /starts with "-"/);
});

test('Compose arguments on named services: "--" before the names, the command after them', () => {
  const table: Array<[string[], string[], string[], string[]]> = [
    [['up', '-d', '--no-deps'], ['db', 'proxy'], [], ['up', '-d', '--no-deps', '--', 'db', 'proxy']],
    [['rm', '--stop', '--force'], ['cron'], [], ['rm', '--stop', '--force', '--', 'cron']],
    [['run', '--rm', '-T'], ['migrate'], ['--fake', 'x'], ['run', '--rm', '-T', '--', 'migrate', '--fake', 'x']],
  ];
  for (const [sub, services, after, want] of table) assert.deepEqual(withServices(sub, services, after), want);
  assert.throws(() => withServices(['up', '-d'], []), /no service named/, 'an empty list would act on every service');
  assert.throws(() => withServices(['up', '-d'], ['--remove-orphans']), InputError);
});

test('every deploy command that names services puts "--" before them', () => {
  const target = cmd.releaseCompose({ deployPath: '/srv/x', project: 'x', composeFiles: ['compose.yaml'] }, 'docker-compose', 'a'.repeat(40));
  const commands = [
    cmd.convergeCommand(target, ['db']),
    cmd.convergeCommand(target, ['db'], true),
    cmd.removeServicesCommand(target, ['db']),
    cmd.migrateCommand(target, { service: 'db', command: ['-v'] }),
  ];
  for (const c of commands) assert.equal(c.argv[c.argv.indexOf('db') - 1], '--', c.argv.join(' '));
  assert.throws(() => cmd.rollCommand(target, { service: '-d', strategy: 'rolling', replicas: 1, stopGraceSeconds: 1 }, { healthTimeout: 1, minReadySeconds: 0, drainSeconds: 0, project: 'x' }), InputError);
});

test('a Compose file\'s bad service names are found at their lines', () => {
  const tree = parseComposeText('services:\n  api:\n    image: a\n  --remove-orphans:\n    image: b\n', 'compose.yaml');
  const bad = badServiceNames(tree);
  assert.deepEqual(bad.map((b) => [b.name, b.loc.file, b.loc.line]), [['--remove-orphans', 'compose.yaml', 4]]);
});
