// The order HarfBuzz (and so every browser) feeds Arabic marks to fonts: combining marks after a letter
// sorted by combining class, with shadda moved first (HarfBuzz's "modified combining class"), and the
// modifier combining marks of UTR #53 (hamza above/below, …) moved to the front. The pipeline leaves this
// to HarfBuzz; fontkit does not do it, so the shaping test gives fontkit, its second engine, the marks in
// this order. Only marks are permuted, never letters, and the length is unchanged.

const ARABIC_CCC = new Map<number, number>([
  // fathatan … sukun and superscript alef, with shadda (33) moved before the tanwin as HarfBuzz does.
  [0x064b, 28], [0x064c, 29], [0x064d, 30], [0x064e, 31], [0x064f, 32], [0x0650, 33], [0x0651, 27], [0x0652, 34],
  [0x0653, 230], [0x0654, 230], [0x0655, 220], [0x0656, 220], [0x0657, 230], [0x0658, 230], [0x0659, 230],
  [0x065a, 230], [0x065b, 230], [0x065c, 220], [0x065d, 230], [0x065e, 230], [0x065f, 220], [0x0670, 35],
  [0x0610, 230], [0x0611, 230], [0x0612, 230], [0x0613, 230], [0x0614, 230], [0x0615, 230], [0x0616, 230],
  [0x0617, 230], [0x0618, 31], [0x0619, 32], [0x061a, 33],
  [0x06d6, 230], [0x06d7, 230], [0x06d8, 230], [0x06d9, 230], [0x06da, 230], [0x06db, 230], [0x06dc, 230],
  [0x06df, 230], [0x06e0, 230], [0x06e1, 230], [0x06e2, 230], [0x06e3, 220], [0x06e4, 230], [0x06e7, 230],
  [0x06e8, 230], [0x06ea, 220], [0x06eb, 230], [0x06ec, 230], [0x06ed, 220],
]);

/** UTR #53 modifier combining marks. */
const MCM = new Set([0x0654, 0x0655, 0x0658, 0x06dc, 0x06e3, 0x06e7, 0x06e8, 0x08ca, 0x08cb, 0x08cd, 0x08ce, 0x08cf, 0x08d3, 0x08f3]);

const MARK_RUN = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED]{2,}/g;

export function orderMarks(text: string): string {
  return text.replace(MARK_RUN, (run) => {
    const marks = [...run].map((char, index) => ({ char, index, ccc: ARABIC_CCC.get(char.codePointAt(0) ?? 0) ?? 0 }));
    // Stable sort by combining class; a class of 0 would end the run, so it never occurs here.
    marks.sort((a, b) => a.ccc - b.ccc || a.index - b.index);
    // UTR #53: modifier combining marks at the start of the 220 and 230 groups move to the front.
    const front: typeof marks = [];
    for (const ccc of [220, 230]) {
      const first = marks.findIndex((m) => m.ccc === ccc);
      if (first < 0) continue;
      let end = first;
      while (end < marks.length && marks[end]?.ccc === ccc && MCM.has(marks[end]?.char.codePointAt(0) ?? 0)) end++;
      front.push(...marks.splice(first, end - first));
    }
    return [...front, ...marks].map((m) => m.char).join('');
  });
}
