import type { Article } from '../../model/schema.js';
import type { RenderContext } from '../context.js';

// Placeholder until the pdf renderer lands: refuses honestly rather than writing a fake document.
export async function renderPdf(article: Article, context: RenderContext): Promise<Uint8Array> {
  void article;
  void context;
  throw new Error('the pdf renderer is not implemented yet');
}
