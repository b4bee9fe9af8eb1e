// Arabic joining types (Unicode ArabicShaping.txt, the letters in use): where letters connect, for
// kashida placement and for keeping a word joined across a change of style.

// Right-joining letters (joining type R): they connect to the letter before them but not after.
const RIGHT_JOINING: ReadonlySet<number> = new Set([
  0x0622, 0x0623, 0x0624, 0x0625, 0x0627, 0x0629, 0x062f, 0x0630, 0x0631, 0x0632, 0x0648, 0x0671, 0x0672, 0x0673, 0x0675,
  0x0676, 0x0677, 0x0688, 0x0689, 0x068a, 0x068b, 0x068c, 0x068d, 0x068e, 0x068f, 0x0690, 0x0691, 0x0692, 0x0693, 0x0694,
  0x0695, 0x0696, 0x0697, 0x0698, 0x0699, 0x06c0, 0x06c3, 0x06c4, 0x06c5, 0x06c6, 0x06c7, 0x06c8, 0x06c9, 0x06ca, 0x06cb,
  0x06cd, 0x06cf, 0x06d2, 0x06d3, 0x06d5, 0x06ee, 0x06ef, 0x0759, 0x075a, 0x075b, 0x076b, 0x076c, 0x0771, 0x0773, 0x0774,
  0x0778, 0x0779,
]);
export const ALEFS: ReadonlySet<number> = new Set([0x0622, 0x0623, 0x0625, 0x0627, 0x0671, 0x0672, 0x0673, 0x0675]);
export const LAM = 0x0644;

export type Joining = 'D' | 'R' | 'T' | 'U';

/** Arabic joining type, enough for kashida placement (ArabicShaping.txt, the common letters). */
export function joiningType(cp: number): Joining {
  if ((cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || (cp >= 0x0610 && cp <= 0x061a) || (cp >= 0x06d6 && cp <= 0x06ed && cp !== 0x06e5 && cp !== 0x06e6 && cp !== 0x06ee && cp !== 0x06ef)) return 'T';
  if (RIGHT_JOINING.has(cp)) return 'R';
  if (cp === 0x0640 || cp === 0x0620 || (cp >= 0x0626 && cp <= 0x064a) || (cp >= 0x066e && cp <= 0x06d3) || (cp >= 0x06fa && cp <= 0x06fc) || cp === 0x06ff || (cp >= 0x0750 && cp <= 0x077f)) {
    return cp === 0x0621 || cp === 0x0674 ? 'U' : 'D';
  }
  return 'U';
}

/** True if the letter ending one stretch of text connects to the letter starting the next. */
export function joinsAcross(before: string, after: string): boolean {
  let a = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const cp = before.codePointAt(i) ?? 0;
    if (joiningType(cp) !== 'T') {
      a = cp;
      break;
    }
  }
  const b = after.codePointAt(0) ?? 0;
  const ta = joiningType(a);
  const tb = joiningType(b);
  return ta === 'D' && (tb === 'D' || tb === 'R');
}
