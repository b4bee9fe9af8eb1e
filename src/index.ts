// The typed library API.
export { parseFile, parseFile as parse, parseString, type InputFormat, type ParseOptions } from './parse/index.js';
export { build, buildFile, renderAll, OUTPUT_FORMATS, type OutputFormat, type BuildOptions, type BuildResult, type BatchResult } from './build.js';
export { renderPdf } from './render/pdf/index.js';
export { renderEpub } from './render/epub/index.js';
export { renderDocx } from './render/docx/index.js';
export { resolveBuildDate, type RenderContext, type Renderer } from './render/context.js';
export { loadTheme, type Theme, type PageSize } from './theme/index.js';
export * from './model/index.js';
export { UserError, type Diagnostics } from './errors.js';
