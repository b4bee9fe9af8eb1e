// The editor's page in Debian's headless Chromium (playwright-core, no browser download): paste the sample
// or drop a Markdown file with its image, see the PDF's first page, the EPUB's pages and the headings
// found, download the documents and check them as the command line's are. No request leaves warraq.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachBlock } from '../../src/model/walk.js';
import { inlineText } from '../../src/model/text.js';
import { parseFile } from '../../src/parse/index.js';
import { ARTICLES, SAMPLE } from '../support/paths.js';
import { checkDocument, startService, type Service } from '../support/service.js';
import { openZip } from '../support/zip.js';

/** Debian's chromium package (bash .ci/run installs it): without it these tests fail, they do not skip. */
const CHROMIUM = '/usr/bin/chromium';

let service: Service;
let browser: Browser;
beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (bash .ci/run does)`).toBe(true);
  [service, browser] = await Promise.all([startService(['--jobs', '2']), chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })]);
});
afterAll(async () => {
  await browser?.close();
  if (service) expect(await service.stop()).toBe(0);
});

/** The headings warraq's own reader finds in a file, as plain text. */
async function headingsOf(file: string): Promise<string[]> {
  const article = await parseFile(file);
  return [...eachBlock(article.blocks)].flatMap((block) => (block.type === 'heading' ? [inlineText(block.children)] : []));
}

/** A page of the service, every request it makes recorded. */
async function open(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true, viewport });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(service.url);
  await page.waitForSelector('body[data-ready="true"]');
  expect(errors).toEqual([]);
  return { page, requests };
}

/** Waits for the preview of the latest build, and returns what the status line says. */
async function built(page: Page): Promise<string> {
  await page.waitForSelector('body[data-state="built"]', { timeout: 60_000 });
  return (await page.textContent('#status')) ?? '';
}

/** The share of pixels of the large page that are not white: ink, i.e. a page was drawn. (Run in the page.) */
const INK = `(() => {
  const canvas = document.querySelector('#page-view canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
  return ink / (data.length / 4);
})()`;
const inkOf = async (page: Page): Promise<number> => Number(await page.evaluate(INK));

/** Clicks a download button and returns the file's name and bytes. */
async function download(page: Page, format: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-download="${format}"]`)]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(await file.path())) };
}

/** The text the EPUB preview's frames show. */
async function epubText(page: Page): Promise<string> {
  await page.click('#tab-epub');
  await page.waitForSelector('#epub-pages iframe');
  const handles = await page.$$('#epub-pages iframe');
  const texts: string[] = [];
  for (const handle of handles) {
    const frame = await handle.contentFrame();
    await frame!.waitForLoadState();
    texts.push((await frame!.textContent('body')) ?? '');
  }
  return texts.join('\n');
}

/** Downloads the three documents and the zip, checks each as the CLI tests do; returns the PDF's text. */
async function downloadAll(page: Page, stem: string, title: string): Promise<void> {
  for (const format of ['pdf', 'epub', 'docx'] as const) {
    const { name, bytes } = await download(page, format);
    expect(name).toBe(`${stem}.${format}`);
    expect(await checkDocument(format, bytes)).toContain(title);
  }
  const zip = await download(page, 'all');
  expect(zip.name).toBe(`${stem}.zip`);
  expect(Object.keys((await openZip(zip.bytes)).zip.files).sort()).toEqual([`${stem}.docx`, `${stem}.epub`, `${stem}.pdf`]);
}

const onlyFromWarraq = (requests: readonly string[]): string[] => requests.filter((url) => !url.startsWith(`${service.url}/`) && !url.startsWith('blob:') && !url.startsWith('data:'));

