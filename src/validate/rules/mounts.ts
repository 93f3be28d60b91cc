import { scalarString, type LNode } from '../../compose/model.js';
import type { SourceLocation } from '../../errors.js';
import type { RawFinding } from '../findings.js';
import type { RuleContext } from './context.js';

export function checkNoBuild(ctx: RuleContext): RawFinding[] {
  return ctx.services.filter((s) => s.has('build')).map((s) => {
    const image = s.str('image');
    return {
      message: image
        ? `service "${s.name}" has build: in the prod set, but its image "${image}" comes from the registry; keep build: in the dev files only`
        : `service "${s.name}" is built on the host in the prod set; push an image from CI and reference it with image: instead`,
      loc: s.loc('build'),
    };
  });
}

interface BindMount {
  source: string;
  loc: SourceLocation;
}

/** Bind mounts of a service, short (`./src:/app`) or long (`type: bind`) syntax. */
function bindMounts(volumes: LNode | undefined): BindMount[] {
  if (volumes?.kind !== 'seq') return [];
  return volumes.items.flatMap((item): BindMount[] => {
    if (item.kind === 'scalar') {
      const text = scalarString(item) ?? '';
      const parts = text.split(':');
      // One part is an anonymous volume; a source without "/" or "." or "$" or "~" is a named volume.
      if (parts.length < 2 || !/^[./~$]/.test(parts[0]!)) return [];
      return [{ source: parts[0]!, loc: item.loc }];
    }
    if (item.kind === 'map') {
      const type = scalarString(item.entries.get('type')?.value);
      const source = scalarString(item.entries.get('source')?.value);
      if (type === 'bind' && source) return [{ source, loc: item.loc }];
    }
    return [];
  });
}

const DOCKER_SOCKET = /(^|\/)docker\.sock$/;

export function checkNoDockerSocket(ctx: RuleContext): RawFinding[] {
  return ctx.services.flatMap((s) =>
    ctx.allowDockerSocket.has(s.name)
      ? []
      : bindMounts(s.get('volumes'))
          .filter((m) => DOCKER_SOCKET.test(m.source))
          .map((m) => ({
            message: `service "${s.name}" mounts the Docker socket (${m.source}); if it really needs it, list it in validate.allow-docker-socket`,
            loc: m.loc,
          })),
  );
}

export function checkNoSourceMount(ctx: RuleContext): RawFinding[] {
  return ctx.services.flatMap((s) =>
    ctx.allowSourceMounts.has(s.name)
      ? []
      : bindMounts(s.get('volumes'))
          .filter((m) => !DOCKER_SOCKET.test(m.source) && ctx.isSourceTree(m.source))
          .map((m) => ({
            message: `service "${s.name}" bind-mounts the source tree (${m.source}) in prod, so it runs the host's files instead of the image; keep such mounts in the dev override`,
            loc: m.loc,
          })),
  );
}
