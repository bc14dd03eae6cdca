// Preloaded with `node --import` by bench/startup.mjs into a start that ends with the process
// (an action refusing its input): writes the main thread's CPU time at exit, in ms, from
// /proc/thread-self/schedstat (ns), so the bench reads the same measure as for a request.
import { readFileSync, writeFileSync } from "node:fs";

process.on("exit", () => {
  const target = process.env.FASTDEPLOY_BENCH_CPU_FILE;
  if (!target) return;
  try {
    const [ns] = readFileSync("/proc/thread-self/schedstat", "utf8").split(" ");
    writeFileSync(target, String(Number(ns) / 1e6));
  } catch {
    // no /proc: the bench prints wall time only
  }
});
