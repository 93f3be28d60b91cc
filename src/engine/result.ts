/** What every command returns to its front door. */
export interface CommandResult {
  /** false: the operation failed (exit 1) after doing what it could (e.g. rolled back). */
  ok: boolean;
  /** Action outputs / the CLI's --json object; values are strings as action outputs are. */
  outputs: Record<string, string>;
  /** Markdown for the step summary. */
  summary?: string;
  /** One paragraph saying why it failed, when ok is false. */
  message?: string;
}
