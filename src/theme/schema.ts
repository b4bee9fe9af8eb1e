// The theme: one description of page, type and colour read by all three renderers,
// so the PDF, the EPUB and the DOCX look like one family.
import * as z from 'zod/mini';

export const PageSizeSchema = z.enum(['A4', 'A5', 'Letter']);
export type PageSize = z.infer<typeof PageSizeSchema>;

/** Page dimensions in PostScript points (1/72 in). */
export const PAGE_SIZES: Readonly<Record<PageSize, Readonly<{ width: number; height: number }>>> = Object.freeze({
  A4: Object.freeze({ width: 595.28, height: 841.89 }),
  A5: Object.freeze({ width: 419.53, height: 595.28 }),
  Letter: Object.freeze({ width: 612, height: 792 }),
});

const colour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a1a1a'));
// A press colour: cyan, magenta, yellow and black in per cent, [0, 0, 0, 100] for pure black.
const percent = z.number().check(z.minimum(0), z.maximum(100));
const cmyk = z.tuple([percent, percent, percent, percent]);
const points = z.number().check(z.positive());
const name = z.string().check(z.minLength(1));

export const FontFamilySchema = z.object({
  family: name,
  regular: name,
  bold: z.optional(name),
  italic: z.optional(name),
  boldItalic: z.optional(name),
});

export const ThemeFileSchema = z.strictObject({
  name,
  page: z.strictObject({
    size: PageSizeSchema,
    // inner is the binding side: on the right for RTL documents.
    margins: z.strictObject({ top: points, bottom: points, inner: points, outer: points }),
  }),
  // fallback: tried in order, character by character, for what the body family lacks (Hebrew, symbols,
  // emoji); code: the monospace family of code blocks and spans, whose gaps fall back to body then fallback.
  fonts: z.strictObject({ body: FontFamilySchema, fallback: z._default(z.array(FontFamilySchema), []), code: z.optional(FontFamilySchema) }),
  sizes: z.strictObject({
    body: points,
    title: points,
    subtitle: points,
    heading: z.array(points).check(z.length(6)),
    quote: points,
    code: points,
    runningHead: points,
    footer: points,
  }),
  lineHeight: z.number().check(z.minimum(1), z.maximum(4)),
  // Per language, by its primary subtag ("ur"): the body family its text is set in, and the line height
  // that face needs, in all three formats (Urdu in Nastaliq, whose stacked joins need taller lines than
  // Naskh). The article's language picks one for the whole article, a block's own language for the block;
  // the theme's body family becomes the first fallback. Absent: every language in the body family.
  languages: z._default(
    z.record(
      z.string().check(z.regex(/^[a-z]{2,3}$/, 'must be a primary language subtag like "ur"')),
      z.strictObject({ body: FontFamilySchema, lineHeight: z.optional(z.number().check(z.minimum(1), z.maximum(4))) }),
    ),
    {},
  ),
  paragraphSpacing: z.number().check(z.minimum(0)),
  colours: z.strictObject({
    text: colour,
    heading: colour,
    subtitle: colour,
    muted: colour,
    link: colour,
    rule: colour,
    // The light ground under code blocks (and the header row of tables); absent in a theme file: a warm grey.
    shade: z._default(colour, '#f2f1ed'),
  }),
  // kashida: stretch Arabic words with tatweel where joining allows, before widening spaces.
  justify: z.enum(['inter-word', 'kashida']),
  // Where the PDF sets notes: at the foot of the page that cites them, or after the article's text.
  // Absent in a theme file: at the foot. (EPUB and DOCX have their own: asides, Word's footnotes.)
  notes: z._default(z.enum(['foot', 'end']), 'foot'),
  // Kashida justification only: the longest elongation at one place in a word, in ems of the type size
  // (0.6 when absent: about three tatweels in Amiri); what the elongations cannot take, the spaces do.
  kashida: z._default(z.strictObject({ maxElongation: z._default(z.number().check(z.minimum(0), z.maximum(4)), 0.6) }), { maxElongation: 0.6 }),
  // How datelines are written in all three formats: the calendar ('default': the language's own;
  // 'gregorian'; 'hijri': Umm al-Qura; 'both': Gregorian — Hijri) and the digits ('default': the
  // language's usual; 'latin'; 'local': Arabic-Indic for Arabic, Extended for Persian and Urdu).
  dates: z._default(
    z.strictObject({ calendar: z._default(z.enum(['default', 'gregorian', 'hijri', 'both']), 'default'), digits: z._default(z.enum(['default', 'latin', 'local']), 'default') }),
    { calendar: 'default', digits: 'default' },
  ),
  // Books only: rectoOpenings opens the contents and every article of a PDF book on an odd (recto) page,
  // a blank page before when needed; sink lowers an article's first page's text by that many points
  // (a chapter opening). Absent in a theme file: off and 0, so existing themes render as they did.
  book: z._default(z.strictObject({ rectoOpenings: z._default(z.boolean(), false), sink: z._default(z.number().check(z.minimum(0)), 0) }), { rectoOpenings: false, sink: 0 }),
  // The press PDF (--print) only: each colour's CMYK (one left out is derived from its RGB: a grey
  // becomes black ink alone) and the least resolution, in pixels per inch at the printed size, below
  // which an image is warned about (300 when absent; 200 will do for photographs).
  print: z.optional(
    z.strictObject({
      colours: z.optional(
        z.strictObject({
          text: z.optional(cmyk),
          heading: z.optional(cmyk),
          subtitle: z.optional(cmyk),
          muted: z.optional(cmyk),
          link: z.optional(cmyk),
          rule: z.optional(cmyk),
          shade: z.optional(cmyk),
        }),
      ),
      imagePpi: z.optional(points),
    }),
  ),
});

export type ThemeFile = z.infer<typeof ThemeFileSchema>;

/** A font family's files, made absolute. */
export interface FontFiles {
  /** The family name, as the EPUB's CSS and the DOCX's styles name it. */
  family: string;
  /** The regular face's file. */
  regular: string;
  /** The bold face's file; bold falls back to regular when absent. */
  bold?: string | undefined;
  /** The italic face's file; italic falls back to regular when absent. */
  italic?: string | undefined;
  /** The bold italic face's file; falls back to bold, then italic, then regular. */
  boldItalic?: string | undefined;
}

/** How a language's text is set (theme.json "languages"). */
export interface LanguageSetting {
  /** The family its text is set in: the body family for it. */
  body: FontFiles;
  /** Its line height, as a multiple of the type size; the theme's when absent. */
  lineHeight?: number | undefined;
}

/** A loaded theme: font paths made absolute, the EPUB stylesheet read. */
export interface Theme extends Omit<ThemeFile, 'fonts' | 'languages'> {
  /** The body family, and the families tried in order for characters it lacks. */
  fonts: { body: FontFiles; fallback: FontFiles[]; code?: FontFiles | undefined };
  /** By primary language subtag: the body family (files made absolute) and line height of that language's text. */
  languages: Readonly<Record<string, LanguageSetting>>;
  /** The theme this one was made from for one language's text (themeForLanguage); absent for a loaded theme. */
  base?: Theme | undefined;
  /** The folder the theme was loaded from. */
  dir: string;
  /** The EPUB stylesheet (the theme's epub.css, else the bundled one). */
  epubCss: string;
  /** What loading refused (a font outside the theme folder, a file that is not a font), one line each naming theme.json; reported once a build. */
  warnings: readonly string[];
}
