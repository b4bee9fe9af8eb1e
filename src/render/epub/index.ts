import type { Article } from '../../model/schema.js';
import type { RenderContext } from '../context.js';

// Placeholder until the epub renderer lands: refuses honestly rather than writing a fake document.
export async function renderEpub(article: Article, context: RenderContext): Promise<Uint8Array> {
  void article;
  void context;
  throw new Error('the epub renderer is not implemented yet');
}
