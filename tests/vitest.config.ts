import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'tests',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'bench/**', 'conformance/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
