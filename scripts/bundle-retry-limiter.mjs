// An esbuild plugin: @octokit/plugin-retry's `import Bottleneck from "bottleneck/light.js"`
// resolves to packages/github/src/retry-plugin-limiter.ts, a limiter of the same contract
// without Bottleneck's per-step timers (about 6-8 ms per request: bench/retry-cost.mjs). The
// throttling plugin takes its limiters through its options (throttle-limiters.ts); the retry
// plugin has no such option, so this is the one place it can be given. Only that importer is
// redirected: everything else that imports Bottleneck gets Bottleneck.
import { join } from "node:path";

export function retryPluginLimiter(root) {
  return {
    name: "retry-plugin-limiter",
    setup(build) {
      build.onResolve({ filter: /^bottleneck\/light(\.js)?$/ }, (args) =>
        /[\\/]@octokit[\\/]plugin-retry[\\/]/.test(args.importer)
          ? { path: join(root, "packages/github/src/retry-plugin-limiter.ts") }
          : undefined,
      );
    },
  };
}
