// The one memo helper: bounded with the least recently used entry going first, named, and emptied by
// clearCaches(); a lazy value is made once until then.
import { describe, expect, it } from 'vitest';
import { cacheSizes, clearCaches, lazy, memo } from '../../src/support/memo.js';

describe('memo', () => {
  it('never holds more than its limit, dropping the least recently used entry', () => {
    const m = memo<string, number>('test: lru', 3);
    m.set('a', 1);
    m.set('b', 2);
    m.set('c', 3);
    expect(m.get('a')).toBe(1); // a is now the most recently used
    m.set('d', 4);
    expect(m.size).toBe(3);
    expect(m.has('b')).toBe(false);
    expect([m.get('a'), m.get('c'), m.get('d')]).toEqual([1, 3, 4]);
    let made = 0;
    expect(m.getOrMake('e', () => ++made)).toBe(1);
    expect(m.getOrMake('e', () => ++made)).toBe(1);
    expect(made).toBe(1);
    expect(cacheSizes()['test: lru']).toBe(3);
  });

  it('is emptied by clearCaches, lazy values too, and refuses a name twice', () => {
    const m = memo<string, number>('test: cleared', 10);
    m.set('x', 1);
    let made = 0;
    const value = lazy('test: lazy', () => ({ n: ++made }));
    expect(value()).toBe(value());
    clearCaches();
    expect(m.size).toBe(0);
    expect(value().n).toBe(2);
    expect(() => memo('test: cleared', 1)).toThrow(/declared twice/);
  });
});
