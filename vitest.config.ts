import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tests/setup/compile.ts'],
    // A fresh font-subset cache per run: the tests subset for real, and never read a developer's cache.
    env: { WARRAQ_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'warraq-test-cache-')) },
  },
});
