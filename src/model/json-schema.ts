// The published JSON Schema of the .json input format, generated from the zod model so the two never drift.
import * as z from 'zod/mini';
import { ArticleInputSchema } from './schema.js';

export function articleJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ArticleInputSchema, { io: 'input', cycles: 'ref', reused: 'ref' }),
    $id: 'https://warraq.invalid/article.schema.json',
    title: 'warraq article',
  };
}
