// Reader for the model itself, serialised as JSON (schema: schema/article.schema.json).
import { UserError } from '../support/errors.js';
import type { ArticleInput } from '../model/schema.js';

export function parseJson(text: string, file: string): ArticleInput {
  try {
    return JSON.parse(text) as ArticleInput; // validated by resolveArticle, with the offending path named
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}
