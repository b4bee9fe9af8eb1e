// The one home of in-process caches and lazily made values. Every one is bounded the same way (about the
// least recently used entries go first once a cache holds its limit), has a name, and is emptied by
// clearCaches(), so a long batch or a long-lived host never grows them without end and a test can start
// cold. Nothing else in src/ keeps state between calls (the disk cache aside).

/** A bounded map: a get counts as a use; past `limit` entries one not used for longest (about) goes. */
export interface Memo<K, V> {
  /** The value for `key`, which now counts as recently used; undefined when absent. */
  get(key: K): V | undefined;
  /** Stores `value` under `key`, dropping one entry not used for longest (about) if the memo is full. */
  set(key: K, value: V): void;
  /** Whether `key` has a value (not counted as a use). */
  has(key: K): boolean;
  /** The value for `key`, made by `make` and stored when absent. */
  getOrMake(key: K, make: (key: K) => V): V;
  /** How many entries it holds. */
  readonly size: number;
}

/**
 * Least recently used, approximated the way operating systems page ("second chance", or CLOCK): a get
 * only marks its entry used, and the entry that goes is the oldest not used since it was last passed
 * over; used ones passed over move to the recent end, unmarked. A hit costs one lookup, where moving the
 * key to the recent end on every get cost two more hash operations; itemization and shaping ask per
 * character and per word, and that move was a tenth of a large article's PDF time.
 */
class LeastRecentlyUsed<K, V> implements Memo<K, V> {
  private readonly entries = new Map<K, { value: V; used: boolean }>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      entry.value = value;
      entry.used = true;
      return;
    }
    if (this.entries.size >= this.limit) this.evict();
    this.entries.set(key, { value, used: false });
  }

  getOrMake(key: K, make: (key: K) => V): V {
    const found = this.get(key);
    if (found !== undefined) return found;
    const made = make(key);
    this.set(key, made);
    return made;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops the oldest entry not used since it was last passed over; each used one passed over starts again. */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      this.entries.delete(key);
      if (!entry.used) return;
      entry.used = false;
      this.entries.set(key, entry);
    }
  }
}

const registry = new Map<string, { clear(): void; readonly size: number }>();

function register<T extends { clear(): void; readonly size: number }>(name: string, cache: T): T {
  if (registry.has(name)) throw new Error(`memo "${name}" is declared twice`);
  registry.set(name, cache);
  return cache;
}

/** A named bounded cache. `name` must be unique: it is how cacheSizes() reports it. */
export function memo<K, V>(name: string, limit: number): Memo<K, V> {
  return register(name, new LeastRecentlyUsed<K, V>(limit));
}

/** A value made on first use and kept until clearCaches() (a parser, a WebAssembly instance, a table). */
export function lazy<T>(name: string, make: () => T): () => T {
  let made: { value: T } | undefined;
  register(name, {
    clear: () => {
      made = undefined;
    },
    get size() {
      return made ? 1 : 0;
    },
  });
  return () => (made ??= { value: make() }).value;
}

/** Empties every memo and forgets every lazy value: the next use starts cold. */
export function clearCaches(): void {
  for (const cache of registry.values()) cache.clear();
}

/** The number of entries of every memo by name (tests check the bounds through this). */
export function cacheSizes(): Record<string, number> {
  return Object.fromEntries([...registry].map(([name, cache]) => [name, cache.size]));
}
