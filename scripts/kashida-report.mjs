#!/usr/bin/env node
// How kashida justification spreads its elongations (issue #19): a few real texts laid out with the a5
// theme (justify: kashida), and figures over every justified line of their paragraphs (the last line of a
// paragraph is not justified, and is left out). A measurement, not a test: it asserts nothing.
//
//   npm run build && node scripts/kashida-report.mjs          the table, in Markdown
//   node scripts/kashida-report.mjs --json                    one JSON object per text
//
// Columns: justified lines; elongations (a run of tatweel glyphs the layout inserted, inside one word, is
// one elongation); their share per quarter of the line, from its start (the right edge of an RTL line);
// elongations per elongated word (the most in one word, and the mean); the share of short words (three
// letters or fewer) that are elongated; the share of lines whose last word is elongated; and the
// line-to-line word-space variation: the standard deviation, over the lines, of a line's mean word space.
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');
const build = (p) => import(path.join(ROOT, 'build', p));
const { loadTheme, PAGE_SIZES } = await build('theme/index.js');
const { parseFile } = await build('parse/index.js');
const { layoutArticle } = await build('render/pdf/blocks/article.js');
const { faceChain } = await build('render/pdf/fonts/faces.js');
const { shape } = await build('render/pdf/paragraph/shape.js');
const { silentDiagnostics } = await build('support/errors.js');

export const TEXTS = [
  path.join(ROOT, 'content', 'alaska-summit.txt'),
  path.join(ROOT, 'tests', 'fixtures', 'real', 'ar-tashkeela-vocalised.txt'),
  path.join(ROOT, 'tests', 'fixtures', 'real', 'ar-djangogirls-python-introduction.md'),
];

const theme = loadTheme('a5');
const measure = PAGE_SIZES[theme.page.size].width - theme.page.margins.inner - theme.page.margins.outer;
const face = faceChain(theme, 'regular')[0];
// The glyphs tatweel becomes: the font substitutes its own elongation glyphs (Amiri: one for each length,
// several tatweels in a row ligated into one), so they are found by shaping runs of tatweel between letters.
const TATWEELS = new Set([shape(face, '\u0640', { rtl: true, script: 'arab' }).glyphs[0]?.glyphId]);
for (const letter of ['\u0628', '\u0633', '\u0644', '\u0645', '\u0647', '\u0639', '\u0643', '\u0641']) {
  for (let n = 1; n <= 12; n++) {
    const text = letter + '\u0640'.repeat(n) + letter;
    for (const g of shape(face, text, { rtl: true, script: 'arab' }).glyphs) if (g.clusterStart >= 1 && g.clusterEnd <= n + 1) TATWEELS.add(g.glyphId);
  }
}
const LETTER = /\p{L}/u;

/** Runs of tatweel glyphs in the word as the font shapes it alone. */
function tatweelGroups(text) {
  let n = 0;
  let inTatweel = false;
  for (const g of shape(face, text, { rtl: true, script: 'arab' }).glyphs) {
    const tatweel = TATWEELS.has(g.glyphId) && g.clusterHead === false;
    if (tatweel && !inTatweel) n++;
    inTatweel = tatweel;
  }
  return n;
}

/** The words of a laid-out line, start to end (right to left in an RTL line), with their elongations. */
function lineWords(line) {
  const words = [];
  let word = null;
  // Runs are left to right; an RTL paragraph's line starts at its right edge.
  const glyphs = [];
  for (const run of line.runs) {
    let x = run.x;
    for (const g of run.glyphs) {
      glyphs.push({ g, x });
      x += g.advance;
    }
  }
  glyphs.reverse();
  let inTatweel = false;
  for (const { g, x } of glyphs) {
    if (/^\s+$/u.test(g.text)) {
      word = null;
      inTatweel = false;
      continue;
    }
    if (!word) {
      word = { letters: 0, groups: [], text: '' };
      words.push(word);
    }
    word.text += g.text;
    for (const c of g.text) if (LETTER.test(c)) word.letters++;
    const tatweel = TATWEELS.has(g.glyphId) && g.text === '';
    if (tatweel && !inTatweel) word.groups.push(x);
    inTatweel = tatweel;
  }
  // Amiri elongates some joins itself (lam before kaf, after some letters with harakat): only the runs of
  // tatweel beyond the word's own shaping are the justification's. They are placed at the word's middle.
  for (const w of words) {
    const own = tatweelGroups(w.text);
    const added = Math.max(0, w.groups.length - own);
    const middle = w.groups.length > 0 ? w.groups.reduce((a, b) => a + b, 0) / w.groups.length : 0;
    w.elongations = Array.from({ length: added }, () => middle);
  }
  return words;
}

