// Where a document may read from, the way Typst's --root and pandoc's --sandbox work: the folders of its
// root and nothing else, whatever a path in the input says (.., an absolute path, a file: URL, a
// symlink). And what may be read: regular files only (never a device, a FIFO or a socket, which hang or
// never end), up to a size.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders a document's reads are confined to. */
export interface ReadRoot {
  /** Real paths (symlinks resolved) of the folders reads may come from, subfolders included. */
  folders: readonly string[];
  /** Reads anywhere the process can read (--allow-outside): the user vouches for the input. */
  unrestricted: boolean;
}

/** A root of these folders (resolved to real paths; a folder that does not exist confines to nothing). */
export function readRoot(folders: readonly string[], unrestricted = false): ReadRoot {
  const real = folders.flatMap((folder) => {
    try {
      return [realpathSync(path.resolve(folder))];
    } catch {
      return [];
    }
  });
  return { folders: Object.freeze(real), unrestricted };
}

/** What a local reference names: a path relative to `base` or absolute, or a file: URL; undefined for other schemes. */
export function localPath(reference: string, base: string): string | undefined {
  if (/^file:/i.test(reference)) {
    try {
      return fileURLToPath(reference);
    } catch {
      return undefined;
    }
  }
  // Any other scheme (http:, data:, …) is remote or inline: never fetched. "C:\…" is a path, though.
  if (/^[a-z][a-z0-9+.-]+:/i.test(reference) && !/^[a-z]:[\\/]/i.test(reference)) return undefined;
  return path.resolve(base, reference);
}

/** Why a file cannot be read, as a predicate: "not found (looked at …)", "cannot be read (EACCES, …)". */
function unreadable(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? `not found (looked at ${file})` : `cannot be read (${code ?? 'error'}, ${file})`;
}

/** Whether `file` is one of `folders` or lies below one (by the paths as given: resolve them first). */
export function isWithin(file: string, folders: readonly string[]): boolean {
  return folders.some((folder) => file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep));
}

/** Why a path may not be read under `root` (a predicate, see unreadable), or undefined when it may: checked on its real path. */
export function outsideRoot(file: string, root: ReadRoot): string | undefined {
  if (root.unrestricted) return undefined;
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    return unreadable(file, error);
  }
  return isWithin(real, root.folders) ? undefined : `is outside the folders this document may read (${file}; see --root and --allow-outside)`;
}

/** A file read whole, or why it was not (a predicate naming the file: "not found (looked at …)"). */
export type ReadResult =
  | {
      /** The file's bytes. */
      bytes: Buffer;
      /** Absent: it was read. */
      problem?: undefined;
    }
  | {
      /** Absent: it was not read. */
      bytes?: undefined;
      /** Why not, a predicate naming the file: "not found (looked at …)". */
      problem: string;
    };

/**
 * The bytes of a regular file of at most `limit` bytes. Opened without blocking and checked on the open
 * descriptor, so a FIFO or a device named like an image is refused at once instead of hanging or never
 * ending (/dev/zero), and a file swapped after a check is still the one checked.
 */
export function readRegularFile(file: string, limit: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: unreadable(file, error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: `is not a regular file (${file} is a device, FIFO, socket or folder)` };
    if (stat.size > limit) return { problem: `is too large (${file}: ${formatBytes(stat.size)}, more than the limit of ${formatBytes(limit)})` };
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read) };
  } catch (error) {
    return { problem: unreadable(file, error) };
  } finally {
    closeSync(fd);
  }
}

/** A size as people read it: 12 MB, 340 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** A local file under `root`: the reference resolved, confined, and read as a regular file. */
export function readConfined(reference: string, base: string, root: ReadRoot, limit: number): ReadResult & { file?: string } {
  const file = localPath(reference, base);
  if (file === undefined) return { problem: 'is not a local file; warraq never downloads' };
  const outside = outsideRoot(file, root);
  if (outside !== undefined) return { problem: outside, file };
  return { ...readRegularFile(file, limit), file };
}
