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

/** Substitutes variables as Compose does; a `${VAR:?msg}` whose variable is missing throws. */
export function interpolate(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(REF, (whole, braced?: string, op?: string, arg?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = env.get(name);
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    switch (op) {
      case ':-': return nonEmpty ? value! : interpolate(arg ?? '', env);
      case '-': return set ? value! : interpolate(arg ?? '', env);
      case ':?': if (!nonEmpty) throw new InterpolationError(`required variable ${name} is missing a value${arg ? `: ${arg}` : ''}`); return value!;
      case '?': if (!set) throw new InterpolationError(`required variable ${name} is missing a value${arg ? `: ${arg}` : ''}`); return value!;
      case ':+': return nonEmpty ? interpolate(arg ?? '', env) : '';
      case '+': return set ? interpolate(arg ?? '', env) : '';
      default: return value ?? '';
    }
  });
}
