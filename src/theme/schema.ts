// The theme: one description of page, type and colour read by all three renderers,
// so the PDF, the EPUB and the DOCX look like one family.
import { z } from 'zod';

export const PageSizeSchema = z.enum(['A4', 'A5', 'Letter']);
export type PageSize = z.infer<typeof PageSizeSchema>;

/** Page dimensions in PostScript points (1/72 in). */
export const PAGE_SIZES: Record<PageSize, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  A5: { width: 419.53, height: 595.28 },
  Letter: { width: 612, height: 792 },
};

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a1a1a');
const points = z.number().positive();

export const FontFamilySchema = z.object({
  family: z.string().min(1),
  regular: z.string().min(1),
  bold: z.string().min(1).optional(),
  italic: z.string().min(1).optional(),
  boldItalic: z.string().min(1).optional(),
});

export const ThemeFileSchema = z
  .object({
    name: z.string().min(1),
    page: z.object({
      size: PageSizeSchema,
      // inner is the binding side: on the right for RTL documents.
      margins: z.object({ top: points, bottom: points, inner: points, outer: points }).strict(),
    }).strict(),
    fonts: z.object({ body: FontFamilySchema, fallback: z.array(FontFamilySchema).default([]) }).strict(),
    sizes: z.object({
      body: points,
      title: points,
      subtitle: points,
      heading: z.array(points).length(6),
      quote: points,
      code: points,
      runningHead: points,
      footer: points,
    }).strict(),
    lineHeight: z.number().min(1).max(4),
    paragraphSpacing: z.number().min(0),
    colours: z.object({
      text: colour,
      heading: colour,
      subtitle: colour,
      muted: colour,
      link: colour,
      rule: colour,
    }).strict(),
    // kashida: stretch Arabic words with tatweel where joining allows, before widening spaces.
    justify: z.enum(['inter-word', 'kashida']),
    // Books only: rectoOpenings opens every article of a PDF book on an odd (recto) page, a blank page
    // before it when needed. Absent in a theme file: off, so existing themes render as they did.
    book: z.object({ rectoOpenings: z.boolean().default(false) }).strict().default({ rectoOpenings: false }),
  })
  .strict();

export type ThemeFile = z.infer<typeof ThemeFileSchema>;

export interface FontFiles {
  family: string;
  regular: string;
  bold?: string | undefined;
  italic?: string | undefined;
  boldItalic?: string | undefined;
}

/** A loaded theme: font paths made absolute, the EPUB stylesheet read. */
export interface Theme extends Omit<ThemeFile, 'fonts'> {
  fonts: { body: FontFiles; fallback: FontFiles[] };
  /** The folder the theme was loaded from. */
  dir: string;
  epubCss: string;
}
