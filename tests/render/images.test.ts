// A figure's image is read, checked and its PNG data inflated once for the three formats of a build (and
// for the next build of the same file), and read again once the file is edited.
import * as realFs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { renderAll } from '../../src/app/build.js';
import { resolveArticle } from '../../src/model/index.js';
import { collector } from '../support/context.js';
import { png } from '../support/images.js';
import { tempDir } from '../support/temp.js';
import { openZip } from '../support/zip.js';

// What the process reads from files named *.png (through node:fs, as src/support/read-root.ts does), and
// how often support/image.ts checks an image (its PNG data inflated each time).
const seen = vi.hoisted(() => ({ fds: new Map<number, string>(), bytes: 0, checks: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync = ((file: realFs.PathLike, ...rest: unknown[]) => {
    const fd = (fs.openSync as (...args: unknown[]) => number)(file, ...rest);
    if (String(file).endsWith('.png')) seen.fds.set(fd, String(file));
    return fd;
  }) as typeof fs.openSync;
  const readSync = ((fd: number, ...rest: unknown[]) => {
    const n = (fs.readSync as (...args: unknown[]) => number)(fd, ...rest);
    if (seen.fds.has(fd)) seen.bytes += n;
    return n;
  }) as typeof fs.readSync;
  const closeSync = ((fd: number) => {
    seen.fds.delete(fd);
    fs.closeSync(fd);
  }) as typeof fs.closeSync;
  const patched = { ...fs, openSync, readSync, closeSync };
  return { ...patched, default: patched };
});

vi.mock('../../src/support/image.js', async (importOriginal) => {
  const image = await importOriginal<typeof import('../../src/support/image.js')>();
  return {
    ...image,
    checkImage: (data: Uint8Array) => {
      seen.checks++;
      return image.checkImage(data);
    },
  };
});

/** The widths of the PDF's image XObjects (fonts have /Widths, never /Width). */
const imageWidths = (pdf: Uint8Array): number[] => [...Buffer.from(pdf).toString('latin1').matchAll(/\/Width (\d+)/g)].map((m) => Number(m[1]));

describe('figure images', () => {
  it('a build of all three formats reads and checks the image once; an edited file is read again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'map.png');
    const before = png(40, 20);
    realFs.writeFileSync(file, before);
    const article = resolveArticle({
      meta: { title: 'خريطة', lang: 'ar' },
      blocks: [
        { type: 'paragraph', children: [{ type: 'text', value: 'فقرة قبل الخريطة.' }] },
        { type: 'figure', src: 'map.png', alt: 'خريطة', caption: [{ type: 'text', value: 'الخريطة' }] },
      ],
    });
    const build = async (): Promise<{ warnings: string[]; epubImage: Buffer; docxImage: Buffer; pdf: Uint8Array }> => {
      const diagnostics = collector();
      const docs = await renderAll(article, { formats: ['pdf', 'epub', 'docx'], resourceDir: dir, diagnostics });
      const epub = await openZip(docs.get('epub')!);
      const docx = await openZip(docs.get('docx')!);
      const media = (zip: typeof epub, folder: RegExp): Promise<Buffer> => zip.zip.file(folder)[0]!.async('nodebuffer');
      return { warnings: diagnostics.messages, epubImage: await media(epub, /^OEBPS\/images\//), docxImage: await media(docx, /^word\/media\//), pdf: docs.get('pdf')! };
    };

    const first = await build();
    expect(first.warnings).toEqual([]);
    expect({ bytes: seen.bytes, checks: seen.checks }).toEqual({ bytes: before.length, checks: 1 });
    // All three embed that one reading: the EPUB and the DOCX the file as it is, the PDF a 40 × 20 image.
    expect([first.epubImage.equals(before), first.docxImage.equals(before)]).toEqual([true, true]);
    expect(imageWidths(first.pdf)).toEqual([40]);

    await build();
    expect({ bytes: seen.bytes, checks: seen.checks }).toEqual({ bytes: before.length, checks: 1 });

    const after = png(60, 30, [200, 40, 40]);
    realFs.writeFileSync(file, after);
    const edited = await build();
    expect({ bytes: seen.bytes, checks: seen.checks }).toEqual({ bytes: before.length + after.length, checks: 2 });
    expect([edited.epubImage.equals(after), edited.docxImage.equals(after)]).toEqual([true, true]);
    expect(imageWidths(edited.pdf)).toEqual([60]);
  });
});
