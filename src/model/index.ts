export * from './schema.js';
export { resolveArticle, detectLanguage, directionOf, type ResolveOptions } from './language.js';
export { inlineText, blockText, blocksText, usesInline } from './text.js';