describe('the editor\'s page', () => {
  it('paste the sample: the PDF\'s first page, the EPUB, the headings found; the three downloads are valid', async () => {
    const { page, requests } = await open();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    const sample = readFileSync(SAMPLE, 'utf8');
    const title = sample.split('\n')[0]!;
    await page.focus('#article');
    await page.keyboard.insertText(sample);
    await page.click('#build');
    await built(page);

    expect(await page.getAttribute('#page-view canvas', 'data-page')).toBe('1');
    expect(await inkOf(page)).toBeGreaterThan(0.01);
    const { bytes: pdf } = await download(page, 'pdf');
    const pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(Buffer.from(pdf).toString('latin1'))?.[1]);
    expect(await page.locator('#thumbnails button').count()).toBe(pages);

    await page.click('#tab-structure');
    expect(await page.locator('#headings li').allTextContents()).toEqual(await headingsOf(SAMPLE));
    expect(await page.textContent('#meta')).toContain(title);
    expect(await epubText(page)).toContain(title);

    await downloadAll(page, 'article', title);
    expect(onlyFromWarraq(requests)).toEqual([]);
    await page.context().close();
  });

  it('drop a Markdown file and its image: its headings and its figure, no warning; the downloads are valid', async () => {
    const { page, requests } = await open();
    const markdown = path.join(ARTICLES, 'arabic.md');
    const files = [
      { name: 'arabic.md', type: 'text/markdown', base64: readFileSync(markdown).toString('base64') },
      { name: 'map.png', type: 'image/png', base64: readFileSync(path.join(ARTICLES, 'map.png')).toString('base64') },
    ];
    // What a drag from the file manager delivers: a DataTransfer with the files, dropped on the zone.
    const transfer = await page.evaluateHandle(`(() => {
      const data = new DataTransfer();
      for (const file of ${JSON.stringify(files)}) data.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name, { type: file.type }));
      return data;
    })()`);
    await page.dispatchEvent('#drop', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
    await built(page);

    expect(await page.locator('#file-list li').count()).toBe(2);
    expect(await inkOf(page)).toBeGreaterThan(0.01);
    await page.click('#tab-structure');
    expect(await page.locator('#headings li').allTextContents()).toEqual(await headingsOf(markdown));
    expect(await page.textContent('#block-counts')).toContain('1 شكل');
    expect(await page.locator('#warnings li').allTextContents()).toEqual(['لا تنبيهات.']);
    expect(await page.locator('#warnings li.note').count()).toBe(1);
    const title = (await parseFile(markdown)).meta.title;
    expect(await epubText(page)).toContain(title);

    await downloadAll(page, 'arabic', title);
    const epub = await openZip((await download(page, 'epub')).bytes);
    expect(Object.keys(epub.zip.files).some((name) => name.endsWith('.png'))).toBe(true);
    expect(onlyFromWarraq(requests)).toEqual([]);
    await page.context().close();
  });

  it('works from the keyboard on a phone-sized screen, in English too', async () => {
    const { page } = await open({ width: 375, height: 740 });
    const focused = async (selector: string): Promise<boolean> => Boolean(await page.evaluate(`document.activeElement === document.querySelector(${JSON.stringify(selector)})`));
    const focusBy = async (selector: string): Promise<void> => {
      for (let i = 0; i < 30 && !(await focused(selector)); i++) await page.keyboard.press('Tab');
      expect(await focused(selector), selector).toBe(true);
    };
    await focusBy('#ui-lang');
    await page.selectOption('#ui-lang', 'en');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.textContent('#build')).toBe('Build and preview');
    await focusBy('#article');
    await page.keyboard.insertText(readFileSync(SAMPLE, 'utf8'));
    await focusBy('#build');
    await page.keyboard.press('Enter');
    expect(await built(page)).toMatch(/^Done: pages \d+, warnings 1\.$/);
    // Nothing wider than the screen; the second page's thumbnail opens it from the keyboard.
    expect(await page.evaluate('document.scrollingElement.scrollWidth')).toBeLessThanOrEqual(375);
    await focusBy('#thumbnails li:nth-child(2) button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#page-view canvas[data-page="2"]');
    // The tabs follow the arrow keys.
    await focusBy('#tab-pdf');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#tab-epub', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#panel-epub')).toBe(true);
    await page.context().close();
  });
});
