// Results of deterministic, costly steps kept on disk between runs: font subsets (hb-subset compiles
// lazily and Amiri's GSUB closure is large: ~0.3 s the first time in a process) and the deflated
// embedded fonts of the EPUB and DOCX packages (~15 ms each). A run over one article is well under a
// second, so reading the bytes instead is worth it. Every key names all the inputs of its step (tool
// version included), so a hit gives the bytes a miss would: outputs stay byte-identical either way.
// Best effort: a cache that cannot be read or written is simply not used.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
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
 * version) among the results of one `kind` of step.
 */
export function cacheFile(folder: string, kind: string, key: string, extension = ''): string {
  return path.join(folder, kind, `${createHash('sha256').update(key).digest('hex')}${extension}`);
}

/**
 * The bytes `compute` makes, kept on disk as the `kind` result that `key` describes (see cacheFile): read
 * back when present and intact, else computed and stored. Without a cache folder, simply computed.
 */
export function cachedOnDisk(kind: string, key: string, compute: () => Uint8Array, extension = ''): Uint8Array {
  const folder = cacheFolder();
  if (folder === undefined) return compute();
  const file = cacheFile(folder, kind, key, extension);
  const stored = readCached(file);
  if (stored) return stored;
  const bytes = compute();
  writeCached(file, bytes);
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

// Every entry ends with the SHA-256 of what precedes it, so a damaged file reads as a miss.
const DIGEST_LENGTH = 32;

export function readCached(file: string): Uint8Array | undefined {
  let stored: Uint8Array;
  try {
    stored = readBytes(file);
  } catch {
    return undefined;
  }
  if (stored.length <= DIGEST_LENGTH) return undefined;
  const body = stored.subarray(0, stored.length - DIGEST_LENGTH);
  const digest = createHash('sha256').update(body).digest();
  if (!digest.equals(stored.subarray(stored.length - DIGEST_LENGTH))) return undefined;
  try {
    const now = new Date();
    utimesSync(file, now, now); // recently used: the last to be pruned
  } catch {
    // read-only cache: still a hit
  }
  return body;
}

/**
 * Entries one kind of result may keep. A batch over an archive adds a PDF subset per article (and the
 * zip writer an entry per large image), so each folder is pruned back to LIMIT_AFTER_PRUNING entries,
 * least recently used first, once it holds more than this.
 */
export const ENTRY_LIMIT = 512;
const LIMIT_AFTER_PRUNING = 384;

function prune(folder: string): void {
  const names = readdirSync(folder).filter((name) => !name.endsWith('.tmp'));
  if (names.length <= ENTRY_LIMIT) return;
  const entries = names.map((name) => {
    const file = path.join(folder, name);
    return { file, used: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 };
  });
  entries.sort((a, b) => a.used - b.used);
  for (const { file } of entries.slice(0, entries.length - LIMIT_AFTER_PRUNING)) {
    try {
      unlinkSync(file);
    } catch {
      // another process pruned it first
    }
  }
}

export function writeCached(file: string, bytes: Uint8Array): void {
  // Unique per writer: a batch's worker threads may write the same entry at once.
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const digest = createHash('sha256').update(bytes).digest();
    writeFileSync(temporary, Buffer.concat([bytes, digest]));
    renameSync(temporary, file);
    prune(path.dirname(file));
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
  }
}
