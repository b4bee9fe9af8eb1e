// Font files as the renderers read them: once per process, as regular files of a sane size (never a FIFO
// or a device), and only if they are fonts (support/font.ts). The PDF's shaper and the subsetter take one
// TrueType or OpenType face; EPUBs may also embed WOFF and WOFF2 files as they are.
import { sha256Hex } from '../support/disk-cache.js';
import { UserError } from '../support/errors.js';
import { checkFont, MAX_FONT_BYTES, type FontFormat } from '../support/font.js';
import { memo } from '../support/memo.js';
import { readRegularFile } from '../support/read-root.js';

/** A font file read and checked, or why it cannot be used. */
export type FontFileRead =
  | {
      /** The file's bytes. */
      bytes: Uint8Array;
      /** What its bytes say it is. */
      format: FontFormat;
      /** Absent: it may be used. */
      problem?: undefined;
    }
  | {
      /** Absent: it may not be used. */
      bytes?: undefined;
      /** Absent: it may not be used. */
      format?: undefined;
      /** Why not, a predicate naming the file: "is not a font (…) (file)", "not found (looked at …)". */
      problem: string;
      /** The same as an error's one line: "file: not a font (…)". */
      error: string;
    };

// Only fonts that could be used are kept: a file fixed while a long-lived host runs is read again.
const fontFiles = memo<string, { bytes: Uint8Array; format: FontFormat; digest?: string }>('font files', 64);

/** Why a font file cannot be used. */
interface Unusable {
  /** As a predicate naming the file, for a warning. */
  problem: string;
  /** As an error's one line. */
  error: string;
}

function usableFont(file: string): { bytes: Uint8Array; format: FontFormat; digest?: string } | Unusable {
  const known = fontFiles.get(file);
  if (known) return known;
  const read = readRegularFile(file, MAX_FONT_BYTES);
  if (read.bytes === undefined) return { problem: read.problem, error: `font file ${read.problem}` };
  const bytes = new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength);
  const checked = checkFont(bytes);
  if (checked.format === undefined) return { problem: `is ${checked.problem} (${file})`, error: `${file}: ${checked.problem}` };
  const font = { bytes, format: checked.format };
  fontFiles.set(file, font);
  return font;
}

/** A font file's bytes and format, or why it cannot be used: read once per process. */
export function loadFontFile(file: string): FontFileRead {
  const font = usableFont(file);
  return 'problem' in font ? { problem: font.problem, error: font.error } : { bytes: font.bytes, format: font.format };
}

/** A single TrueType or OpenType face's bytes, read once per process: the PDF's shaper and every subset share them. */
export function readFontFile(file: string): Uint8Array {
  return singleFace(file).bytes;
}

/** The digest that keys a font's subsets on disk, computed once per process. */
export function fontDigest(file: string): string {
  const font = singleFace(file);
  font.digest ??= sha256Hex(font.bytes);
  return font.digest;
}

function singleFace(file: string): { bytes: Uint8Array; format: FontFormat; digest?: string } {
  const font = usableFont(file);
  if ('problem' in font) throw new UserError(font.error);
  if (font.format === 'collection') throw new UserError(`${file}: a font collection (.ttc), not a single font; name one .ttf file`);
  if (font.format === 'woff' || font.format === 'woff2') throw new UserError(`${file}: WOFF fonts are for the web; give the PDF and the DOCX the .ttf or .otf file`);
  return font;
}
