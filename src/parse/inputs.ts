// Which files a command line names: files as given, folders expanded to the articles in them.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Article file endings the readers know. */
export const ARTICLE_EXTENSIONS = Object.freeze(['.txt', '.text', '.md', '.markdown', '.json', '.html', '.htm']);

/** Files and folders → the article files, folders expanded (sorted, not recursive, hidden files skipped). */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) {
      // Folders inside are not articles; anything else named like one is, and a FIFO or socket among them
      // is refused by the reader with its name (it never blocks: parse/index.ts opens without waiting).
      const entries = await readdir(input, { withFileTypes: true });
      const names = entries.filter((entry) => !entry.name.startsWith('.') && ARTICLE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && !entry.isDirectory());
      files.push(...names.map((entry) => entry.name).sort().map((name) => path.join(input, name)));
    } else {
      files.push(input); // a missing file is reported by the reader, as one failure of the batch
    }
  }
  return files;
}
