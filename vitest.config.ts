import { defineConfig } from 'vitest/config';

// One vitest run covers every package. The backend is chosen by DATABASE_URL:
// unset → embedded PGlite (in memory per test file), set → that PostgreSQL,
// with one schema per test file so files can run in parallel.
export default defineConfig({
  test: {
    projects: ['engine', 'runtime', 'tests', 'plugins'],
  },
});
