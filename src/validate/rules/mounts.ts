import { scalarString, type LNode } from '../../compose/model.js';
import type { SourceLocation } from '../../errors.js';
import type { RawFinding } from '../findings.js';
import { rendered, type RuleContext } from './context.js';
import { splitVolume } from './edge.js';
import { findVarRefs } from '../../compose/model-vars.js';
import { isHostShellVariable } from '../../compose/host-shell.js';

export function checkNoBuild(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => s.has('build')).map((s) => {
    const image = s.str('image');
    return {
      service: s.name,
      message: image
        ? `service "${s.name}" has build: in the prod set, but its image "${image}" comes from the registry; keep build: in the dev files only`
        : `service "${s.name}" is built on the host in the prod set; push an image from CI and reference it with image: instead`,
      loc: s.loc('build'),
    };
  });
}

export interface BindMount {
  /** As rendered with the set's variables (`${SRC:-.}` is `.`); `${PWD}` is kept for isSourceTree. */
  source: string;
  /** As written, for messages. */
  written: string;
  loc: SourceLocation;
}

/**
 * Bind mounts of a service, short (`./src:/app`) or long (`type: bind`) syntax, judged by the rendered
 * source: the short syntax is split on the colons outside `${…}` (`${SOCK:-/var/run/docker.sock}:/var/run/docker.sock`).
 */
export function bindMounts(volumes: LNode | undefined, vars: RuleContext['vars']): BindMount[] {
  if (volumes?.kind !== 'seq') return [];
  const source = (written: string) => renderedSource(written, vars);
  return volumes.items.flatMap((item): BindMount[] => {
    if (item.kind === 'scalar') {
      const written = splitVolume(scalarString(item) ?? '');
      const src = written.length < 2 ? undefined : source(written[0]!);
      // One part is an anonymous volume; a source without "/" or "." or "~" is a named volume.
      if (src === undefined || !/^[./~$]/.test(src)) return [];
      return [{ source: src, written: written[0]!, loc: item.loc }];
    }
    if (item.kind === 'map') {
      const type = scalarString(item.entries.get('type')?.value);
      const written = scalarString(item.entries.get('source')?.value);
      const src = written === undefined ? undefined : source(written);
      if (type === 'bind' && src) return [{ source: src, written: written!, loc: item.loc }];
    }
    return [];
  });
}

/** The source with the set's variables filled; the deploy's shell variables (${PWD}) stay as written, as isSourceTree reads them. */
function renderedSource(written: string, vars: RuleContext['vars']): string | undefined {
  const shell = new Map(vars);
  for (const r of findVarRefs(written)) if (isHostShellVariable(r.name)) shell.set(r.name, `\${${r.name}}`);
  return rendered(written, shell);
}

export const DOCKER_SOCKET = /(^|\/)docker\.sock$/;

export function checkNoDockerSocket(ctx: RuleContext): RawFinding[] {
  return ctx.services.flatMap((s) =>
    ctx.allowDockerSocket.has(s.name)
      ? []
      : bindMounts(s.get('volumes'), ctx.vars)
          .filter((m) => DOCKER_SOCKET.test(m.source))
          .map((m) => ({
            service: s.name,
            message: `service "${s.name}" mounts the Docker socket (${m.written}); if it really needs it, list it in validate.allow-docker-socket`,
            loc: m.loc,
          })),
  );
}

export function checkNoSourceMount(ctx: RuleContext): RawFinding[] {
  return ctx.services.flatMap((s) =>
    ctx.allowSourceMounts.has(s.name)
      ? []
      : bindMounts(s.get('volumes'), ctx.vars)
          .filter((m) => !DOCKER_SOCKET.test(m.source) && ctx.isSourceTree(m.source))
          .map((m) => ({
            service: s.name,
            message: `service "${s.name}" bind-mounts the source tree (${m.written}) in prod, so it runs the host's files instead of the image; keep such mounts in the dev override`,
            loc: m.loc,
          })),
  );
}
