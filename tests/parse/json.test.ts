import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleJsonSchema } from '../../src/model/json-schema.js';
import { parseFile, parseString } from '../../src/parse/index.js';

describe('JSON reader', () => {
  it('round-trips the model of the sample', async () => {
    const article = await parseFile(path.join(import.meta.dirname, '..', '..', 'content', 'alaska-summit.txt'));
    expect(parseString(JSON.stringify(article), 'json')).toEqual(article);
  });

  it('keeps unknown meta fields and names the bad path', () => {
    const a = parseString(JSON.stringify({ meta: { title: 'T', desk: { x: 1 } }, blocks: [] }), 'json');
    expect(a.meta.desk).toEqual({ x: 1 });
    expect(() => parseString('{"meta":{"title":"T"},"blocks":[{"type":"heading","level":9,"children":[]}]}', 'json', { file: 'b.json' })).toThrow(
      /^b\.json: invalid article at blocks\.0/,
    );
    expect(() => parseString('{"meta":', 'json', { file: 'c.json' })).toThrow(/^c\.json: not valid JSON/);
    expect(() => parseString('{"meta":{"title":"T","lang":"not a tag!"},"blocks":[]}', 'json', { file: 'd.json' })).toThrow(/^d\.json: invalid article at meta\.lang/);
  });

  it('publishes a JSON Schema that matches the model', () => {
    const published = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'src', 'model', 'article.schema.json'), 'utf8'));
    expect(published).toEqual(articleJsonSchema());
  });
});
