import { scalarString, type LNode } from '../../compose/model.js';

/*
 * What a service's command says about it: whether it finishes (a job) or stays (a server). Read as
 * shell text: list items joined, a `sh -c` wrapper unwrapped, steps split on && || ; and new lines.
 */

/** A command or entrypoint as one text: list items joined with spaces. */
export function commandWords(n: LNode | undefined): string {
  return n?.kind === 'seq' ? n.items.map((i) => scalarString(i) ?? '').join(' ') : scalarString(n) ?? '';
}

const SHELL_WRAPPER = /^\s*(?:\S*\/)?(?:sh|bash|ash|dash|zsh)\s+(?:-\w*\s+)*-\w*c\w*\s+/;

/** The command as the shell runs it: the entrypoint when it is a shell given the command, the command, or the entrypoint alone. */
export function shellText(entrypoint: LNode | undefined, command: LNode | undefined): string {
  const entry = commandWords(entrypoint);
  const cmd = commandWords(command);
  const text = SHELL_WRAPPER.test(`${entry} `) ? `${entry} ${cmd}` : cmd || entry;
  return text.replace(SHELL_WRAPPER, '').replace(/^["']|["']$/g, '');
}

export function commandSteps(text: string): string[] {
  return text.split(/&&|\|\||;|\n/).map((s) => s.trim()).filter(Boolean);
}

/** Programs that do their work and exit. */
const FINITE_PROGRAMS = new Set(['chown', 'chmod', 'chgrp', 'cp', 'mv', 'rm', 'mkdir', 'ln', 'touch', 'tar', 'rsync', 'install', 'sed', 'envsubst', 'cat', 'true', 'exit', 'find', 'unzip', 'gzip', 'gunzip', 'setfacl', 'wget', 'curl']);
/** Steps that neither decide nor run anything: setup of the shell itself, waiting, printing. */
const NEUTRAL_PROGRAMS = new Set(['cd', 'set', 'export', 'echo', 'printf', 'sleep', 'umask', 'test', '[', 'source', '.', 'ls', 'whoami', 'id', 'env']);
/**
 * A step that builds, installs, migrates or seeds: finite work whatever runs it
 * (`npm run build`, `npx prisma migrate deploy`, `node seed.js`, `bin/rails db:prepare`, `manage.py collectstatic`).
 */
const FINITE_WORK = [
  /\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?(?:build|install|ci|generate|export)\b/,
  /\b(?:vite|next|nuxt|ng|tsc|webpack|astro|gatsby|hugo)\s+(?:build|export|generate)\b/,
  /\b(?:composer|pip3?|bundle|poetry|uv)\s+(?:install|sync)\b/,
  /\bmigrat(?:e|ions?)\b/i,
  /\bseed(?:s|er)?\b/i,
  /\b(?:collectstatic|compilemessages|loaddata|fixtures?|createsuperuser)\b/,
  /\bdb:(?:create|migrate|seed|setup|prepare|schema:load)\b/,
  /\bdoctrine:(?:migrations|schema|fixtures)/,
];

type StepKind = 'finite' | 'neutral' | 'server';

function stepKind(step: string): StepKind {
  const words = step.replace(/^exec\s+/, '').split(/\s+/);
  // `VAR=value cmd`: the program is the first word that is not an assignment.
  const program = (words.find((w) => !/^\w+=/.test(w)) ?? '').replace(/^.*\//, '');
  if (NEUTRAL_PROGRAMS.has(program)) return 'neutral';
  // `npm run build:watch`, `vite build --watch`: a build that keeps watching stays.
  if (/\bwatch\b|(?:^|\s)-w(?:\s|$)/.test(step)) return 'server';
  if (FINITE_PROGRAMS.has(program) || FINITE_WORK.some((re) => re.test(step))) return 'finite';
  return 'server';
}

/**
 * A command that finishes: it does finite work and what it runs last is finite too. `migrate && gunicorn`
 * ends in a server; `prisma migrate deploy && node seed.js`, `chown -R 1000 /data`, `npm run build` end.
 */
export function commandFinishes(text: string): boolean {
  // `while true; do …; done` repeats for ever, whatever it runs.
  if (/\bwhile\s+(?:true|:|\[\s*1\s*\])\s*[;\n]/.test(text)) return false;
  const kinds = commandSteps(text).map(stepKind).filter((k) => k !== 'neutral');
  return kinds.length > 0 && kinds.at(-1) === 'finite';
}
