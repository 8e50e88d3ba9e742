import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    setupFiles: ['src/testing/setup-contract.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Generous: a test asserts behaviour, never speed, and must pass on a loaded 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    retry: 0,
  },
});
