import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkImagePrefix, defaultImagePrefix, parseRepositorySlug, repositoryFromRemoteUrl } from '../../../src/build/prefix.js';
import { InputError } from '../../../src/errors.js';

for (const [registry, repo, want] of [
  ['ghcr.io', 'Acme-Corp/Shop', 'ghcr.io/acme-corp/shop'],
  ['127.0.0.1:5000', 'octo/app', '127.0.0.1:5000/octo/app'],
  ['ghcr.io', 'Acme/My.Repo', 'ghcr.io/acme/my.repo'],
] as const) {
  test(`defaultImagePrefix(${registry}, ${repo}) = ${want}`, () => assert.equal(defaultImagePrefix(registry, repo), want));
}

for (const [url, want] of [
  ['git@github.com:Acme-Corp/Shop.git', 'Acme-Corp/Shop'],
  ['https://github.com/Acme-Corp/Shop', 'Acme-Corp/Shop'],
  ['https://github.com/Acme-Corp/Shop.git/', 'Acme-Corp/Shop'],
  ['ssh://git@github.com:22/Acme-Corp/Shop.git', 'Acme-Corp/Shop'],
  ['https://x-access-token:abc@github.com/o/r.git', 'o/r'],
  ['/srv/git/shop', 'git/shop'],
  ['shop', undefined],
] as const) {
  test(`repositoryFromRemoteUrl(${url})`, () => assert.equal(repositoryFromRemoteUrl(url), want));
}

test('parseRepositorySlug accepts owner/name and rejects anything else', () => {
  assert.deepEqual(parseRepositorySlug('Acme/Shop', 'x'), { owner: 'Acme', name: 'Shop' });
  for (const bad of ['Acme', 'a/b/c', 'a b/c', '']) assert.throws(() => parseRepositorySlug(bad, 'input "repository"'), /input "repository" must be "owner\/name"/);
});

const good = ['ghcr.io/acme/shop', '127.0.0.1:5000/cd-test/run-1', 'ghcr.io/a/b.c/d_e/f__g/h--i'];
for (const p of good) test(`checkImagePrefix accepts ${p}`, () => checkImagePrefix(p, p.split('/')[0]!, 'image-prefix'));

const bad: [string, RegExp][] = [
  ['ghcr.io/Acme/shop', /upper-case.*use "ghcr.io\/acme\/shop"/],
  ['ghcr.io', /needs a path/],
  ['ghcr.io/acme/sh op', /invalid path component "sh op"/],
  ['ghcr.io/acme/-shop', /invalid path component "-shop"/],
  ['ghcr.io/acme/shop.', /invalid path component "shop."/],
  ['ghcr.io//shop', /invalid path component ""/],
  ['docker.io/acme/shop', /on docker.io but the registry to log in to is ghcr.io/],
  ['https://ghcr.io/acme', /must start with a registry host/],
];
for (const [p, re] of bad) {
  test(`checkImagePrefix rejects ${p}`, () => {
    assert.throws(() => checkImagePrefix(p, 'ghcr.io', 'image-prefix'), (err: Error) => err instanceof InputError && re.test(err.message));
  });
}
