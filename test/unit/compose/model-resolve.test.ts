import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locate, parseComposeText, toPlain, type LMap } from '../../../src/compose/model.js';
import { mergeComposeFiles } from '../../../src/compose/model-merge.js';
import { resolveComposeFile, type ComposeFileReader } from '../../../src/compose/model-resolve.js';

/** A reader over in-memory files (names relative to the repository), recording what was asked for. */
function memoryReader(files: Record<string, string>): ComposeFileReader & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    read(from, path) {
      const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '.';
      const name = [...`${dir}/${path}`.split('/')].reduce<string[]>((acc, part) => (part === '..' ? acc.slice(0, -1) : part === '.' || part === '' ? acc : [...acc, part]), []).join('/');
      asked.push(name);
      return files[name] === undefined ? undefined : { name, tree: parseComposeText(files[name]!, name) };
    },
  };
}

function resolveOne(text: string, files: Record<string, string> = {}, include = true, name = 'compose.yaml'): LMap {
  return resolveComposeFile(name, parseComposeText(text, name), { reader: memoryReader(files), include });
}

const services = (tree: LMap) => (toPlain(tree) as { services: Record<string, Record<string, unknown>> }).services;

describe('extends, as Compose resolves it', () => {
  it('a service in another folder: its keys, merged under the local ones, located in the file that wrote them', () => {
    const tree = resolveOne(
      'services:\n  db:\n    extends:\n      file: parts/db.yaml\n      service: postgres\n    environment:\n      B: "3"\n    ports: ["5433:5432"]\n',
      { 'parts/db.yaml': 'services:\n  postgres:\n    image: postgres:alpine\n    restart: unless-stopped\n    environment: [A=1, B=2]\n    ports: ["5432:5432"]\n    volumes: ["./data:/var/lib/postgresql/data", "../src:/src"]\n' },
    );
    assert.deepEqual(services(tree)['db'], {
      image: 'postgres:alpine',
      restart: 'unless-stopped',
      environment: { A: '1', B: '3' },
      // Ports are joined (Compose keeps both); relative sources are rebased to the extending file's folder.
      ports: ['5432:5432', '5433:5432'],
      volumes: ['./parts/data:/var/lib/postgresql/data', './src:/src'],
    });
    assert.deepEqual(locate(tree, ['services', 'db', 'restart']), { file: 'parts/db.yaml', line: 4, column: 5 });
    assert.deepEqual(locate(tree, ['services', 'db', 'environment', 'B']), { file: 'compose.yaml', line: 7, column: 7 });
  });

  it('chains: a service extending one in the same file that extends one in another file', () => {
    const tree = resolveOne(
      'services:\n  base:\n    extends: { file: common.yaml, service: common }\n    healthcheck: { test: ["CMD", "true"] }\n  web:\n    extends: base\n    command: ["gunicorn"]\n',
      { 'common.yaml': 'services:\n  common:\n    image: app:1\n    restart: always\n    command: ["sleep", "1"]\n' },
    );
    assert.deepEqual(services(tree)['web'], { image: 'app:1', restart: 'always', command: ['gunicorn'], healthcheck: { test: ['CMD', 'true'] } });
    assert.equal(locate(tree, ['services', 'web', 'restart']).file, 'common.yaml');
  });

  it('!reset and !override in the extending service apply to what it extends', () => {
    const tree = resolveOne('services:\n  base:\n    image: a:1\n    ports: ["80:80"]\n    environment: { A: "1" }\n  web:\n    extends: base\n    ports: !reset []\n    environment: !override { B: "2" }\n');
    assert.deepEqual(services(tree)['web'], { image: 'a:1', environment: { B: '2' } });
  });

  it('anchors and merge keys next to extends resolve as usual', () => {
    const tree = resolveOne('x-r: &r\n  restart: always\nservices:\n  base:\n    image: a:1\n  web:\n    <<: *r\n    extends: base\n');
    assert.deepEqual(services(tree)['web'], { image: 'a:1', restart: 'always' });
  });

  it('a cycle or a file that is not read leaves the service as written, without hanging', () => {
    const cycle = resolveOne('services:\n  a:\n    extends: b\n    image: a:1\n  b:\n    extends: a\n');
    assert.equal(services(cycle)['a']!['image'], 'a:1');
    const unread = resolveOne('services:\n  web:\n    extends: { file: ../outside.yaml, service: x }\n    image: a:1\n');
    assert.deepEqual(services(unread)['web'], { extends: { file: '../outside.yaml', service: 'x' }, image: 'a:1' });
  });

  it('many services extending one huge service stop being resolved once too much was copied (a pull request writes the file)', () => {
    const env = Array.from({ length: 5_000 }, (_, i) => `      V${i}: "x"`).join('\n');
    const extenders = Array.from({ length: 200 }, (_, i) => `  s${i}:\n    extends: base\n`).join('');
    const tree = resolveOne(`services:\n  base:\n    image: a:1\n    environment:\n${env}\n${extenders}`);
    const all = services(tree);
    assert.equal(all['s0']!['image'], 'a:1');
    assert.ok(all['s199']!['extends'], 'the last extender is left as written');
  });
});

describe('include, per Compose flavor', () => {
  const files = {
    'infra/compose.yaml': 'services:\n  cache:\n    image: redis:7\n    volumes: ["./data:/data"]\n  web:\n    image: other:1\n',
  };
  const main = 'include:\n  - infra/compose.yaml\nservices:\n  web:\n    image: app:1\n';

  it('v2: the included services join the model at their own lines; the including file keeps its own', () => {
    const tree = resolveOne(main, files, true);
    assert.deepEqual(services(tree), { web: { image: 'app:1' }, cache: { image: 'redis:7', volumes: ['./infra/data:/data'] } });
    assert.deepEqual(locate(tree, ['services', 'cache', 'image']), { file: 'infra/compose.yaml', line: 3, column: 5 });
  });

  it('v1 refuses include, so nothing is included', () => {
    assert.deepEqual(Object.keys(services(resolveOne(main, files, false))), ['web']);
  });

  it('long syntax with several files merged like -f, and project_directory for relative paths', () => {
    const tree = resolveOne('include:\n  - path: [infra/compose.yaml, infra/prod.yaml]\n    project_directory: infra\n', {
      ...files,
      'infra/prod.yaml': 'services:\n  cache:\n    restart: always\n',
    });
    assert.deepEqual(services(tree)['cache'], { image: 'redis:7', volumes: ['./infra/data:/data'], restart: 'always' });
  });

  it('a set of files: each resolved, then merged in order', () => {
    const base = resolveComposeFile('compose.yaml', parseComposeText('services:\n  web:\n    extends: { file: p/a.yaml, service: a }\n', 'compose.yaml'), { reader: memoryReader({ 'p/a.yaml': 'services:\n  a:\n    image: a:1\n' }), include: true });
    const prod = parseComposeText('services:\n  web:\n    restart: always\n', 'compose.prod.yaml');
    assert.deepEqual(services(mergeComposeFiles([base, prod]))['web'], { image: 'a:1', restart: 'always' });
  });
});
