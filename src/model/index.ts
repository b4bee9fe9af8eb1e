export * from './schema.js';
export * from './book.js';
export { resolveArticle, detectLanguage, directionOf, type ResolveOptions } from './language.js';
export { inlineText, blockText, blocksText, usesInline } from './text.js';
