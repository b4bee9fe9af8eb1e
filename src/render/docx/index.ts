import type { Article } from '../../model/schema.js';
import type { RenderContext } from '../context.js';

// Placeholder until the docx renderer lands: refuses honestly rather than writing a fake document.
export async function renderDocx(article: Article, context: RenderContext): Promise<Uint8Array> {
  void article;
  void context;
  throw new Error('the docx renderer is not implemented yet');
}
