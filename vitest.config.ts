import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    setupFiles: ['src/testing/setup-contract.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Files share their worker's loaded modules (the app, the database engine, the report libraries)
    // instead of loading them again: each file still builds its own database, app and clients.
    isolate: false,
    // Generous: a test asserts behaviour, never speed, and must pass on a loaded 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    retry: 0,
  },
});
