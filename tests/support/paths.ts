// Where things are: the checkout, the sample article, the bundled fonts and themes, the test fixtures.
import path from 'node:path';

export const ROOT = path.join(import.meta.dirname, '..', '..');
/** The bundled sample article, as the command line reads it. */
export const SAMPLE = path.join(ROOT, 'content', 'alaska-summit.txt');
/** The command as a user runs it. */
export const BIN = path.join(ROOT, 'bin', 'warraq.js');
export const FONTS = path.join(ROOT, 'fonts');
export const TEMPLATES = path.join(ROOT, 'templates');

export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
/** Single articles in every input format, with the image one of them shows (map.png). */
export const ARTICLES = path.join(FIXTURES, 'articles');
/** The book: book.yaml and its three articles. */
export const BOOK = path.join(FIXTURES, 'book');
/** Saved web pages and their images. */
export const HTML = path.join(FIXTURES, 'html');
/** Real documents from public repositories, each with its entry in SOURCES.md (issue #15's corpus). */
export const REAL = path.join(FIXTURES, 'real');
