/** A mistake in the user's input or options: reported as one line, never as a stack trace. */
export class UserError extends Error {
  override name = 'UserError';

  constructor(message: string) {
    // One line, whatever the library whose message is quoted put in it.
    super(message.replace(/\s*[\r\n]+\s*/g, ' '));
  }
}

/** Where recoverable oddities (dropped controls, missing glyphs) are reported. */
export interface Diagnostics {
  /** Reports one recoverable oddity; the build prefixes the input file's name when the message lacks it. */
  warn(message: string): void;
}

export const silentDiagnostics: Diagnostics = { warn: () => {} };
