// The one home of in-process caches and lazily made values. Every one is bounded the same way (least
// recently used entries go first once a cache holds its limit), has a name, and is emptied by
// clearCaches(), so a long batch or a long-lived host never grows them without end and a test can start
// cold. Nothing else in src/ keeps state between calls (the disk cache aside).

/** A bounded map: a get counts as a use; past `limit` entries the least recently used one goes. */
export interface Memo<K, V> {
  /** The value for `key`, which now counts as the most recently used; undefined when absent. */
  get(key: K): V | undefined;
  /** Stores `value` under `key`, dropping the least recently used entry if the memo is full. */
  set(key: K, value: V): void;
  /** Whether `key` has a value (not counted as a use). */
  has(key: K): boolean;
  /** The value for `key`, made by `make` and stored when absent. */
  getOrMake(key: K, make: (key: K) => V): V;
  /** How many entries it holds. */
  readonly size: number;
}

class LeastRecentlyUsed<K, V> implements Memo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting moves the key to the most recent end.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    if (this.entries.has(key)) this.entries.delete(key);
    else if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
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
