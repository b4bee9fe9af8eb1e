// Whether an outside tool the tests read outputs with (poppler, qpdf, LibreOffice…) is installed here.
import { spawnSync } from 'node:child_process';

export function has(tool: string): boolean {
  return spawnSync('which', [tool]).status === 0;
}
