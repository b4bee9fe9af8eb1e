import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleJsonSchema } from '../../src/model/json-schema.js';
import { parseString } from '../../src/parse/index.js';
import { sample } from '../support/articles.js';
import { ROOT } from '../support/paths.js';

describe('JSON reader', () => {
  it('round-trips the model of the sample', async () => {
    const article = await sample();
    expect(await parseString(JSON.stringify(article), 'json')).toEqual(article);
  });

  it('keeps unknown meta fields and names the bad path', async () => {
    const a = await parseString(JSON.stringify({ meta: { title: 'T', desk: { x: 1 } }, blocks: [] }), 'json');
    expect(a.meta.desk).toEqual({ x: 1 });
    await expect(parseString('{"meta":{"title":"T"},"blocks":[{"type":"heading","level":9,"children":[]}]}', 'json', { file: 'b.json' })).rejects.toThrow(
      /^b\.json: invalid article at blocks\.0/,
    );
    await expect(parseString('{"meta":', 'json', { file: 'c.json' })).rejects.toThrow(/^c\.json: not valid JSON/);
    await expect(parseString('{"meta":{"title":"T","lang":"not a tag!"},"blocks":[]}', 'json', { file: 'd.json' })).rejects.toThrow(/^d\.json: invalid article at meta\.lang/);
  });

  it('publishes a JSON Schema that matches the model', () => {
    const published = JSON.parse(readFileSync(path.join(ROOT, 'src', 'model', 'article.schema.json'), 'utf8'));
    expect(published).toEqual(articleJsonSchema());
  });
});
