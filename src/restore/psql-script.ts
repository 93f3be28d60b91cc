/*
 * A plain dump is a psql script: besides SQL it may hold psql's own backslash commands, and `\!` runs a
 * shell, `\o |cmd` and `\copy … program` run programs, `\i` reads files, all as the user running psql.
 * pg_dump writes three of them (`\connect`, and from 17.6/16.10/… `\restrict` and `\unrestrict`); a
 * dump holding any other was not written by pg_dump, and is refused before anything runs. So is a
 * `COPY … PROGRAM`, which runs a program as the server's user (pg_dump writes `COPY … FROM stdin`).
 *
 * psql starts a backslash command anywhere outside quotes and comments, not only at a line start, so
 * the script is read the way psql's lexer reads it: strings ('…', E'…', "…"), dollar quoting
 * ($tag$…$tag$), comments (-- and nested /* *\/) and the data lines of `COPY … FROM stdin`, which end
 * at a line holding `\.`.
 */

export interface ScriptProblem {
  line: number;
  what: string;
}

/** The backslash commands pg_dump writes into plain dumps. */
const PG_DUMP_META = new Set(['connect', 'c', 'restrict', 'unrestrict']);
/** More problems than this are not worth listing: the dump is refused at the first. */
const MAX_PROBLEMS = 10;
/** What is kept of a statement to recognise COPY: its start is enough, and a huge INSERT stays cheap. */
const MAX_STATEMENT = 64 * 1024;

type State = { kind: 'sql' } | { kind: 'single'; escapes: boolean } | { kind: 'double' } | { kind: 'dollar'; tag: string } | { kind: 'block'; depth: number } | { kind: 'copy-data' };

export class PsqlScriptScanner {
  readonly problems: ScriptProblem[] = [];
  private state: State = { kind: 'sql' };
  private statement = '';
  private lineNo = 0;

  /** One line of the script, without its line break. */
  line(text: string): void {
    this.lineNo++;
    if (this.problems.length >= MAX_PROBLEMS) return;
    if (this.state.kind === 'copy-data') {
      if (text === '\\.') this.state = { kind: 'sql' };
      return;
    }
    let i = 0;
    while (i < text.length) {
      const st = this.state as State;
      const c = text[i]!;
      if (st.kind === 'copy-data') return;
      if (st.kind === 'single') {
        if (st.escapes && c === '\\') i += 2;
        else if (c === "'") {
          if (text[i + 1] === "'") i += 2;
          else {
            this.state = { kind: 'sql' };
            i++;
          }
        } else i++;
        continue;
      }
      if (st.kind === 'double') {
        if (c === '"') this.state = { kind: 'sql' };
        i++;
        continue;
      }
      if (st.kind === 'dollar') {
        const end = text.indexOf(st.tag, i);
        if (end < 0) return;
        this.state = { kind: 'sql' };
        i = end + st.tag.length;
        continue;
      }
      if (st.kind === 'block') {
        if (c === '*' && text[i + 1] === '/') {
          this.state = st.depth > 1 ? { kind: 'block', depth: st.depth - 1 } : { kind: 'sql' };
          i += 2;
        } else if (c === '/' && text[i + 1] === '*') {
          this.state = { kind: 'block', depth: st.depth + 1 };
          i += 2;
        } else i++;
        continue;
      }
      // Plain SQL.
      if (c === '-' && text[i + 1] === '-') break;
      if (c === '/' && text[i + 1] === '*') {
        this.state = { kind: 'block', depth: 1 };
        i += 2;
        continue;
      }
      if (c === "'") {
        const prev = text[i - 1];
        this.state = { kind: 'single', escapes: prev === 'E' || prev === 'e' };
        this.add(c);
        i++;
        continue;
      }
      if (c === '"') {
        this.state = { kind: 'double' };
        i++;
        continue;
      }
      if (c === '$') {
        const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
        const prev = text[i - 1];
        if (m && !(prev && /[A-Za-z0-9_$]/.test(prev))) {
          this.state = { kind: 'dollar', tag: m[0] };
          i += m[0].length;
          continue;
        }
      }
      if (c === '\\') {
        const name = /^\\([^\s\\]*)/.exec(text.slice(i))![1]!;
        if (!PG_DUMP_META.has(name)) {
          this.problems.push({ line: this.lineNo, what: `the psql command \\${name.slice(0, 20)}` });
          return;
        }
        // A backslash command takes the rest of the line as its arguments.
        return;
      }
      if (c === ';') {
        this.endStatement();
        i++;
        continue;
      }
      this.add(c);
      i++;
    }
    this.add(' ');
  }

  /** Problems, after the last line: an unterminated COPY data block is not one (psql ends it at the end of input). */
  finish(): ScriptProblem[] {
    return this.problems;
  }

  private add(c: string): void {
    if (this.statement.length < MAX_STATEMENT) this.statement += c;
  }

  private endStatement(): void {
    const s = this.statement.trim();
    this.statement = '';
    if (!/^COPY\b/i.test(s)) return;
    if (/\b(FROM|TO)\s+PROGRAM\b/i.test(s)) this.problems.push({ line: this.lineNo, what: 'COPY … PROGRAM (a program run by the server)' });
    else if (/\bFROM\s+STDIN\b/i.test(s)) this.state = { kind: 'copy-data' };
  }
}

/** The problems of a whole script given as text (tests, small dumps). */
export function scriptProblems(text: string): ScriptProblem[] {
  const s = new PsqlScriptScanner();
  for (const line of text.split(/\r?\n/)) s.line(line);
  return s.finish();
}
