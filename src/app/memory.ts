// Peak memory for large inputs. Rendering a 2 MB article leaves ~100 MB of garbage per format; V8 grows
// the heap rather than collect it before the next renderer starts, so three formats in one process
// peaked near 350 MB where each alone stays near 250 MB. A full collection between formats costs tens of
// milliseconds, so it is only done for large inputs.
import { runInNewContext } from 'node:vm';
import { lazy } from '../support/memo.js';

/** Text length (UTF-16 units) from which a document counts as large. */
export const LARGE_TEXT = 256 * 1024;

// The command's entry (bin/warraq.js) sets --expose-gc; a library host decides for itself. The flag
// applies to contexts made after it is set, so gc is found in a new one.
const exposedGc = lazy('exposed gc', (): (() => void) | null => {
  try {
    const exposed: unknown = runInNewContext('gc');
    return typeof exposed === 'function' ? (exposed as () => void) : null;
  } catch {
    return null;
  }
});

/** A full garbage collection, if the process was started so that one can be asked for (the command is). */
export function collectGarbage(): void {
  exposedGc()?.();
}
