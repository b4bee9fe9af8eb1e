// Which files a command line names: files as given, folders expanded to the articles in them.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Article file endings the readers know. */
export const ARTICLE_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.json', '.html', '.htm'];

/** Files and folders → the article files, folders expanded (sorted, not recursive, hidden files skipped). */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = (await readdir(input)).filter((name) => !name.startsWith('.') && ARTICLE_EXTENSIONS.includes(path.extname(name).toLowerCase()));
      files.push(...names.sort().map((name) => path.join(input, name)));
    } else {
      files.push(input); // a missing file is reported by the reader, as one failure of the batch
    }
  }
  return files;
}
