import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure TypeScript, parallel) and `conformance` (real keepalived, nft and
 * network namespaces; root only, one file at a time so namespaces never collide).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
