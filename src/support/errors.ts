/** A mistake in the user's input or options: reported as one line, never as a stack trace. */
export class UserError extends Error {
  override name = 'UserError';

  constructor(message: string) {
    // Kept as written, names included: the command prints it through printable(), on one line.
    super(message);
  }
}

/**
 * A mistake in how warraq was run (an option, the environment) rather than in any one input: found once,
 * before any file is read, and the command exits 2 as for a wrong command line.
 */
export class UsageError extends UserError {
  override name = 'UsageError';
}

/** Where recoverable oddities (dropped controls, missing glyphs) are reported. */
export interface Diagnostics {
  /** Reports one recoverable oddity; the build prefixes the input file's name when the message lacks it. */
  warn(message: string): void;
}

export const silentDiagnostics: Diagnostics = Object.freeze<Diagnostics>({ warn: () => {} });

/**
 * Text from file names and documents made safe to print on one terminal line: control characters, line
 * and paragraph separators and the bidi overrides, embeddings and isolates are written as \u{…}, so a
 * file named "a\nerror: x" cannot forge a line of the command's output, nor reorder it on screen.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}
