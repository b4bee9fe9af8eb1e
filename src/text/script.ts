// Script classes that matter to warraq's renderers: which font, which shaper direction, which language tag.

export type Script = 'arabic' | 'hebrew' | 'latin' | 'common';

export function scriptOf(codePoint: number): Script {
  if (
    (codePoint >= 0x0600 && codePoint <= 0x06ff) ||
    (codePoint >= 0x0750 && codePoint <= 0x077f) ||
    (codePoint >= 0x0870 && codePoint <= 0x08ff) ||
    (codePoint >= 0xfb50 && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfeff)
  ) {
    // Arabic-Indic digits and Arabic punctuation are Arabic script too, but common in bidi terms.
    return 'arabic';
  }
  if ((codePoint >= 0x0590 && codePoint <= 0x05ff) || (codePoint >= 0xfb1d && codePoint <= 0xfb4f)) return 'hebrew';
  if (
    (codePoint >= 0x41 && codePoint <= 0x5a) ||
    (codePoint >= 0x61 && codePoint <= 0x7a) ||
    (codePoint >= 0xc0 && codePoint <= 0x24f && codePoint !== 0xd7 && codePoint !== 0xf7) ||
    (codePoint >= 0x1e00 && codePoint <= 0x1eff)
  ) {
    return 'latin';
  }
  return 'common';
}

export function hasArabic(text: string): boolean {
  return /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF]/u.test(text);
}
