// Reader for books: a book.yaml (title, subtitle, editor, date, language, cover, articles) or a list of
// article files and folders bound in the order given, or by date.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError, type Diagnostics } from '../support/errors.js';
import { BookSchema, type Book } from '../model/book.js';
import { directionOf } from '../model/language.js';
import type { Article } from '../model/schema.js';
import { parseFile, type ParseOptions } from './index.js';
import { expandInputs } from './inputs.js';
import { readYaml } from './yaml.js';
import { outsideRoot, readRoot, type ReadRoot } from '../support/read-root.js';
import { PARSE_OPTIONS } from '../support/validation.js';

export interface BookOptions {
  /** The book's title when no book.yaml gives one. */
  title?: string | undefined;
  /** The articles' order: as given (the default), or by date, oldest first and undated ones last. */
  order?: 'given' | 'date' | undefined;
  /** `--lang`: the book's language, and every article's, over what the files say. */
  lang?: string | undefined;
  /** Where the readers' warnings go; none are reported when absent. */
  diagnostics?: Diagnostics | undefined;
  /** Extra boilerplate phrases for plain-text and HTML articles, added to the bundled list. */
  boilerplate?: readonly string[] | undefined;
  /** Where a book.yaml's articles may be read from; the book.yaml's folder when absent. */
  readRoot?: ReadRoot | undefined;
}

interface BookFile {
  meta: Record<string, unknown>;
  articles: string[];
}

/** A book.yaml's articles that lie inside the root; each other one is skipped with a warning naming it. */
function confinedArticles(files: readonly string[], root: ReadRoot, where: string, diagnostics: Diagnostics | undefined): string[] {
  return files.filter((file) => {
    const outside = outsideRoot(file, root);
    // A missing file is left for the reader to refuse, as before; only a file outside is skipped here.
    if (outside === undefined || outside.startsWith('not found')) return true;
    diagnostics?.warn(`${where}: article "${file}" ${outside}; skipped`);
    return false;
  });
}

export function isBookFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** Reads a book from a book.yaml, or from article files and folders. */
export async function parseBook(inputs: readonly string[], options: BookOptions = {}): Promise<Book> {
  const [first] = inputs;
  const fromYaml = inputs.length === 1 && first !== undefined && isBookFile(first) ? await readBookFile(first) : undefined;
  const where = fromYaml ? first! : inputs.join(', ');
  const files = fromYaml ? confinedArticles(fromYaml.articles, options.readRoot ?? readRoot([path.dirname(path.resolve(first!))]), where, options.diagnostics) : await expandInputs(inputs, { root: options.readRoot?.folders, allowOutside: options.readRoot?.unrestricted, diagnostics: options.diagnostics });
  if (files.length === 0) throw new UserError(`${where}: a book needs at least one article`);
  const parseOptions: ParseOptions = { lang: options.lang, diagnostics: options.diagnostics, boilerplate: options.boilerplate };
  let articles: Article[] = [];
  for (const file of files) articles.push(await parseFile(file, parseOptions));
  if (options.order === 'date') articles = byDate(articles);

  const meta = fromYaml?.meta ?? {};
  const title = stringField(meta, 'title', where) ?? options.title ?? defaultTitle(inputs);
  if (!title) throw new UserError(`${where}: the book has no title (give --title or a book.yaml with "title:")`);
  const lang = options.lang ?? stringField(meta, 'language', where) ?? stringField(meta, 'lang', where) ?? articles[0]!.meta.lang;
  const result = BookSchema.safeParse(
    {
      meta: {
        ...meta,
        title,
        editors: listField(meta, 'editors') ?? listField(meta, 'editor') ?? [],
        lang,
        dir: stringField(meta, 'dir', where) ?? directionOf(lang),
      },
      articles,
    },
    PARSE_OPTIONS,
  );
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UserError(`${where}: invalid book at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data as Book;
}

async function readBookFile(file: string): Promise<BookFile> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const value = readYaml(source, file, 'YAML');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError(`${file}: a book.yaml is a mapping of keys (title, articles, …)`);
  const { articles, ...meta } = value as Record<string, unknown>;
  if (!Array.isArray(articles) || articles.some((a) => typeof a !== 'string')) {
    throw new UserError(`${file}: "articles" must be a list of article files`);
  }
  const folder = path.dirname(file);
  // The date may be a YAML date or a string; other keys are kept as the book's meta.
  const normalised: Record<string, unknown> = { ...meta };
  if (normalised.date instanceof Date) normalised.date = normalised.date.toISOString().slice(0, 10);
  return { meta: normalised, articles: articles.map((a: string) => path.resolve(folder, a)) };
}

function stringField(meta: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = meta[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new UserError(`${where}: "${key}" must be text`);
  return String(value);
}

function listField(meta: Record<string, unknown>, key: string): string[] | undefined {
  const value = meta[key];
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** A single folder names the book after itself. */
function defaultTitle(inputs: readonly string[]): string | undefined {
  return inputs.length === 1 && inputs[0] && !path.extname(inputs[0]) ? path.basename(path.resolve(inputs[0])) : undefined;
}

/** Oldest first; undated articles keep their order, after the dated ones. */
function byDate(articles: Article[]): Article[] {
  const dated = articles.filter((a) => a.meta.date).sort((a, b) => (a.meta.date! < b.meta.date! ? -1 : a.meta.date! > b.meta.date! ? 1 : 0));
  return [...dated, ...articles.filter((a) => !a.meta.date)];
}
