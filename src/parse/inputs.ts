// Which files a command line names: files as given, folders expanded to the articles in them.
import { realpathSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostics } from '../support/errors.js';
import { isWithin, readRoot } from '../support/read-root.js';

/** Article file endings the readers know. */
export const ARTICLE_EXTENSIONS = Object.freeze(['.txt', '.text', '.md', '.markdown', '.json', '.html', '.htm']);

/** How folders are expanded. */
export interface ExpandOptions {
  /** Folders a folder's symlinked entries may also lead to (--root), beside the folder itself. */
  root?: readonly string[] | undefined;
  /** Let symlinked entries lead anywhere (--allow-outside). */
  allowOutside?: boolean | undefined;
  /** Where a skipped entry is told; none are reported when absent. */
  diagnostics?: Diagnostics | undefined;
}

/**
 * Files and folders → the article files, folders expanded (sorted, not recursive, hidden files skipped).
 * A folder's entry that is a symlink leading out of it (and out of `root`) is skipped with a warning: a
 * folder handed over as a batch must not read /etc/passwd for an "article.txt" in it.
 */
export async function expandInputs(inputs: readonly string[], options: ExpandOptions = {}): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) {
      // Folders inside are not articles; anything else named like one is, and a FIFO or socket among them
      // is refused by the reader with its name (it never blocks: parse/index.ts opens without waiting).
      const entries = await readdir(input, { withFileTypes: true });
      const names = entries.filter((entry) => !entry.name.startsWith('.') && ARTICLE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && !entry.isDirectory());
      const root = readRoot([input, ...(options.root ?? [])], options.allowOutside);
      const inside = names.filter((entry) => {
        if (!entry.isSymbolicLink() || root.unrestricted) return true;
        const file = path.join(input, entry.name);
        let real: string;
        try {
          real = realpathSync(file);
        } catch {
          return true; // a dangling link: the reader reports it, as one failure of the batch
        }
        if (isWithin(real, root.folders)) return true;
        options.diagnostics?.warn(`${input}: article "${file}" is a symlink to ${real}, outside the folder; skipped (see --root and --allow-outside)`);
        return false;
      });
      files.push(...inside.map((entry) => entry.name).sort().map((name) => path.join(input, name)));
    } else {
      files.push(input); // a missing file is reported by the reader, as one failure of the batch
    }
  }
  return files;
}
