// The canvas. The one module that touches pdfkit. pdfkit (pinned at 0.20.2) is used only as the
// document container: object numbering, page tree, stream compression, xref, image decoding. Text is never
// set through pdfkit's text API (its ToUnicode map and its default Helvetica are both wrong for us): fonts
// are embedded by font-embed.ts and lines written by text-layer.ts as raw content operators.
//
// pdfkit internals touched here, and only here: `_root` (catalog), `_id` (trailer /ID), `page.dictionary`,
// `page.resources`, `page.annotations`, `page.xobjects`, `ref()` / `PDFReference.write|end`, `addContent`,
// `image()`, and the flipped coordinate system pdfkit writes at the start of every page.
import PDFDocument from 'pdfkit';
import { createHash } from 'node:crypto';
import { XMP_PDFA, xmpInfo, xmpPdfx } from './xmp.js';
import { memo } from '../../../support/memo.js';

/** An indirect object of the document. Opaque outside this module. */
export interface PdfRef {
  /** Brands the type: only this module makes refs. */
  readonly __pdfRef: true;
}

/**
 * A PDF value as pdfkit serialises it: a JS string is a name, `pdfString()` a text string, a Uint8Array a
 * hex string, arrays and plain objects as such, refs by reference.
 */
export type PdfValue = string | number | boolean | null | PdfRef | PdfText | Uint8Array | Date | PdfValue[] | PdfDict;
export interface PdfDict {
  [key: string]: PdfValue | undefined;
}
/** A PDF text string (UTF-16BE when not ASCII). */
export type PdfText = {
  /** Brands the type: only pdfString() makes text strings. */
  readonly __pdfText: true;
};

export function pdfString(text: string): PdfText {
  // pdfkit writes String objects as literal strings, UTF-16BE with BOM when any character is above U+007F.
  return new String(text) as unknown as PdfText;
}

// Minimal view of the pdfkit objects we use; @types/pdfkit does not declare the internals.
interface KitRef {
  data: Record<string, unknown>;
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
}
interface KitPage {
  dictionary: KitRef;
  resources: KitRef;
  annotations: unknown[];
  xobjects: Record<string, unknown>;
  fonts: Record<string, unknown>;
  colorSpaces: Record<string, unknown>;
  height: number;
  width: number;
}
interface KitDoc {
  ref(data?: unknown): KitRef;
  addContent(data: string): unknown;
  addPage(options: unknown): unknown;
  image(src: string | Buffer | object, x: number, y: number, options: { width: number; height: number }): unknown;
  openImage(src: Buffer): object;
  on(event: string, listener: (chunk: Uint8Array) => void): unknown;
  end(): void;
  page: KitPage;
  _root: KitRef;
  outline: { dictionary: KitRef };
  _id: Uint8Array;
  info: Record<string, unknown>;
  /** Writes the document information into the XMP packet (pdfkit's own interpolates it unescaped). */
  _addInfo(): void;
  appendXML(xml: string, newline?: boolean): void;
}

/** What a new document is made with. */
export interface DocumentOptions {
  /** The information dictionary: title, author, dates, producer. */
  info: Record<string, string | Date>;
  /** BCP 47 tag for the catalog's /Lang. */
  lang: string;
  /** Page width in points, for the first page and every page after. */
  width: number;
  /** Page height in points, likewise. */
  height: number;
  /**
   * Room around the page on every side, in points (the press PDF's bleed and marks): the media is this
   * much larger and the page, the trim, sits in its middle. 0 when absent.
   */
  margin?: number | undefined;
  /** The PDF/X version the document claims ("PDF/X-4"): PDF 1.6, and GTS_PDFXVersion and Trapped in the Info and XMP. */
  pdfx?: string | undefined;
  /** Whether the document claims PDF/A-2b: its identification in the XMP (the output intent is archive.ts's). */
  pdfa?: boolean | undefined;
}

/** A name as the value of an Info entry: pdfkit writes every JS string there as a text string. */
class InfoName {
  constructor(private readonly name: string) {}
  // pdfkit serialises an object that is not a plain one with its toString().
  get [Symbol.toStringTag](): string {
    return 'InfoName';
  }
  toString(): string {
    return `/${this.name}`;
  }
}

/** A document being written. All coordinates here are PDF user space: origin bottom-left, y up. */
export class PdfCanvas {
  private readonly doc: KitDoc;
  private readonly chunks: Uint8Array[] = [];
  private readonly openedImages = new Map<Uint8Array, object>(); // by bytes: an image drawn again reuses its XObject
  private readonly done: Promise<void>;
  private pageOpen = false;
  private pageCount = 0;
  /** The page's (the trim's) width: what the content is laid out in. */
  readonly width: number;
  /** The page's (the trim's) height. */
  readonly height: number;
  /** Where the page's origin is on the media, in points, both ways: 0 unless the document has a margin. */
  readonly origin: number;
  private readonly mediaHeight: number;

