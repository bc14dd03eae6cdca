import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WaveRecord } from "@fastdeploy/core";
import { describe, expect, it } from "vitest";
import type { Log } from "../src/ports.js";
import { deployWaves, waveResultsJson } from "../src/rollout-waves.js";
import { runShell } from "../src/shell.js";

const cwd = mkdtempSync(join(tmpdir(), "fd-waves-"));
const log: Log = { info: () => {}, warning: () => {}, debug: () => {}, group: (_t, run) => run() };
const env = (target: string) => ({ ...process.env, FASTDEPLOY_TARGET: target, DIR: cwd });

/** Real shells; each appends its target to `ran` so the order of starts is visible. */
function run(extra: Partial<Parameters<typeof deployWaves>[0]> = {}) {
  const ran = join(cwd, `ran-${Math.random()}`);
  writeFileSync(ran, "");
  const records: WaveRecord[] = [];
  const started = deployWaves(
    {
      command: `echo "$FASTDEPLOY_TARGET" >> "${ran}"; test "$FASTDEPLOY_TARGET" != bad`,
      parallel: 2,
      cwd,
      env,
      timeoutMs: 10_000,
      waves: [["a"], ["b", "c"], ["d", "e"]],
      bakeMs: 0,
      carried: 0,
      onWaveHealthy: async (record) => {
        records.push(record);
      },
      ...extra,
    },
    { log, runShell },
  );
  return { started, records, ran: () => readFileSync(ran, "utf8").split("\n").filter(Boolean) };
}

describe("deployWaves", () => {
  it("records every wave but the last, with the targets done so far", async () => {
    const { started, records } = run();
    const outcome = await started;
    expect(outcome.waves.map((w) => w.status)).toEqual(["healthy", "healthy", "healthy"]);
    expect(records).toEqual([
      { wave: 1, waves: 3, done: 1, total: 5 },
      { wave: 2, waves: 3, done: 3, total: 5 },
    ]);
    expect(outcome.touched).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("skips carried targets, even part of a wave, and counts them as touched", async () => {
    const { started, ran } = run({ carried: 2 });
    const outcome = await started;
    expect(ran().sort()).toEqual(["c", "d", "e"]);
    expect(outcome.waves.map((w) => w.status)).toEqual(["already_deployed", "healthy", "healthy"]);
    expect(outcome.targets.map((t) => t.status)).toEqual([
      "already_deployed",
      "already_deployed",
      "success",
      "success",
      "success",
    ]);
    expect(outcome.touched.sort()).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("halts at the first failure: later waves never start", async () => {
    const { started, ran, records } = run({ waves: [["a"], ["bad"], ["d", "e"]] });
    const outcome = await started;
    expect(ran()).toEqual(["a", "bad"]);
    expect(records).toHaveLength(1);
    expect(outcome.touched).toEqual(["a", "bad"]);
    expect(JSON.parse(waveResultsJson(outcome.waves))).toEqual([
      { wave: 1, targets: ["a"], status: "healthy", baked_ms: 0 },
      {
        wave: 2,
        targets: ["bad"],
        status: "failed",
        baked_ms: 0,
        failed_target: "bad",
        detail: "the command exited with 1",
      },
      { wave: 3, targets: ["d", "e"], status: "not_started", baked_ms: 0 },
    ]);
    expect(outcome.targets.slice(2).map((t) => [t.status, t.detail])).toEqual([
      ["skipped", "not started: wave 2 failed"],
      ["skipped", "not started: wave 2 failed"],
    ]);
  });

  it("bakes: checks the wave again until the bake is over, and a lapse halts it", async () => {
    const counter = join(cwd, `checks-${Math.random()}`);
    // Healthy after the deploy and at the first bake round; the second round fails.
    const health = {
      command: `echo x >> "${counter}-$FASTDEPLOY_TARGET"; test $(wc -l < "${counter}-$FASTDEPLOY_TARGET") -lt 3`,
      timeoutMs: 5_000,
    };
    const { started, ran } = run({ waves: [["a"], ["b"]], bakeMs: 1_500, health });
    const outcome = await started;
    expect(ran()).toEqual(["a"]);
    expect(outcome.waves[0]).toMatchObject({
      status: "failed",
      failedTarget: "a",
      detail: "the health command exited with 1 during the bake",
    });
    expect(outcome.waves[0]!.bakedMs).toBeGreaterThanOrEqual(1_000);
    expect(outcome.targets[0]).toMatchObject({ status: "unhealthy", health: "unhealthy" });
  });

  it("stops a bake at once when the run is cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const { started: outcome } = run({
      waves: [["a"], ["b"]],
      bakeMs: 60_000,
      signal: controller.signal,
    });
    const result = await outcome;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.waves.map((w) => w.status)).toEqual(["cancelled", "not_started"]);
    expect(result.targets.map((t) => t.status)).toEqual(["success", "cancelled"]);
  });
});
