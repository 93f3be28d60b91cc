/** Exit codes are part of the public interface: 0 success, 1 the operation failed, 2 bad input (nothing executed). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * A value as an error message shows it: JSON-quoted (a newline or NUL shows as an escape, not as a
 * line of its own) and cut to its first characters, so a megabyte of input is not a megabyte of log.
 */
export function shownValue(value: string, max = 80): string {
  if (value.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)`;
}

/** Bad input or configuration, detected before anything ran. */
export class InputError extends Error {
  override name = 'InputError';
  readonly exitCode = EXIT_BAD_INPUT;
  /** Where the problem is, when it comes from a file. */
  readonly location?: SourceLocation;
  /** The message without its location prefix, for annotations that carry the location themselves. */
  readonly detail: string;
  constructor(message: string, location?: SourceLocation) {
    super(location ? `${formatLocation(location)}: ${message}` : message);
    this.location = location;
    this.detail = message;
  }
}

/** The operation was attempted and failed (host key mismatch, deploy rolled back, restore did not verify). */
export class OperationError extends Error {
  override name = 'OperationError';
  readonly exitCode = EXIT_FAILED;
}

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  return loc.column === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.column}`;
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof InputError || err instanceof OperationError) return err.exitCode;
  return EXIT_FAILED;
}
