// Kindle: Calibre's ebook-convert (the converter Kindle users run, and the one Kindle's own tools are
// checked against) turns the EPUB into AZW3. The AZW3 must keep right-to-left page progression (EXTH
// 527) and the language, embed Amiri, and give back every word (AZW3 → text with ebook-convert again).
// Skipped where Calibre is not installed (too large for CI: apt-get install calibre to run it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/index.js';
import { localeStrings } from '../../../src/locale/index.js';
import { parseFile } from '../../../src/parse/index.js';
import { resolveBookBuildDate } from '../../../src/render/context.js';
import { renderEpubBook } from '../../../src/render/epub/index.js';
import { fixtureBook, sample } from '../../support/articles.js';
import { collector, renderContext } from '../../support/context.js';
import { readAzw3 } from '../../support/kindle.js';
import { BOOK, REAL } from '../../support/paths.js';
import { writeTemp } from '../../support/temp.js';
import { has } from '../../support/tools.js';
import { articleText, compare } from '../../support/words.js';
import { render } from './helpers.js';

/** ebook-convert EPUB → AZW3 → plain text: the AZW3's bytes and the text a Kindle would show. */
function kindle(epub: Uint8Array, name: string): { azw3: Uint8Array; text: string } {
  const input = writeTemp(epub, `${name}.epub`);
  const dir = path.dirname(input);
  const run = (from: string, to: string): void => void execFileSync('ebook-convert', [from, to], { stdio: 'ignore', timeout: 170_000 });
  run(input, path.join(dir, `${name}.azw3`));
  run(path.join(dir, `${name}.azw3`), path.join(dir, `${name}.txt`));
  return { azw3: readFileSync(path.join(dir, `${name}.azw3`)), text: readFileSync(path.join(dir, `${name}.txt`), 'utf8') };
}

/** RTL progression, Arabic, Amiri embedded, and the words of `articles` back from the AZW3 (harakat too when told). */
function expectKindleKeeps(epub: Uint8Array, name: string, articles: readonly Article[], marks = false): void {
  const { azw3, text } = kindle(epub, name);
  const facts = readAzw3(azw3);
  expect(facts.exth.get(527)).toEqual(['rtl']);
  expect(facts.exth.get(524)).toEqual(['ar']);
  expect(facts.fonts.map((f) => (fontkit.create(Buffer.from(f)) as fontkit.Font).familyName)).toContain('Amiri');
  // The nav document's hidden landmarks list is not shown as text.
  expect(text).not.toContain(localeStrings('ar', 'rtl').landmarks);
  for (const article of articles) {
    const words = compare(articleText(article), text, { marks });
    expect({ share: words.share, missing: words.missing, reversed: words.reversed, missingNumbers: words.missingNumbers }).toEqual({ share: 1, missing: [], reversed: [], missingNumbers: [] });
  }
}

describe.skipIf(!has('ebook-convert'))('Kindle (Calibre AZW3)', () => {
  it('the sample: RTL page progression, Amiri embedded, every word back', async () => {
    const article = await sample();
    expectKindleKeeps((await render('sample', article)).bytes, 'sample', [article]);
  }, 180_000);

  it('a vocalised article: every word back with every haraka on its letter', async () => {
    const article = await parseFile(path.join(REAL, 'ar-tashkeela-vocalised.txt'));
    expectKindleKeeps((await render('vocalised', article)).bytes, 'vocalised', [article], true);
  }, 180_000);

  it("the book: every chapter's words back, in one RTL book", async () => {
    const book = await fixtureBook();
    const bytes = await renderEpubBook(book, renderContext({ diagnostics: collector(), resourceDir: BOOK, buildDate: resolveBookBuildDate(book, {}) }));
    expectKindleKeeps(bytes, 'book', book.articles);
  }, 180_000);
});
