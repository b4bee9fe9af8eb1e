// The typed library API.
export { parseFile, parseFile as parse, parseString, type InputFormat, type ParseOptions } from './parse/index.js';
export { parseBook, type BookOptions } from './parse/book.js';
export { build, buildBook, buildFile, renderAll, type BookBuildOptions } from './app/build.js';
export { OUTPUT_FORMATS, PRINT_SUFFIX, type OutputFormat, type OutputName, type PrintRequest, type BuildOptions, type BuildResult, type BatchResult } from './app/options.js';
export { renderPdf, renderPdfBook } from './render/pdf/index.js';
export { renderEpub, renderEpubBook } from './render/epub/index.js';
export { renderDocx, renderDocxBook } from './render/docx/index.js';
export { resolveBuildDate, resolveBookBuildDate, type RenderContext, type PressOptions, type Renderer, type BookRenderer } from './render/context.js';
export { loadTheme, type Theme, type PageSize } from './theme/index.js';
export * from './model/index.js';
export { UsageError, UserError, type Diagnostics } from './support/errors.js';
export { startServer, type ServeOptions, type RunningServer } from './serve/index.js';
