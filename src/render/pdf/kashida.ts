// Kashida justification (theme.justify === 'kashida'): Arabic words are stretched with tatweel before
// spaces are widened. Placeholder until the joining-aware version lands: stretches nothing.
import type { Itemized } from './itemize.js';
import type { SetPiece } from './justify.js';

export function kashidaJustifier(itemized: Itemized): (set: SetPiece[], extra: number) => number {
  void itemized;
  return () => 0;
}