  constructor(options: DocumentOptions) {
    this.width = options.width;
    this.height = options.height;
    this.origin = options.margin ?? 0;
    this.mediaHeight = this.height + 2 * this.origin;
    const Kit = PDFDocument as unknown as new (options: Record<string, unknown>) => KitDoc;
    // font: null keeps pdfkit from registering (and embedding) Helvetica; autoFirstPage off so every page
    // is ours; info replaces pdfkit's Producer/Creator/CreationDate (new Date()) wholesale.
    this.doc = new Kit({
      font: null,
      autoFirstPage: false,
      compress: true,
      // PDF/X-4 is PDF 1.6.
      pdfVersion: options.pdfx ? '1.6' : '1.7',
      info: options.info,
      lang: options.lang,
      // Creates the /ViewerPreferences object (pdfkit ends it itself); more keys are added through it.
      displayTitle: true,
      size: this.mediaSize,
      margin: 0,
    });
    // pdfkit fills in defaults after the options: remove what we did not ask for.
    for (const key of Object.keys(this.doc.info)) if (!(key in options.info)) delete this.doc.info[key];
    const pdfx = options.pdfx;
    if (pdfx) Object.assign(this.doc.info, { GTS_PDFXVersion: pdfx, Trapped: new InfoName('False') });
    // pdfkit writes the XMP with the title, author and keywords interpolated as they are: a title with
    // "&" made the packet malformed and a crafted one injected its own elements. Same packet, escaped.
    const doc = this.doc;
    doc._addInfo = () => {
      doc.appendXML(xmpInfo(options.info, options.lang));
      if (pdfx) doc.appendXML(xmpPdfx(pdfx, doc._id));
      if (options.pdfa) doc.appendXML(XMP_PDFA);
    };
    this.done = new Promise((resolve) => {
      this.doc.on('data', (chunk) => this.chunks.push(chunk));
      (this.doc as unknown as { on(e: 'end', f: () => void): void }).on('end', () => resolve());
    });
  }

  get catalog(): PdfDict {
    return this.doc._root.data as PdfDict;
  }

  /** The /ViewerPreferences dictionary (DisplayDocTitle already set). */
  get viewerPreferences(): PdfDict {
    return (this.doc._root.data.ViewerPreferences as KitRef).data as PdfDict;
  }

  /**
   * The root of the outline (pdfkit allocates it and writes it at the end whatever we do, so we use it
   * rather than leave an empty object behind). The caller fills it and links it from the catalog.
   */
  get outlineRoot(): { ref: PdfRef; data: PdfDict } {
    const root = this.doc.outline.dictionary;
    return { ref: root as unknown as PdfRef, data: root.data as PdfDict };
  }

  /**
   * An indirect object linked from the catalog under `key` that pdfkit itself writes at the end
   * (it does so for /StructTreeRoot and /MarkInfo): fill `data` any time before finish().
   */
  catalogObject(key: 'StructTreeRoot' | 'MarkInfo'): { ref: PdfRef; data: PdfDict } {
    const ref = this.doc.ref({});
    this.doc._root.data[key] = ref;
    return { ref: ref as unknown as PdfRef, data: ref.data as PdfDict };
  }

  /** Sets the trailer /ID: deterministic, derived from the document's content by the caller. */
  setFileId(seed: string): void {
    this.doc._id = new Uint8Array(createHash('md5').update(seed).digest());
  }

  ref(data: PdfDict = {}): PdfRef {
    return this.doc.ref(data) as unknown as PdfRef;
  }

  /** Sets the dictionary of a reserved object and writes it. */
  fill(ref: PdfRef, data: PdfDict, stream?: Uint8Array | string): void {
    const kit = ref as unknown as KitRef;
    Object.assign(kit.data, data);
    if (stream !== undefined) kit.write(typeof stream === 'string' ? Buffer.from(stream, 'latin1') : stream);
    kit.end();
  }

  /** A finished object (dictionary, optionally with a stream). */
  object(data: PdfDict, stream?: Uint8Array | string): PdfRef {
    const ref = this.ref({});
    this.fill(ref, data, stream);
    return ref;
  }

  /** A stream object whose data is already Flate-compressed (pdfkit must not compress it again). */
  compressedObject(data: PdfDict, deflated: Uint8Array): PdfRef {
    // pdfkit decides whether to compress when the reference is created, from the presence of /Filter.
    const ref = this.doc.ref({ ...data, Filter: 'FlateDecode' });
    ref.end(deflated);
    return ref as unknown as PdfRef;
  }

  /** Starts a page. The content written after this is in PDF user space (pdfkit's flip is undone). */
  addPage(): number {
    this.closeContent();
    this.doc.addPage({ size: this.mediaSize, margin: 0 });
    this.pageCount++;
    this.openContent();
    return this.pageCount - 1;
  }

  get pageDictionary(): PdfDict {
    return this.doc.page.dictionary.data as PdfDict;
  }

  get pageRef(): PdfRef {
    return this.doc.page.dictionary as unknown as PdfRef;
  }

  /** Writes raw content operators to the current page. */
  write(operators: string): void {
    if (operators.length > 0) this.doc.addContent(operators);
  }

  useFont(name: string, font: PdfRef): void {
    this.doc.page.fonts[name] = font;
  }

