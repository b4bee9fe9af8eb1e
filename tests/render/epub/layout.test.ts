// How the pages look in a browser engine (Chromium, the engine of Readium- and Blink-based readers): a
// comfortable line length on a tablet, nothing wider than a phone, and a contents page that reads like a
// printed book's — no bullets, no blue underlined links, chapters set apart from their sections.
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBookBuildDate } from '../../../src/render/context.js';
import { renderEpubBook } from '../../../src/render/epub/index.js';
import { fixtureBook, sample } from '../../support/articles.js';
import { collector, renderContext } from '../../support/context.js';
import { BOOK } from '../../support/paths.js';
import { unzippedEpub } from '../../support/zip.js';
import { render } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => browser?.close());

/** Average characters a line of the page's paragraphs, and whether it fits its viewport's width. */
async function measure(file: string, width: number): Promise<{ charsPerLine: number; overflows: boolean }> {
  const page = await browser.newPage({ viewport: { width, height: 1366 } });
  await page.goto(`file://${file}`);
  await page.evaluate('document.fonts.ready');
  // In the page (a string: the tests are type-checked without the DOM's types).
  const result = (await page.evaluate(`(() => {
    let chars = 0;
    let lines = 0;
    for (const p of document.querySelectorAll('p')) {
      chars += p.textContent.length;
      lines += Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
    }
    return { charsPerLine: chars / lines, overflows: document.documentElement.scrollWidth > document.documentElement.clientWidth };
  })()`)) as { charsPerLine: number; overflows: boolean };
  await page.close();
  return result;
}

describe('the EPUB in Chromium', () => {
  it('the sample at 1024 px (a tablet): 60–80 characters a line, not the whole screen width; at 375 px nothing overflows', async () => {
    const dir = await unzippedEpub((await render('sample', await sample())).bytes);
    const tablet = await measure(path.join(dir, 'article.xhtml'), 1024);
    expect(tablet.charsPerLine).toBeGreaterThan(60);
    expect(tablet.charsPerLine).toBeLessThan(80);
    expect(tablet.overflows).toBe(false);
    expect((await measure(path.join(dir, 'article.xhtml'), 375)).overflows).toBe(false);
  }, 60_000);

  it("the book's contents page: no bullets, no underline, not link blue; chapters bold and set apart", async () => {
    const book = await fixtureBook();
    const bytes = await renderEpubBook(book, renderContext({ diagnostics: collector(), resourceDir: BOOK, buildDate: resolveBookBuildDate(book, {}) }));
    const dir = await unzippedEpub(bytes);
    const page = await browser.newPage({ viewport: { width: 1024, height: 1366 } });
    await page.goto(`file://${path.join(dir, 'toc.xhtml')}`);
    const look = (await page.evaluate(`(() => {
      const style = (sel) => getComputedStyle(document.querySelector(sel));
      const chapter = style('nav#toc > ol > li > a');
      const section = style('nav#toc li li a');
      return {
        bullets: style('nav#toc li').listStyleType,
        underline: [chapter.textDecorationLine, section.textDecorationLine],
        colours: [chapter.color, section.color],
        weights: [chapter.fontWeight, section.fontWeight],
        gapBeforeChapter: parseFloat(style('nav#toc > ol > li + li').marginTop),
        width: document.querySelector('body').getBoundingClientRect().width,
      };
    })()`)) as { bullets: string; underline: string[]; colours: string[]; weights: string[]; gapBeforeChapter: number; width: number };
    await page.close();
    expect(look.bullets).toBe('none');
    expect(look.underline).toEqual(['none', 'none']);
    // The theme's heading and text colours (#111111, #1a1a1a), not its link colour (#1a4f8b).
    expect(look.colours).toEqual(['rgb(17, 17, 17)', 'rgb(26, 26, 26)']);
    expect(Number(look.weights[0])).toBeGreaterThanOrEqual(700);
    expect(Number(look.weights[1])).toBeLessThan(700);
    expect(look.gapBeforeChapter).toBeGreaterThan(8);
    expect(look.width).toBeLessThan(600);
  }, 60_000);
});
