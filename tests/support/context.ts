// What a renderer is handed in the tests: the default theme, the checkout as the resource folder, and one
// build date (2025-08-15 09:30 UTC, which the tests read back from the documents' metadata).
import type { Diagnostics } from '../../src/support/errors.js';
import { silentDiagnostics } from '../../src/support/errors.js';
import type { RenderContext } from '../../src/render/context.js';
import { loadTheme } from '../../src/theme/index.js';
import { ROOT } from './paths.js';

export const BUILD_DATE = new Date(Date.UTC(2025, 7, 15, 9, 30, 0));

/** Diagnostics that keep every warning, in order, for the test to look at. */
export interface Collector extends Diagnostics {
  messages: string[];
}

export function collector(): Collector {
  const messages: string[] = [];
  return { messages, warn: (message: string) => void messages.push(message) };
}

/** The default context, with whatever the test sets instead; warnings go nowhere unless it gives a collector. */
export function renderContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    theme: overrides.theme ?? loadTheme(),
    diagnostics: silentDiagnostics,
    resourceDir: ROOT,
    buildDate: BUILD_DATE,
    ...overrides,
  };
}
