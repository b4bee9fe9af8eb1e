// Where a document may read from, the way Typst's --root and pandoc's --sandbox work: the folders of its
// root and nothing else, whatever a path in the input says (.., an absolute path, a file: URL, a
// symlink). And what may be read: regular files only (never a device, a FIFO or a socket, which hang or
// never end), up to a size.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type BigIntStats } from 'node:fs';
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

/** A regular file, open: what fstat says of the descriptor, and its bytes when asked for. */
export interface OpenedFile {
  /** fstat of the open descriptor (nanosecond times): the very file that read() reads. */
  stat: BigIntStats;
  /** The whole file, read from the descriptor; only while the callback that was handed it runs. */
  read(): Buffer;
}

/** Why a file was not read; each caller words it for its own messages. */
export type Refusal =
  | {
      /** It could not be opened or read. */
      kind: 'error';
      /** The error of open(2) or read(2). */
      error: NodeJS.ErrnoException;
    }
  | {
      /** It is a device, FIFO, socket or folder. */
      kind: 'not regular';
      /** Whether it is a folder. */
      directory: boolean;
    }
  | {
      /** It is larger than the limit. */
      kind: 'too large';
      /** Its size in bytes. */
      size: number;
    };

/** What withRegularFile gives back: the callback's value, or why the file was refused. */
export type Opened<T> =
  | {
      /** What the callback made of the file. */
      value: T;
      /** Absent: the file was opened. */
      refused?: undefined;
    }
  | {
      /** Absent: the callback did not run, or its read failed. */
      value?: undefined;
      /** Why the file was not read. */
      refused: Refusal;
    };

/**
 * Hands `use` a regular file of at most `limit` bytes. Opened without blocking and checked on the open
 * descriptor, so a FIFO or a device named like a file is refused at once instead of hanging or never
 * ending (/dev/zero), and a file swapped after a check is still the one checked. `use` may leave the
 * bytes unread (a cache that knows the file by its stat).
 */
export function withRegularFile<T>(file: string, limit: number, use: (opened: OpenedFile) => T): Opened<T> {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { refused: { kind: 'error', error: error as NodeJS.ErrnoException } };
  }
  let readError: unknown;
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) return { refused: { kind: 'not regular', directory: stat.isDirectory() } };
    const size = Number(stat.size);
    if (size > limit) return { refused: { kind: 'too large', size } };
    const read = (): Buffer => {
      try {
        const bytes = Buffer.allocUnsafe(size);
        let done = 0;
        while (done < bytes.length) {
          const n = readSync(fd, bytes, done, bytes.length - done, done);
          if (n === 0) break;
          done += n;
        }
        return bytes.subarray(0, done);
      } catch (error) {
        readError = error;
        throw error;
      }
    };
    return { value: use({ stat, read }) };
  } catch (error) {
    // A failed read is a refusal; anything else the callback throws is its own.
    if (error !== undefined && error === readError) return { refused: { kind: 'error', error: error as NodeJS.ErrnoException } };
    throw error;
  } finally {
    closeSync(fd);
  }
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

/** A regular file of at most `limit` bytes read whole (withRegularFile), or its refusal in words. */
export function readRegularFile(file: string, limit: number): ReadResult {
  const opened = withRegularFile(file, limit, ({ read }) => read());
  return opened.refused === undefined ? { bytes: opened.value } : { problem: refusalProblem(file, limit, opened.refused) };
}

/** A refusal as the image loaders say it, a predicate naming the file: "not found (looked at …)". */
export function refusalProblem(file: string, limit: number, refusal: Refusal): string {
  switch (refusal.kind) {
    case 'error':
      return unreadable(file, refusal.error);
    case 'not regular':
      return `is not a regular file (${file} is a device, FIFO, socket or folder)`;
    case 'too large':
      return `is too large (${file}: ${formatBytes(refusal.size)}, more than the limit of ${formatBytes(limit)})`;
  }
}

/** A size as people read it: 12 MB, 340 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** What a local reference names under `root`: the file it resolves to, or why it may not be read. */
export type Confined =
  | {
      /** The file, resolved against the base; its real path lies under the root. */
      file: string;
      /** Absent: it may be read. */
      problem?: undefined;
    }
  | {
      /** The file it resolved to, when it is a local path at all. */
      file?: string | undefined;
      /** Why not, a predicate: "is not a local file; …", "is outside the folders …". */
      problem: string;
    };

/** The local file a reference names, resolved against `base` and confined to `root` (checked on its real path). */
export function confinedFile(reference: string, base: string, root: ReadRoot): Confined {
  const file = localPath(reference, base);
  if (file === undefined) return { problem: 'is not a local file; warraq never downloads' };
  const outside = outsideRoot(file, root);
  return outside === undefined ? { file } : { problem: outside, file };
}
