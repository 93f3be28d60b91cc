import { test } from 'node:test';
import assert from 'node:assert/strict';
import { branchTag, computeTags, shaTag } from '../../../src/build/tags.js';
import { InputError } from '../../../src/errors.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

const cases: { name: string; input: Parameters<typeof computeTags>[0]; tags: string[]; notes?: RegExp }[] = [
  { name: 'no extras: only the full sha tag', input: { sha: SHA, extras: [] }, tags: [`sha-${SHA}`] },
  { name: 'sha-short', input: { sha: SHA, extras: ['sha-short'] }, tags: [`sha-${SHA}`, 'sha-0123456'] },
  { name: 'branch sanitised', input: { sha: SHA, extras: ['branch'], branch: 'feature/Login page' }, tags: [`sha-${SHA}`, 'feature-Login-page'] },
  { name: 'latest on the default branch', input: { sha: SHA, extras: ['latest'], branch: 'main', defaultBranch: 'main' }, tags: [`sha-${SHA}`, 'latest'] },
  { name: 'latest not on another branch', input: { sha: SHA, extras: ['latest'], branch: 'dev', defaultBranch: 'main' }, tags: [`sha-${SHA}`], notes: /not the default branch "main"/ },
  { name: 'latest not when the default branch is unknown', input: { sha: SHA, extras: ['latest'], branch: 'main' }, tags: [`sha-${SHA}`], notes: /default branch unknown/ },
  { name: 'branch tag skipped on a tag build', input: { sha: SHA, extras: ['branch'] }, tags: [`sha-${SHA}`], notes: /not on a branch/ },
  { name: 'all extras, no duplicates', input: { sha: SHA, extras: ['sha-short', 'branch', 'latest', 'sha-short'], branch: 'main', defaultBranch: 'main' }, tags: [`sha-${SHA}`, 'sha-0123456', 'main', 'latest'] },
];

for (const c of cases) {
  test(`computeTags: ${c.name}`, () => {
    const plan = computeTags(c.input);
    assert.deepEqual(plan.all, c.tags);
    assert.equal(plan.primary, `sha-${SHA}`);
    if (c.notes) assert.match(plan.notes.join('\n'), c.notes);
  });
}

for (const [branch, want] of [
  ['main', 'main'],
  ['feature/x', 'feature-x'],
  ['renovate/@types~node', 'renovate-types-node'],
  ['.hidden', 'hidden'],
  ['-dash-', 'dash'],
  ['latest', undefined],
  ['sha-deadbeef', undefined],
  ['///', undefined],
  ['a'.repeat(200), 'a'.repeat(128)],
] as const) {
  test(`branchTag(${JSON.stringify(branch.length > 20 ? `${branch.slice(0, 10)}...` : branch)}) = ${want === undefined ? 'undefined' : JSON.stringify(want.length > 20 ? 'a*128' : want)}`, () => {
    assert.equal(branchTag(branch), want);
  });
}

for (const bad of ['abc', SHA.toUpperCase(), `${SHA}0`, SHA.slice(1), 'g'.repeat(40)]) {
  test(`shaTag rejects ${JSON.stringify(bad.slice(0, 12))}... (length ${bad.length})`, () => {
    assert.throws(() => shaTag(bad), (err: Error) => err instanceof InputError && /40-character lower-case hex/.test(err.message));
  });
}
