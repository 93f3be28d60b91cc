import { findVarRefs, needsValue } from '../../compose/model-vars.js';
import { parseImage, type ImageRef } from '../../compose/image-ref.js';
import { releaseTag, releaseVariables } from '../../compose/deploy-role.js';
import type { RawFinding } from '../findings.js';
import { rendered, type RuleContext, type ServiceView } from './context.js';

const SHA_TAG = /^sha-[0-9a-f]{40}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Whether the deploy fills this variable so that `before` + its value is the release's tag:
 * ${IMAGE_TAG} alone, or sha-${COMPOSE_DEPLOY_SHA}. Any other name would reach the host empty.
 */
export function isDeployFilled(name: string, before: string): boolean {
  const probe = '0'.repeat(40);
  const value = releaseVariables(probe)[name];
  return value !== undefined && `${before}${value}` === releaseTag(probe);
}

/** A tag the deploy can trust: sha-<40 hex>, or a variable it fills, whose default if any is such a tag. */
export function isImmutableTag(tag: string): boolean {
  if (SHA_TAG.test(tag)) return true;
  const refs = findVarRefs(tag);
  if (refs.length !== 1) return false;
  const ref = refs[0]!;
  if (tag.slice(ref.end) !== '' || !isDeployFilled(ref.name, tag.slice(0, ref.start))) return false;
  return needsValue(ref) || (ref.op.endsWith('+') ? false : SHA_TAG.test(`${tag.slice(0, ref.start)}${ref.arg}`));
}

/**
 * Ours when CI builds it (a set has build: for the service), it lives under our image prefix, or its tag
 * is one the deploy fills (${IMAGE_TAG}). Any other variable in a tag is just a version read from the env
 * file (postgres:${PG_VERSION:-16}-alpine): such an image is third-party and judged by its rendered value.
 */
function isOwnImage(s: ServiceView, img: ImageRef, ctx: RuleContext): boolean {
  if (ctx.builtServices.has(s.name)) return true;
  if (img.tag !== undefined && findVarRefs(img.tag).some((r) => isDeployFilled(r.name, img.tag!.slice(0, r.start)))) return true;
  // A repository built from variables (${REGISTRY}/app) is judged where it renders; unrenderable, it is taken for ours as before.
  const repository = findVarRefs(img.repository).length > 0 ? rendered(img.repository, ctx.vars) : img.repository;
  if (repository === undefined || repository === '' || findVarRefs(repository).length > 0) return true;
  return ctx.ownPrefixes.some((p) => repository === p || repository.startsWith(`${p}/`));
}

/** A service running an image of ours (built by CI, under our prefix, or tagged by the deploy). */
export function runsOwnImage(s: ServiceView, ctx: RuleContext): boolean {
  const image = s.str('image');
  return image === undefined ? ctx.builtServices.has(s.name) : isOwnImage(s, parseImage(image), ctx);
}

function imagesOf(ctx: RuleContext): { s: ServiceView; image: string; img: ImageRef }[] {
  return ctx.services.flatMap((s) => {
    const image = s.str('image');
    return image ? [{ s, image, img: parseImage(image) }] : [];
  });
}

export function checkImageImmutable(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const { s, image, img } of imagesOf(ctx)) {
    if (!isOwnImage(s, img, ctx)) continue;
    if (img.digest && DIGEST.test(img.digest)) continue;
    if (img.tag !== undefined && isImmutableTag(img.tag)) continue;
    const what = img.tag === undefined ? 'has no tag (so it means latest)' : `has the mutable tag "${img.tag}"`;
    out.push({
      service: s.name,
      message: `service "${s.name}": image "${image}" ${what}; use a sha-<40 hex> tag, a variable the deploy fills (:\${IMAGE_TAG} or :sha-\${COMPOSE_DEPLOY_SHA}) or an @sha256: digest`,
      loc: s.loc('image'),
    });
  }
  return out;
}

/** A release date in a tag: 2024-06-13 or 20240125, not part of a longer number. */
/** A release channel with its build number: stable-9955, release-4321. */
const BUILD_TAG = /^[a-z]+-\d{4,}$/;
const DATED_TAG = /(^|\D)(19|20)\d{2}(-\d{2}-\d{2}|\d{4})(?!\d)/;

export function checkImagePinned(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const { s, image, img } of imagesOf(ctx)) {
    if (isOwnImage(s, img, ctx)) continue;
    // Judged as Compose renders it with the env file; one that does not render is the render's finding.
    const text = findVarRefs(image).length > 0 ? rendered(image, ctx.vars) : image;
    if (text === undefined) continue;
    const ref = parseImage(text);
    if (ref.digest && DIGEST.test(ref.digest)) continue;
    // At least a major version: the tag starts with a number (16, 7.2-alpine, v2.7), or is a dated
    // release, which pins exactly (RELEASE.2024-06-13T22-53-53Z, jammy-20240125).
    if (ref.tag !== undefined && ref.tag !== 'latest' && (/^v?[0-9]/.test(ref.tag) || DATED_TAG.test(ref.tag) || BUILD_TAG.test(ref.tag))) continue;
    // The rendered value is not repeated: it came from the env file.
    const what = text !== image ? 'names no version once rendered with the set\'s variables'
      : ref.tag === undefined ? 'has no tag (so it means latest)' : ref.tag === 'latest' ? 'uses latest' : `tag "${ref.tag}" names no version`;
    out.push({
      service: s.name,
      message: `service "${s.name}": third-party image "${image}" ${what}; pin at least the major version (e.g. ${img.repository}:<major>) or a digest`,
      loc: s.loc('image'),
    });
  }
  return out;
}
