// Stage 5: the zip. epub-gen-memory assembles the container (mimetype first and stored,
// META-INF/container.xml, OEBPS/) from warraq's own EJS templates in templates/epub/; the subclass
// below replaces its three network paths (fonts, images, cover are fetched by URL in the library) with
// local data, and hands the files it makes to warraq's own zip writer (fixed timestamps, so two builds
// are byte-identical).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EPub, type Options } from 'epub-gen-memory';
import type { Diagnostics } from '../../support/errors.js';
import { PACKAGE_ROOT } from '../../theme/index.js';
import { writeZip, type ZipEntry } from '../../zip/write.js';
import { memo } from '../../support/memo.js';

export interface PageFile {
  /** File name inside OEBPS/ (ASCII, so the library's slug step leaves it alone). */
  filename: string;
  /** The page's <title>. */
  title: string;
  /** xml:lang and lang of the page. */
  lang: string;
  /** dir of the page. */
  dir: 'rtl' | 'ltr';
  /** epub:type of the <body> (e.g. "frontmatter"), when the page has one. */
  bodyType?: string | undefined;
  /** Finished, escaped XHTML for inside <body>. */
  body: string;
}

export interface BinaryFile {
  /** Path inside OEBPS/. */
  href: string;
  /** The file's bytes. */
  data: Uint8Array;
}

/** Everything the zip is made of. */
export interface PackageInput {
  /** The publication's title, for the library's own metadata. */
  title: string;
  /** The publication's language. */
  lang: string;
  /** The stylesheet, @font-face rules included. */
  css: string;
  /** The XHTML pages in spine order. */
  pages: PageFile[];
  /** The view model for content.opf, toc.xhtml and toc.ncx (see templates/epub/). */
  book: object;
  /** The embedded font files. */
  fonts: BinaryFile[];
  /** The figures' and cover's images. */
  images: BinaryFile[];
  /** The one timestamp of every zip entry (the build date). */
  zipDate: Date;
  /** Where warnings go. */
  diagnostics: Diagnostics;
}

const TEMPLATE_DIR = path.join(PACKAGE_ROOT, 'templates', 'epub');
const templates = memo<string, string>('epub templates', 8);
function template(name: string): string {
  return templates.getOrMake(name, () => readFileSync(path.join(TEMPLATE_DIR, name), 'utf8'));
}

const DISPLAY_OPTIONS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<display_options><platform name="*"><option name="specified-fonts">true</option></platform></display_options>\n';

/**
 * Stands in for the library's JSZip: keeps the files it is given, in the order given (a file added again
 * keeps its first place, as in JSZip). Reading them back out of JSZip costs a round of its asynchronous
 * stream machinery per file; here they are simply there.
 */
class FileRecorder {
  constructor(
    readonly files: Map<string, Uint8Array>,
    private readonly prefix = '',
  ) {}

  file(name: string, data: string | Uint8Array | ArrayBuffer): this {
    this.files.set(this.prefix + name, typeof data === 'string' ? utf8.encode(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data);
    return this;
  }

  folder(name: string): FileRecorder {
    return new FileRecorder(this.files, `${this.prefix}${name}/`);
  }
}
const utf8 = new TextEncoder();

class LocalEpub extends EPub {
  private fonts: BinaryFile[] = [];
  private imageFiles: BinaryFile[] = [];
  private zipDate = new Date(0);
  // The library's constructor has written `mimetype` into its own zip; it is first here too.
  private readonly recorder = new FileRecorder(new Map([['mimetype', utf8.encode('application/epub+zip')]]));

  static create(options: Options, pages: PageFile[], fonts: BinaryFile[], images: BinaryFile[], zipDate: Date): LocalEpub {
    // `content: ''` keeps the library's HTML rewriting (and its image downloader) out of the way: the
    // pages reach chapter.xhtml.ejs through the `page` field, already rendered and escaped.
    const epub = new LocalEpub(options, pages.map((page) => ({ title: page.title, filename: page.filename, content: '', page })));
    epub.fonts = fonts;
    epub.imageFiles = images;
    epub.zipDate = zipDate;
    epub.zip = epub.recorder as unknown as EPub['zip'];
    return epub;
  }

  protected override async downloadAllFonts(): Promise<void> {
    this.addLocal(this.fonts);
  }

  protected override async downloadAllImages(): Promise<void> {
    this.addLocal(this.imageFiles);
  }

  private addLocal(files: readonly BinaryFile[]): void {
    const oebps = this.recorder.folder('OEBPS');
    for (const file of files) oebps.file(file.href, file.data);
  }

  protected override async makeCover(): Promise<void> {}

  async bytes(): Promise<Uint8Array> {
    await this.render();
    // Apple Books uses embedded fonts only when told to; epub-gen-memory writes this file for EPUB 2 only.
    this.recorder.file('META-INF/com.apple.ibooks.display-options.xml', DISPLAY_OPTIONS);
    // Our own zip writer: fixed dates, the library's entry order (mimetype first, stored), and each
    // embedded font compressed once per process instead of once per book.
    const entries: ZipEntry[] = [...this.recorder.files].map(([name, data]) => ({ name, data, store: name === 'mimetype' }));
    return writeZip(entries, this.zipDate);
  }
}

export async function writePackage(input: PackageInput): Promise<Uint8Array> {
  const options = {
    title: input.title,
    lang: input.lang,
    css: input.css,
    version: 3,
    contentOPF: template('content.opf.ejs'),
    chapterXHTML: template('chapter.xhtml.ejs'),
    tocXHTML: template('toc.xhtml.ejs'),
    tocNCX: template('toc.ncx.ejs'),
    fonts: [],
    // The library's own date defaults to "now"; nothing of it reaches the output, but keep it fixed anyway.
    date: input.zipDate.toISOString(),
    verbose: (type: string, ...args: unknown[]) => {
      if (type === 'warn') input.diagnostics.warn(`epub: ${args.map(String).join(' ')}`);
    },
    book: input.book,
  } satisfies Options & { book: object };
  return LocalEpub.create(options, input.pages, input.fonts, input.images, input.zipDate).bytes();
}