const debug = (message) => void (process.env.KASHIDA_DEBUG && console.error(message));

// Word spaces of the body text only: a code span's spaces are the monospace face's and never stretch.
const CODE_FACE = theme.fonts.code?.regular;

function spaceMean(line) {
  let sum = 0;
  let n = 0;
  for (const run of line.runs) for (const g of run.glyphs) if (g.text === ' ' && g.advance > 0 && run.style.face.path !== CODE_FACE) {
          sum += g.advance;
          n++;
        }
  return n > 0 ? sum / n : null;
}

/** The median absolute deviation: how far a typical line's word spaces are from the typical line's. */
function mad(values) {
  const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
  };
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

export async function report(file, layoutTheme = theme) {
  const article = await parseFile(file);
  const context = { theme: layoutTheme, diagnostics: silentDiagnostics, resourceDir: path.dirname(file), buildDate: new Date(0) };
  const blocks = layoutArticle(article, context, measure);
  const quarters = [0, 0, 0, 0];
  let lines = 0;
  let elongations = 0;
  let elongatedWords = 0;
  let most = 0;
  let shortWords = 0;
  let shortElongated = 0;
  let lastElongated = 0;
  const spaces = [];
  for (const block of blocks) {
    if (block.role !== 'P' || article.meta.dir !== 'rtl') continue;
    for (const line of block.lines.slice(0, -1)) {
      lines++;
      const words = lineWords(line).filter((w) => w.letters > 0);
      for (const w of words) {
        const n = w.elongations.length;
        if (w.letters <= 3) {
          shortWords++;
          if (n > 0) shortElongated++;
        }
        if (n > 1 || (n > 0 && w.letters <= 3)) debug(`word: ${n} in «${w.text}»`);
        if (n === 0) continue;
        elongations += n;
        elongatedWords++;
        most = Math.max(most, n);
        for (const x of w.elongations) {
          const fromStart = line.measure - x;
          quarters[Math.min(3, Math.max(0, Math.floor((fromStart / line.measure) * 4)))]++;
        }
      }
      if ((words.at(-1)?.elongations.length ?? 0) > 0) {
        lastElongated++;
        debug(`last: «${words.at(-1)?.text}» of «${line.text}»`);
      }
      const s = spaceMean(line);
      if (s !== null) spaces.push(s);
    }
  }
  const mean = spaces.reduce((a, b) => a + b, 0) / (spaces.length || 1);
  const sd = Math.sqrt(spaces.reduce((a, b) => a + (b - mean) ** 2, 0) / (spaces.length || 1));
  const pct = (a, b) => (b > 0 ? Math.round((1000 * a) / b) / 10 : 0);
  return {
    file: path.relative(ROOT, file),
    lines,
    elongations,
    quarters: quarters.map((q) => pct(q, elongations)),
    perWordMax: most,
    perWordMean: elongatedWords > 0 ? Math.round((100 * elongations) / elongatedWords) / 100 : 0,
    shortWordsElongated: pct(shortElongated, shortWords),
    lastWordElongated: pct(lastElongated, lines),
    wordSpaceSd: Math.round(100 * sd) / 100,
    wordSpaceMad: Math.round(100 * mad(spaces)) / 100,
    wordSpaceMean: Math.round(100 * mean) / 100,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const rows = [];
  for (const file of TEXTS) rows.push(await report(file));
  if (process.argv.includes('--json')) {
    for (const r of rows) console.log(JSON.stringify(r));
  } else {
    console.log('| text | lines | elong. | Q1 % | Q2 % | Q3 % | Q4 % | per word max/mean | short words % | last word % | space sd / MAD pt (mean) |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${path.basename(r.file)} | ${r.lines} | ${r.elongations} | ${r.quarters.join(' | ')} | ${r.perWordMax} / ${r.perWordMean} | ${r.shortWordsElongated} | ${r.lastWordElongated} | ${r.wordSpaceSd} / ${r.wordSpaceMad} (${r.wordSpaceMean}) |`);
    }
  }
}
