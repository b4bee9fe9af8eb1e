// Peak memory for large inputs. Rendering a 2 MB article leaves ~100 MB of garbage per format; V8 grows
// the heap rather than collect it before the next renderer starts, so three formats in one process
// peaked near 350 MB where each alone stays near 250 MB. A full collection between formats costs tens of
// milliseconds, so it is only done for large inputs.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Text length (UTF-16 units) from which a document counts as large. */
export const LARGE_TEXT = 256 * 1024;

let gc: (() => void) | null | undefined;

/** A full garbage collection, if this V8 allows one to be asked for (it does unless flags were frozen). */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      // Exposing gc after start-up: the flag applies to contexts created from now on.
      setFlagsFromString('--expose-gc');
      const exposed: unknown = runInNewContext('gc');
      gc = typeof exposed === 'function' ? (exposed as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
