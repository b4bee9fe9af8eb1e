/** A mistake in the user's input or options: reported as one line, never as a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}

/** Where recoverable oddities (dropped controls, missing glyphs) are reported. */
export interface Diagnostics {
  warn(message: string): void;
}

export const silentDiagnostics: Diagnostics = { warn: () => {} };