  useXObject(name: string, xobject: PdfRef): void {
    this.doc.page.xobjects[name] = xobject;
  }

  /** Names a colour space in the current page's resources (a Separation; DefaultRGB). */
  useColourSpace(name: string, space: PdfValue): void {
    this.doc.page.colorSpaces[name] = space;
  }

  /** A link annotation over a rectangle (PDF user space), with further entries (/Contents, /StructParent). */
  link(x: number, y: number, width: number, height: number, url: string, entries: PdfDict = {}): PdfRef {
    const annotation = this.object({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [round(x + this.origin), round(y + this.origin), round(x + this.origin + width), round(y + this.origin + height)],
      Border: [0, 0, 0],
      A: { S: 'URI', URI: pdfString(url) },
      // Printed with the page (PDF/A asks every annotation to say so).
      F: 4,
      ...entries,
    });
    this.doc.page.annotations.push(annotation);
    return annotation;
  }

  /**
   * Draws a PNG or JPEG from its bytes; x, y is the image's bottom-left corner. Throws if pdfkit cannot read
   * it. `open` and `close` (a marked-content sequence) go around the image, outside pdfkit's q…Q.
   */
  image(data: Uint8Array, x: number, y: number, width: number, height: number, open = '', close = ''): void {
    // Decoded first (what pdfkit cannot read throws before anything is written), once per byte array: an
    // icon set in a thousand lines is one XObject (the loader hands out one byte array per file).
    const image = this.openedImages.get(data) ?? this.doc.openImage(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    this.openedImages.set(data, image);
    // pdfkit's image() works in its own flipped space: leave ours, draw, come back.
    this.closeContent();
    try {
      this.write(open);
      this.doc.image(image, x + this.origin, this.mediaHeight - (y + this.origin) - height, { width, height });
      this.write(close);
    } finally {
      this.openContent();
    }
  }

  async finish(): Promise<Uint8Array> {
    this.closeContent();
    this.doc.end();
    await this.done;
    return Buffer.concat(this.chunks);
  }

  private get mediaSize(): [number, number] {
    return [this.width + 2 * this.origin, this.mediaHeight];
  }

  private openContent(): void {
    // pdfkit starts every page with `1 0 0 -1 0 H cm` (y down); our content is in PDF user space, with
    // its origin at the page's (the trim's) corner.
    const shift = this.origin === 0 ? '' : ` 1 0 0 1 ${fmt(this.origin)} ${fmt(this.origin)} cm`;
    this.doc.addContent(`q 1 0 0 -1 0 ${round(this.mediaHeight)} cm${shift}`);
    this.pageOpen = true;
  }

  private closeContent(): void {
    if (!this.pageOpen) return;
    this.doc.addContent('Q');
    this.pageOpen = false;
  }
}

/** Numbers in content streams: 3 decimals is 1/1000 pt, below any device's resolution. */
export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * A scale factor for the content stream: six significant digits, since a glyph drawn at 10.5 pt scales its
 * font units by 0.0105, which fmt's three decimals would round to 0.011 (drawing it ~5 % too large).
 */
export function fmtScale(n: number): string {
  const r = Number(n.toPrecision(6));
  if (Object.is(r, -0) || r === 0) return '0';
  // PDF numbers have no exponent: below 1e-6 String() would write one.
  return Math.abs(r) < 1e-6 ? r.toFixed(12).replace(/0+$/, '') : String(r);
}

export function fmt(n: number): string {
  const r = round(n);
  return Object.is(r, -0) ? '0' : String(r);
}

const colours = memo<string, string>('pdf colours', 256);

/** "#rrggbb" → "r g b" for the rg/RG operators. */
export function rgb(colour: string): string {
  return colours.getOrMake(colour, () => {
    const value = Number.parseInt(colour.slice(1), 16);
    return [(value >> 16) & 255, (value >> 8) & 255, value & 255].map((c) => fmt(c / 255)).join(' ');
  });
}

/**
 * A colour in DeviceCMYK, fractions of full ink, in the notation of CSS Color 5: "device-cmyk(0 0 0 1)".
 * The press PDF's theme colours are these; the screen PDF's are "#rrggbb".
 */
export function deviceCmyk(c: number, m: number, y: number, k: number): string {
  return `device-cmyk(${[c, m, y, k].map(fmt).join(' ')})`;
}

const CMYK = /^device-cmyk\(([^)]*)\)$/;
const fills = memo<string, string>('pdf fill colours', 256);
const strokes = memo<string, string>('pdf stroke colours', 256);

/** The operator setting the fill colour: "r g b rg" for "#rrggbb", "c m y k k" for device-cmyk(). */
export function fill(colour: string): string {
  return fills.getOrMake(colour, () => {
    const cmyk = CMYK.exec(colour);
    return cmyk ? `${cmyk[1]} k` : `${rgb(colour)} rg`;
  });
}

/** The operator setting the stroke colour: RG or K. */
export function stroke(colour: string): string {
  return strokes.getOrMake(colour, () => {
    const cmyk = CMYK.exec(colour);
    return cmyk ? `${cmyk[1]} K` : `${rgb(colour)} RG`;
  });
}
