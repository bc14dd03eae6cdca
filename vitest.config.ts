import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // @actions/workflow-parser imports JSON without import attributes; vite must transform it.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
