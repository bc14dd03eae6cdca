// Shared helpers for the benchmarks: run a bundled action as the runner would (INPUT_*
// variables, file commands) and measure wall time and peak RSS; run a shell baseline.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export function parseSize(text, fallback) {
  if (!text) return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*(k|m|g)?i?b?$/i.exec(text.trim());
  if (!match) throw new Error(`cannot read size "${text}"`);
  const unit = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[(match[2] ?? "").toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

/** The middle value (the upper one of an even count): what every benchmark reports. */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Runs dist/<action>/index.js with inputs; returns {ms, rss, outputs, code}. */
export async function runBundled(action, inputs, { cwd, env = {} } = {}) {
  const temp = mkdtempSync(join(tmpdir(), "fd-bench-"));
  const files = {
    output: join(temp, "output"),
    rss: join(temp, "rss"),
    summary: join(temp, "summary"),
  };
  for (const f of Object.values(files)) writeFileSync(f, "");
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, "_").toUpperCase()}`, v]),
  );
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    ["--import", join(ROOT, "bench/rss-report.mjs"), join(ROOT, "dist", action, "index.js")],
    {
      cwd,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        ...inputEnv,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_WORKSPACE: cwd,
        RUNNER_TEMP: temp,
        FASTDEPLOY_BENCH_RSS_FILE: files.rss,
        ...env,
      },
    },
  );
  const code = await new Promise((ok) => child.on("exit", ok));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    ms,
    code,
    rss: Number(readFileSync(files.rss, "utf8") || 0),
    outputs: readFileSync(files.output, "utf8"),
  };
}

/** Times a shell pipeline (the baseline), in ms. */
export function timeShell(script, cwd) {
  const started = process.hrtime.bigint();
  execFileSync("/bin/bash", ["-o", "pipefail", "-c", script], {
    cwd,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return Number(process.hrtime.bigint() - started) / 1e6;
}
