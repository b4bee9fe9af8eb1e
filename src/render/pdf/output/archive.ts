// The archival PDF (--pdf-a): what PDF/A-2b (ISO 19005-2, level B) asks of the screen PDF beyond PDF/UA-1,
// which it already meets: an output intent that gives DeviceRGB its meaning (sRGB, the bundled profile),
// the identification in the XMP (canvas.ts), font programs whose glyph widths are the font dictionaries'
// (font-embed.ts), every annotation printable (canvas.ts sets /F 4 on all). Fonts are all embedded, with
// ToUnicode; nothing is encrypted, no JavaScript, no transparency beyond image masks (allowed in PDF/A-2).
import { pdfString, type PdfCanvas } from './canvas.js';
import { colourProfile } from './press.js';

/** The sRGB output intent of a PDF/A file; called once, after the last page. */
export function archiveOutputIntent(canvas: PdfCanvas): void {
  const destination = canvas.object({ N: 3, Alternate: 'DeviceRGB' }, colourProfile('sRGB.icc'));
  canvas.catalog.OutputIntents = [
    {
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      OutputConditionIdentifier: pdfString('sRGB IEC61966-2.1'),
      RegistryName: pdfString('http://www.color.org'),
      Info: pdfString('sRGB IEC61966-2.1'),
      DestOutputProfile: destination,
    },
  ];
}
