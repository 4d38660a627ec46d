import { defineConfig } from "vitest/config";
import path from "node:path";

// Three projects: fast pure unit tests beside the code in lib/, integration tests that
// talk to a real database (PGlite and PostgreSQL), and system tests against production
// server processes (after the build).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts"],
          exclude: ["lib/**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "tests/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Real production servers on the build (tests/system/harness.ts): npm test runs
          // them after `next build`.
          name: "system",
          include: ["tests/system/**/*.system.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
