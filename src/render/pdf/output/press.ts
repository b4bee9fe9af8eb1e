// The press PDF (--print): what a printing house's prepress check asks of a file, beyond the screen PDF.
//   - colour: every theme colour in DeviceCMYK, so black text is black ink alone (0 0 0 1 k) instead of
//     the four plates a press separates RGB near-black into (blurred small letters and harakat at any
//     misregistration); images stay as they are, RGB ones tagged sRGB (DefaultRGB) for the RIP to convert
//     to the output intent, and warned about below the theme's resolution;
//   - boxes: the media larger than the page (the TrimBox) by the bleed (the BleedBox) and, with marks,
//     the room for crop marks, drawn in the registration colour (every plate) outside the bleed;
//   - PDF/X-4: an output intent for FOGRA39 with the bundled profile (profiles/SOURCES.md), PDF 1.6,
//     GTS_PDFXVersion and Trapped in the Info and XMP (canvas.ts). Fonts are all embedded already.
// Nothing on a page reaches into the bleed: warraq draws no backgrounds or full-page images yet.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkImage } from '../../../support/image.js';
import { memo } from '../../../support/memo.js';
import { PACKAGE_ROOT } from '../../../theme/index.js';
import type { Theme } from '../../../theme/schema.js';
import type { PressOptions, RenderContext } from '../../context.js';
import type { PageGeometry } from '../pages/geometry.js';
import type { Page } from '../pages/types.js';
import { deviceCmyk, fmt, pdfString, round, type PdfCanvas, type PdfRef, type PdfValue } from './canvas.js';

/** The PDF/X version the press PDF conforms to. */
export const PDFX_VERSION = 'PDF/X-4';

/** The image resolution the press wants when the theme names none, in pixels per inch at the printed size. */
export const DEFAULT_IMAGE_PPI = 300;

// Crop marks as prepress tools draw them: hairlines a quarter inch long, starting a little beyond the
// bleed so that no trimming tolerance shows them, with some paper left beyond.
const MARK_GAP = 3;
const MARK_LENGTH = 18;
const MARK_ROOM = 6;
const MARK_WIDTH = 0.25;

const PROFILES = path.join(PACKAGE_ROOT, 'profiles');
const profiles = memo<string, Uint8Array>('press colour profiles', 4);
/** A bundled ICC profile's bytes (profiles/SOURCES.md). */
export const colourProfile = (name: string): Uint8Array => profiles.getOrMake(name, () => readFileSync(path.join(PROFILES, name)));

/** The press condition of the output intent: the ICC registry's name for it and the profile that characterises it. */
const OUTPUT_INTENT = {
  identifier: 'FOGRA39',
  condition: 'Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = coated art, 115 g/m2, tone value increase curves A (CMY) and B (K)',
  info: 'Coated FOGRA39 (ISO 12647-2:2004)',
  profile: 'FOGRA39-warraq.icc',
} as const;

/** What the canvas of a press document is made with: room around the page, and the PDF/X claim. */
export function pressDocument(press: PressOptions): { margin: number; pdfx: string } {
  return { margin: press.bleed + (press.marks ? MARK_GAP + MARK_LENGTH + MARK_ROOM : 0), pdfx: PDFX_VERSION };
}

/** The render context of the press PDF: the theme's colours in CMYK (theme `print.colours`, else derived). */
export function pressContext(context: RenderContext): RenderContext {
  const theme = context.theme;
  const given = theme.print?.colours ?? {};
  const colours = { ...theme.colours };
  for (const key of Object.keys(colours) as (keyof Theme['colours'])[]) {
    const cmyk = given[key];
    colours[key] = cmyk ? deviceCmyk(...(cmyk.map((p) => p / 100) as [number, number, number, number])) : cmykOf(theme.colours[key]);
  }
  return { ...context, theme: { ...theme, colours } };
}

