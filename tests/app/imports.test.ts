// Importing the library changes nothing of the host's: zod's global settings stay as they were (warraq
// passes its own options to each parse), and no V8 flag is set (only the command's entry sets any).
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

describe('importing warraq', () => {
  it('leaves zod\'s global configuration alone, and still validates with English messages', async () => {
    const before = { ...z.config() };
    const warraq = await import('../../src/index.js');
    expect({ ...z.config() }).toEqual(before);
    expect(() => warraq.resolveArticle({ meta: { title: 5 }, blocks: [] } as never)).toThrow(/expected string/i);
  });
});
