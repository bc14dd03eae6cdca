import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // @actions/workflow-parser imports JSON without import attributes; vite must transform it.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
    coverage: {
      provider: "v8",
      // Thresholds hold the pure packages to a high bar; adapters and faces are covered by
      // the end-to-end tests, which run the bundles in child processes V8 cannot see.
      include: ["packages/core/src/**", "packages/artifact/src/**"],
      exclude: ["**/index.ts"],
      thresholds: { statements: 90, branches: 80, functions: 90, lines: 90 },
      reporter: ["text-summary"],
    },
  },
});
