/**
 * Compose's variable syntax: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`; `$$` is a literal dollar.
 */
export interface VarRef {
  name: string;
  /** '' for a bare reference; otherwise the operator (":-", "-", ":?", "?", ":+", "+"). */
  op: string;
  /** The text after the operator (a default, an error message or an alternative). */
  arg: string;
  /** Offset of the `$` in the string. */
  start: number;
  end: number;
}

const REF = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function findVarRefs(text: string): VarRef[] {
  const out: VarRef[] = [];
  for (const m of text.matchAll(REF)) {
    if (m[0] === '$$') continue;
    const name = m[1] ?? m[4]!;
    out.push({ name, op: m[2] ?? '', arg: m[3] ?? '', start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** True when the reference has no fallback: an unset variable renders empty or fails. */
export function needsValue(ref: VarRef): boolean {
  return ref.op === '' || ref.op === ':?' || ref.op === '?';
}

export class InterpolationError extends Error {}

/**
 * The longest text one interpolation may produce. Each variable of an env file may repeat the one
 * before it (`B=$A$A…`): a few kilobytes of file would grow past what a string can hold. Compose
 * values are never this long; the excess is a finding at the line, not a crash.
 */
export const MAX_EXPANDED_LENGTH = 1024 * 1024;

export class ExpansionTooLarge extends InterpolationError {
  constructor() {
    super(`the value grows past ${MAX_EXPANDED_LENGTH / 1024} KiB once its variables are filled in (variables repeating each other); it is not expanded`);
  }
}

/**
 * Substitutes variables as Compose does; a `${VAR:?msg}` whose variable is missing throws. With
 * `onMissing`, nothing throws: a variable that has no fallback and no value (`$VAR` unset, `${VAR:?msg}`
 * unset or empty) renders empty and is handed to it, so the caller can say which.
 */
export function interpolate(text: string, env: ReadonlyMap<string, string>, onMissing?: (name: string) => void): string {
  const required = (name: string, arg: string | undefined): string => {
    if (!onMissing) throw new InterpolationError(`required variable ${name} is missing a value${arg ? `: ${arg}` : ''}`);
    onMissing(name);
    return '';
  };
  // What the substitutions add so far: checked before a string too long for the engine is built.
  let grown = text.length;
  const sized = (v: string): string => {
    grown += v.length;
    if (grown > MAX_EXPANDED_LENGTH) throw new ExpansionTooLarge();
    return v;
  };
  return text.replace(REF, (whole, braced?: string, op?: string, arg?: string, bare?: string) => sized(substitute(whole, braced, op, arg, bare)));
  function substitute(whole: string, braced?: string, op?: string, arg?: string, bare?: string): string {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = env.get(name);
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    switch (op) {
      case ':-': return nonEmpty ? value! : interpolate(arg ?? '', env, onMissing);
      case '-': return set ? value! : interpolate(arg ?? '', env, onMissing);
      case ':?': return nonEmpty ? value! : required(name, arg);
      case '?': return set ? value! : required(name, arg);
      case ':+': return nonEmpty ? interpolate(arg ?? '', env, onMissing) : '';
      case '+': return set ? interpolate(arg ?? '', env, onMissing) : '';
      default:
        if (!set) onMissing?.(name);
        return value ?? '';
    }
  }
}
