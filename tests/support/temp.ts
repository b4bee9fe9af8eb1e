// Scratch files and folders: each fresh, in the system's temporary folder, removed when the test process
// ends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder of its own (directly under the temporary folder, so another user can be let in). */
export function tempDir(prefix = 'warraq-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes `bytes` as a file named exactly `name`, alone in a new folder, and returns its path. */
export function writeTemp(bytes: Uint8Array | string, name: string): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, bytes);
  return file;
}
