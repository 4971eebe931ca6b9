import { defineConfig } from 'vitest/config';

// Three suites, run in order by `npm test` (scripts/test.mjs):
//   unit — pure rules (core/, *.unit.test.ts), no database;
//   api  — the HTTP API through app.inject on a fresh database per file (PGlite, or PostgreSQL when
//          TEST_DATABASE_URL is set);
//   e2e  — a real browser (Debian's chromium) against a real server.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'server/**/*.unit.test.ts', 'web/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'api',
          include: ['server/**/*.api.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
