// Results of deterministic, costly steps kept on disk between runs: font subsets (hb-subset compiles
// lazily and Amiri's GSUB closure is large: ~0.3 s the first time in a process) and the deflated
// embedded fonts of the EPUB and DOCX packages (~15 ms each). A run over one article is well under a
// second, so reading the bytes instead is worth it. Every key names all the inputs of its step (tool
// version included), so a hit gives the bytes a miss would: outputs stay byte-identical either way.
// Best effort: a cache that cannot be read or written is simply not used.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * WARRAQ_CACHE_DIR names the folder ('' or 'off' turns the cache off); else $XDG_CACHE_HOME/warraq,
 * else ~/.cache/warraq.
 */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.WARRAQ_CACHE_DIR;
  if (chosen !== undefined) return chosen === '' || chosen === 'off' ? undefined : path.resolve(chosen);
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'warraq');
  try {
    return path.join(homedir(), '.cache', 'warraq');
  } catch {
    return undefined; // no home directory (some service accounts): no cache
  }
}

/**
 * The cache file for the result `key` describes (canonically and completely: inputs, options, tool
 * version) among the results of one `kind` of step. The entry itself also records the key's digest, so
 * an entry renamed or copied over another is a miss, never another input's result.
 */
export function cacheFile(folder: string, kind: string, key: string, extension = ''): string {
  return path.join(folder, kind, `${keyDigest(key).toString('hex')}${extension}`);
}

function keyDigest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/**
 * The bytes `compute` makes, kept on disk as the `kind` result that `key` describes (see cacheFile): read
 * back when present, intact and made for this key, else computed and stored. Without a cache folder,
 * simply computed.
 */
export function cachedOnDisk(kind: string, key: string, compute: () => Uint8Array, extension = ''): Uint8Array {
  const folder = cacheFolder();
  if (folder === undefined) return compute();
  const file = cacheFile(folder, kind, key, extension);
  const stored = readCached(file, key);
  if (stored) return stored;
  const bytes = compute();
  writeCached(file, key, bytes);
  return bytes;
}

/** A file's bytes as a plain Uint8Array over Node's buffer: a view, not a copy (fonts are hundreds of KB). */
export function readBytes(file: string): Uint8Array {
  const buffer = readFileSync(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// An entry: MAGIC, the SHA-256 of its key, the bytes, and the SHA-256 of all that precedes it, so a
// damaged file, a file of another key and a file warraq did not write all read as a miss.
const MAGIC = Buffer.from('warraq-cache 1\n');
const DIGEST_LENGTH = 32;
const HEADER_LENGTH = MAGIC.length + DIGEST_LENGTH;
/** File names the cache writes: a key digest and an extension. Nothing else in its folders is touched. */
const ENTRY_NAME = /^[0-9a-f]{64}(\.[a-z]+)?$/;
/** Temporary names of writers (see writeCached); left behind only by a writer that died. */
const TEMPORARY_NAME = /^[0-9a-f]{64}(\.[a-z]+)?\.[0-9]+\.[0-9a-f]{12}\.tmp$/;
/** A temporary file older than this belongs to a writer that died. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/** The bytes stored for `key` in `file`; undefined for a miss (absent, damaged, another key's, not ours). */
export function readCached(file: string, key: string): Uint8Array | undefined {
  let stored: Uint8Array;
  try {
    // Only a regular file: never a FIFO, a device or a symlink planted in the cache folder.
    if (!lstatSync(file).isFile()) return undefined;
    stored = readBytes(file);
  } catch {
    return undefined;
  }
  if (stored.length < HEADER_LENGTH + DIGEST_LENGTH) return undefined;
  const head = Buffer.from(stored.buffer, stored.byteOffset, HEADER_LENGTH);
  if (!head.subarray(0, MAGIC.length).equals(MAGIC) || !head.subarray(MAGIC.length).equals(keyDigest(key))) return undefined;
  const signed = stored.subarray(0, stored.length - DIGEST_LENGTH);
  const digest = createHash('sha256').update(signed).digest();
  if (!digest.equals(stored.subarray(stored.length - DIGEST_LENGTH))) return undefined;
  try {
    const now = new Date();
    utimesSync(file, now, now); // recently used: the last to be pruned
  } catch {
    // read-only cache: still a hit
  }
  return stored.subarray(HEADER_LENGTH, stored.length - DIGEST_LENGTH);
}

/**
 * Entries one kind of result may keep. A batch over an archive adds a PDF subset per article (and the
 * zip writer an entry per large image), so each folder is pruned back to LIMIT_AFTER_PRUNING entries,
 * least recently used first, once it holds more than this.
 */
export const ENTRY_LIMIT = 512;
const LIMIT_AFTER_PRUNING = 384;

/** Whether `file` is a regular file (not followed if a symlink) that begins as the cache's entries do. */
function isEntry(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const head = Buffer.alloc(MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function prune(folder: string): void {
  const now = Date.now();
  const entries: { file: string; used: number }[] = [];
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    const stat = lstatSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue; // symlinks, folders and special files are never followed nor removed
    if (TEMPORARY_NAME.test(name) && now - stat.mtimeMs > STALE_TEMPORARY_MS) removeQuietly(file);
    else if (ENTRY_NAME.test(name)) entries.push({ file, used: stat.mtimeMs });
  }
  if (entries.length <= ENTRY_LIMIT) return;
  entries.sort((a, b) => a.used - b.used);
  for (const { file } of entries.slice(0, entries.length - LIMIT_AFTER_PRUNING)) if (isEntry(file)) removeQuietly(file);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // another process removed it first
  }
}

/** Stores `bytes` as the entry of `key` in `file` (see readCached); a cache that cannot be written is skipped. */
export function writeCached(file: string, key: string, bytes: Uint8Array): void {
  // Unique per writer and created exclusively: worker threads may write the same entry at once, and a
  // name planted in advance (a symlink) is never followed.
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const signed = Buffer.concat([MAGIC, keyDigest(key), bytes]);
    const digest = createHash('sha256').update(signed).digest();
    writeFileSync(temporary, Buffer.concat([signed, digest]), { flag: 'wx' });
    renameSync(temporary, file);
    prune(path.dirname(file));
  } catch {
    removeQuietly(temporary);
  }
}
