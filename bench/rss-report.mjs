// Preloaded with `node --import` into a bundled action: reports the process's peak RSS on
// exit, so a benchmark measures the real action without changing it.
//
// On Linux the figure is VmHWM from /proc/self/status: the high-water mark of this process's
// own memory since it started the action. getrusage's ru_maxrss (process.resourceUsage()) is
// no use here: Linux carries it across fork and exec, so a process spawned by a benchmark that
// holds a few hundred MB (the local GitHub, vite) reports the benchmark's size, not its own.
import { readFileSync, writeFileSync } from "node:fs";

function peakRss() {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kib) return Number(kib) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
}

process.on("exit", () => {
  const target = process.env.FASTDEPLOY_BENCH_RSS_FILE;
  if (target) writeFileSync(target, String(peakRss()));
});
