// Preloaded with `node --import` into a bundled action: reports the process's peak RSS on
// exit, so a benchmark measures the real action without changing it.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const target = process.env.FASTDEPLOY_BENCH_RSS_FILE;
  if (target) writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
});