/** "#rrggbb" in CMYK without a profile: a grey is black ink alone, any other colour a plain conversion. */
function cmykOf(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map((c) => c / 255) as [number, number, number];
  const k = 1 - Math.max(r, g, b);
  if ((r === g && g === b) || k === 1) return deviceCmyk(0, 0, 0, k);
  return deviceCmyk((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k);
}

/** The press parts of one document's pages: boxes, marks, images' colour space and resolution, the output intent. */
export class PressPages {
  private srgb: PdfRef | undefined;
  private readonly warned = new Set<string>();

  constructor(
    private readonly canvas: PdfCanvas,
    private readonly press: PressOptions,
    private readonly context: RenderContext,
    private readonly geometry: PageGeometry,
  ) {}

  /** Called when a page has just been started, before anything is drawn on it. */
  page(page: Page): void {
    const { canvas, press, geometry } = this;
    const o = canvas.origin;
    const b = press.bleed;
    canvas.pageDictionary.TrimBox = [o, o, o + geometry.width, o + geometry.height].map(round);
    canvas.pageDictionary.BleedBox = [o - b, o - b, o + geometry.width + b, o + geometry.height + b].map(round);
    if (press.marks) {
      // Registration: a Separation on all plates, so the marks show on every one of them.
      canvas.useColourSpace('Registration', ['Separation', 'All', 'DeviceCMYK', { FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 }]);
      canvas.write(`/Artifact BMC q /Registration CS 1 SCN ${fmt(MARK_WIDTH)} w\n${cropMarks(geometry, b + MARK_GAP)}S Q EMC`);
    }
    if (page.images.length === 0) return;
    this.srgb ??= this.canvas.object({ N: 3, Alternate: 'DeviceRGB' }, colourProfile('sRGB.icc'));
    canvas.useColourSpace('DefaultRGB', ['ICCBased', this.srgb]);
    for (const image of page.images) this.checkResolution(image.path, image.data, image.width, image.height);
  }

  /** The output intent; called once, after the last page. */
  finish(): void {
    const destination = this.canvas.object({ N: 4, Alternate: 'DeviceCMYK' }, colourProfile(OUTPUT_INTENT.profile));
    const intent: PdfValue = {
      Type: 'OutputIntent',
      S: 'GTS_PDFX',
      OutputConditionIdentifier: pdfString(OUTPUT_INTENT.identifier),
      OutputCondition: pdfString(OUTPUT_INTENT.condition),
      RegistryName: pdfString('http://www.color.org'),
      Info: pdfString(OUTPUT_INTENT.info),
      DestOutputProfile: destination,
    };
    this.canvas.catalog.OutputIntents = [intent];
  }

  /** Warns, once per file, about an image with fewer pixels per inch at its printed size than the theme asks. */
  private checkResolution(file: string, data: Uint8Array, width: number, height: number): void {
    const header = checkImage(data).header;
    if (!header || this.warned.has(file)) return;
    const wanted = this.context.theme.print?.imagePpi ?? DEFAULT_IMAGE_PPI;
    const ppi = Math.min(header.width / (width / 72), header.height / (height / 72));
    if (ppi >= wanted) return;
    this.warned.add(file);
    const mm = (points: number): string => String(Math.round((points / 72) * 25.4));
    this.context.diagnostics.warn(`${file}: ${Math.floor(ppi)} ppi at its printed size (${mm(width)} × ${mm(height)} mm), under the ${wanted} ppi the print theme asks (print.imagePpi); it may print soft`);
  }
}

/** The eight crop marks' paths, page space: at each corner of the trim, two hairlines starting `from` beyond it. */
function cropMarks(geometry: PageGeometry, from: number): string {
  let path = '';
  const to = from + MARK_LENGTH;
  for (const x of [0, geometry.width]) {
    for (const y of [0, geometry.height]) {
      const sx = x === 0 ? -1 : 1;
      const sy = y === 0 ? -1 : 1;
      path += `${fmt(x + sx * from)} ${fmt(y)} m ${fmt(x + sx * to)} ${fmt(y)} l\n`;
      path += `${fmt(x)} ${fmt(y + sy * from)} m ${fmt(x)} ${fmt(y + sy * to)} l\n`;
    }
  }
  return path;
}
