import { defineConfig } from 'vitest/config';

// scale/ starts several runtime processes on one database: PostgreSQL only (they cannot share
// an in-memory PGlite), so its files are part of the run only when DATABASE_URL is set
const postgresOnly = process.env.DATABASE_URL ? [] : ['scale/**'];

export default defineConfig({
  test: {
    name: 'tests',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'bench/**', 'conformance/**', ...postgresOnly],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
