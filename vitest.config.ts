import { defineConfig } from 'vitest/config';

/**
 * Four projects: `unit` (pure TypeScript, parallel), `conformance` (real keepalived, nft and
 * network namespaces; root only, one file at a time so namespaces never collide), `kernel`
 * (a real Linux kernel with IPVS in user-mode Linux, test/kernel; root only, one file at a time)
 * and `gates` (the quality gates of npm test, each broken on purpose; run after the build).
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
      {
        test: {
          // The quality gates broken on purpose (test/gates); run after the build.
          name: 'gates',
          include: ['test/gates/**/*.test.ts'],
          environment: 'node',
          testTimeout: 200_000,
        },
      },
      {
        test: {
          name: 'kernel',
          include: ['test/kernel/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 1_500_000,
        },
      },
    ],
  },
});
