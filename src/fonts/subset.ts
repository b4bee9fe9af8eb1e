// Font subsetting with HarfBuzz's hb-subset (WebAssembly, shipped in the harfbuzzjs package), for all three
// documents: EPUB and DOCX faces keep GSUB/GPOS, so e-readers and word processors can still shape Arabic
// with them; the PDF's font programs keep only the glyphs it draws, under their own ids.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cachedOnDisk } from '../support/disk-cache.js';
import { UserError } from '../support/errors.js';
import { lazy, memo } from '../support/memo.js';
import { fontDigest, readFontFile } from './font-file.js';

interface SubsetExports {
  memory: { buffer: ArrayBuffer };
  _initialize?: () => void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, length: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_glyph_set(input: number): number;
  hb_subset_input_set(input: number, setType: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;

// The project's lib settings carry no DOM types; this is the sliver of the WebAssembly API used here.
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
const subsetter = lazy('hb-subset instance', (): SubsetExports => {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
  const module = new wasmApi.Module(readFileSync(path.join(dist, 'harfbuzz-subset.wasm')));
  const wasm = new wasmApi.Instance(module, {}).exports as unknown as SubsetExports;
  wasm._initialize?.();
  return wasm;
});

/** Characters every embedded Arabic-script font keeps, so an editor can still type in the document. */
export function editingRepertoire(): number[] {
  const ranges: [number, number][] = [
    [0x20, 0x7e], // Basic Latin
    [0xa0, 0xff], // Latin-1 punctuation and letters
    [0x0600, 0x06ff], // Arabic
    [0x200c, 0x200f], // ZWNJ, ZWJ, LRM, RLM
    [0x2010, 0x2027], // dashes, quotes, ellipsis
  ];
  return ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/** What to keep of a font. Unicodes pull in everything GSUB reaches from them; glyphs are taken as given. */
interface SubsetRequest {
  unicodes?: readonly number[];
  glyphs?: readonly number[];
  /** Keep every glyph under its original id (the unused ones become empty). */
  retainGlyphIds?: boolean;
  /** Table tags to leave out, besides those hb-subset drops by default. */
  dropTables?: readonly string[];
}

const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
const HB_SUBSET_FLAGS_RETAIN_GIDS = 0x2;
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;

function tag(name: string): number {
  return ((name.charCodeAt(0) << 24) | (name.charCodeAt(1) << 16) | (name.charCodeAt(2) << 8) | name.charCodeAt(3)) >>> 0;
}

/** A subset of `font` with the glyphs for `codePoints` and everything GSUB reaches from them. */
export function subsetFont(font: Uint8Array, codePoints: Iterable<number>): Uint8Array {
  return runSubset(font, { unicodes: [...codePoints] });
}

function runSubset(font: Uint8Array, request: SubsetRequest): Uint8Array {
  const hb = subsetter();
  const fontPointer = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, fontPointer);
  const blob = hb.hb_blob_create(fontPointer, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const codePoint of request.unicodes ?? []) hb.hb_set_add(unicodes, codePoint);
  const glyphs = hb.hb_subset_input_glyph_set(input);
  for (const glyph of request.glyphs ?? []) hb.hb_set_add(glyphs, glyph);
  const dropped = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const table of request.dropTables ?? []) hb.hb_set_add(dropped, tag(table));
  if (request.retainGlyphIds) hb.hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
  const subset = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  try {
    if (subset === 0) throw new Error('hb-subset failed');
    const result = hb.hb_face_reference_blob(subset);
    const offset = hb.hb_blob_get_data(result, 0);
    const length = hb.hb_blob_get_length(result);
    // Copy out: the wasm memory is reused by the next call.
    const bytes = new Uint8Array(hb.memory.buffer, offset, length).slice();
    hb.hb_blob_destroy(result);
    return bytes;
  } finally {
    if (subset !== 0) hb.hb_face_destroy(subset);
    hb.hb_face_destroy(face);
    hb.free(fontPointer);
  }
}

/** Bump when the subsetting inputs change meaning (HarfBuzz release, subset options). */
const SUBSET_FORMAT = 'hb-subset-1';

// Most entries are the shared repertoire subsets; each PDF adds its own glyph sets, so the cache is bounded.
const subsetCache = memo<string, Uint8Array>('font subsets', 32);

/**
 * runSubset over a font file, cached per process by file and request (a batch of articles that use the
 * same repertoire pays for hb-subset once per face) and on disk across runs (disk-cache.ts). `key`
 * names the request exactly: equal keys must mean equal subsets.
 */
function cachedSubset(file: string, key: string, request: SubsetRequest): Uint8Array {
  const memoryKey = `${file}\0${key}`;
  let subset = subsetCache.get(memoryKey);
  if (!subset) {
    subset = cachedOnDisk('subsets', `${SUBSET_FORMAT}\0${fontDigest(file)}\0${key}`, () => subsetOrRefuse(file, request), '.ttf');
    subsetCache.set(memoryKey, subset);
  }
  return subset;
}

/** runSubset over a font file; a font hb-subset cannot read is the user's to fix, so it is named. */
function subsetOrRefuse(file: string, request: SubsetRequest): Uint8Array {
  try {
    return runSubset(readFontFile(file), request);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${file}: this font cannot be subset (${(error as Error).message})`);
  }
}

/** A font file cut down to the characters `codePoints` (and what GSUB reaches from them). */
export function subsetFontFile(file: string, codePoints: Iterable<number>): Uint8Array {
  const unicodes = [...new Set(codePoints)].sort((a, b) => a - b);
  return cachedSubset(file, unicodesKey(unicodes), { unicodes });
}

function unicodesKey(sortedUnicodes: readonly number[]): string {
  return `unicodes ${sortedUnicodes.join(',')}`;
}

// A PDF draws glyphs by id and never shapes, so its font program needs outlines and metrics only.
const LAYOUT_TABLES = Object.freeze(['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'kern', 'morx', 'kerx']);

/**
 * The font program a PDF embeds for a TrueType font: the glyphs `glyphIds` (and their composite parts)
 * under their original ids, so the PDF's CIDToGIDMap names them directly, without layout tables.
 */
export function pdfFontProgram(file: string, glyphIds: readonly number[]): Uint8Array {
  const glyphs = [...new Set(glyphIds)].sort((a, b) => a - b);
  return cachedSubset(file, `pdf-glyphs ${glyphs.join(',')}`, { glyphs, retainGlyphIds: true, dropTables: LAYOUT_TABLES });
}

// Handed to the renderers and back: frozen, so no caller can change what every later document omits.
const NO_OMISSIONS: readonly number[] = Object.freeze([]);
const WITHOUT_TATWEEL: readonly number[] = Object.freeze([0x0640]);

/**
 * What the repertoire leaves out for a theme: the tatweel, unless the theme justifies with kashida (the
 * text's own tatweels always travel). LibreOffice stretches justified Arabic with kashida whenever the
 * font has the glyph, and its PDF export then writes those kashidas into the text as stray characters;
 * without it, it justifies by spaces as the theme asks and as Word does. E-readers never insert tatweel,
 * so the EPUB loses nothing, and both documents share one cached subset per face.
 */
export function repertoireOmissions(justify: 'inter-word' | 'kashida'): readonly number[] {
  return justify === 'kashida' ? NO_OMISSIONS : WITHOUT_TATWEEL;
}

/**
 * The face to embed in an editable or reflowable document (DOCX, EPUB): the characters the document uses
 * plus the editing repertoire less `omit`. Most articles fall inside the repertoire, so they share one
 * cached subset per face. Characters the font lacks are asked for too: hb-subset keeps only what the cmap
 * maps, so they change nothing but the cache key (reading the font's coverage first would cost more).
 */
export function embeddableFont(file: string, text: string, omit: readonly number[] = NO_OMISSIONS): Uint8Array {
  const repertoire = repertoireWithout(omit);
  const beyond = beyondRepertoire(omit, repertoire, text);
  if (beyond.length === 0) return cachedSubset(file, repertoire.key, { unicodes: repertoire.unicodes });
  return subsetFontFile(file, [...repertoire.unicodes, ...beyond]);
}

// Every face of a document, and the EPUB and the DOCX of one article, ask about the same text.
const outsideRepertoire = memo<string, readonly number[]>('font code points beyond the repertoire', 16);

/** The code points of `text` outside the repertoire less `omit`, in order of first use. */
function beyondRepertoire(omit: readonly number[], repertoire: Repertoire, text: string): readonly number[] {
  return outsideRepertoire.getOrMake(`${omit.join(',')}\0${text}`, () => {
    const beyond = new Set<number>();
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      if (!repertoire.codePoints.has(codePoint)) beyond.add(codePoint);
    }
    return Object.freeze([...beyond]);
  });
}

interface Repertoire {
  codePoints: ReadonlySet<number>;
  /** Sorted, as subsetFontFile asks for them. */
  unicodes: readonly number[];
  /** subsetFontFile's cache key for exactly these code points. */
  key: string;
}
// Every document of a batch asks for the same repertoire: its set and cache key are made once per list of
// omitted code points.
const repertoires = memo<string, Repertoire>('font editing repertoires', 8);

function repertoireWithout(omit: readonly number[]): Repertoire {
  return repertoires.getOrMake(omit.join(','), () => {
    const omitted = new Set(omit);
    const unicodes = editingRepertoire().filter((codePoint) => !omitted.has(codePoint));
    return { codePoints: new Set(unicodes), unicodes, key: unicodesKey(unicodes) };
  });
}
