import { bakeInterval, formatBake, type WaveRecord } from "@fastdeploy/core";
import {
  deployTargets,
  healthContext,
  label,
  type RunShell,
  type TargetResult,
  type TargetRun,
} from "./distribute-targets.js";
import { abortableSleep } from "./health-check.js";
import type { Log } from "./ports.js";
import { checkTargetHealth } from "./target-health.js";
import { runPool } from "./target-pool.js";

/**
 * A progressive rollout inside one deployment: each wave deploys its targets (bounded by
 * `parallel`, the first failure stopping new starts, as any fan-out), then bakes: for the
 * bake's length every target of the wave is checked again and again (health URL and health
 * command). The next wave starts only when the whole wave stayed healthy. On the first failure
 * nothing else starts, and the caller puts back exactly the targets `touched` lists.
 */

export type WaveStatus = "healthy" | "already_deployed" | "failed" | "cancelled" | "not_started";

export interface WaveResult {
  /** 1-based. */
  wave: number;
  targets: string[];
  status: WaveStatus;
  /** How long the wave baked (0: no bake, or it never got there). */
  bakedMs: number;
  /** The first target that failed, and why. */
  failedTarget?: string;
  detail?: string;
}

export interface WavesRun extends Omit<TargetRun, "targets"> {
  /** The targets of each wave, in order (see `planWaves`). */
  waves: string[][];
  bakeMs: number;
  /** The first this many targets already run the version healthy (an interrupted rollout). */
  carried: number;
  /** Told when a wave baked healthy (the ledger records it); awaited before returning. */
  onWaveHealthy: (record: WaveRecord) => Promise<void>;
}

export interface WavesOutcome {
  targets: TargetResult[];
  waves: WaveResult[];
  /** Every target that received the version: the carried ones and each one whose command started. */
  touched: string[];
}

export async function deployWaves(
  run: WavesRun,
  ports: { log: Log; runShell: RunShell; sleep?: typeof abortableSleep },
): Promise<WavesOutcome> {
  const { log } = ports;
  const all = run.waves.flat();
  const total = all.length;
  const prefixed = total > 1;
  const targets: TargetResult[] = [];
  const waves: WaveResult[] = [];
  const touched: string[] = all.slice(0, run.carried);
  let halted: WaveResult | undefined;
  let done = 0;
  let recorded: Promise<void> = Promise.resolve();

  for (const [index, wave] of run.waves.entries()) {
    const number = index + 1;
    const name = `Wave ${number}/${run.waves.length}`;
    const result: WaveResult = { wave: number, targets: wave, status: "not_started", bakedMs: 0 };
    waves.push(result);
    const fresh = wave.filter((_, i) => done + i >= run.carried);
    const carried = wave.filter((_, i) => done + i < run.carried);
    done += wave.length;
    for (const target of carried) targets.push(alreadyHealthy(target));
    if (halted) {
      for (const target of fresh) {
        targets.push(
          halted.status === "cancelled"
            ? notStarted(target, "cancelled", "cancelled")
            : notStarted(target, `wave ${halted.wave} failed`),
        );
      }
      continue;
    }
    if (run.signal?.aborted) {
      result.status = "cancelled";
      for (const target of fresh) targets.push(notStarted(target, "cancelled", "cancelled"));
      halted = result;
      continue;
    }
    if (fresh.length === 0) {
      result.status = "already_deployed";
      log.info(`${name}: ${wave.join(", ")} already run the version healthy; skipped.`);
      continue;
    }
    const which = fresh.length > 10 ? `${fresh[0]} … ${fresh.at(-1)}` : fresh.join(", ");
    log.info(
      `${name}: deploying ${which} (${fresh.length} target${fresh.length === 1 ? "" : "s"})`,
    );
    const results = await deployTargets({ ...run, targets: fresh, prefixed }, ports);
    targets.push(...results);
    touched.push(...results.filter((r) => !neverStarted(r)).map((r) => r.target));
    const failed = results.find((r) => r.status !== "success");
    if (failed) {
      result.status = failed.status === "cancelled" ? "cancelled" : "failed";
      result.failedTarget = failed.target;
      result.detail = failed.detail ?? failed.status;
      halted = result;
      continue;
    }
    if (run.bakeMs > 0) {
      const baked = await bakeWave(wave, run, ports, name, prefixed);
      result.bakedMs = baked.bakedMs;
      if (!baked.healthy) {
        result.status = baked.cancelled ? "cancelled" : "failed";
        result.failedTarget = baked.target;
        result.detail = baked.detail;
        const row = targets.find((t) => t.target === baked.target);
        if (row && !baked.cancelled) {
          Object.assign(row, { status: "unhealthy", health: "unhealthy", detail: baked.detail });
        }
        halted = result;
        continue;
      }
    }
    result.status = "healthy";
    if (number < run.waves.length) {
      // Recorded while the next wave already deploys: the record only lets a re-run skip
      // these targets, so one lost with the run costs a redeploy, never a wrong skip. The
      // writes stay in order, and all land before the caller writes the final status.
      const record = { wave: number, waves: run.waves.length, done, total };
      recorded = recorded.then(() =>
        run.onWaveHealthy(record).catch((error: unknown) => {
          const why = error instanceof Error ? error.message : String(error);
          log.warning(
            `Could not record wave ${number} in the ledger (${why}); a re-run deploys its targets again.`,
          );
        }),
      );
    }
  }
  await recorded;
  return { targets, waves, touched };
}

/** The `waves` output: one object per wave, snake_case as every JSON output. */
export function waveResultsJson(waves: readonly WaveResult[]): string {
  return JSON.stringify(
    waves.map((w) => ({
      wave: w.wave,
      targets: w.targets,
      status: w.status,
      baked_ms: w.bakedMs,
      ...(w.failedTarget ? { failed_target: w.failedTarget } : {}),
      ...(w.detail ? { detail: w.detail } : {}),
    })),
  );
}

type BakeOutcome =
  | { healthy: true; bakedMs: number }
  | { healthy: false; cancelled: boolean; target: string; detail: string; bakedMs: number };

/**
 * Checks every target of the wave each `bakeInterval` until the bake is over, the last round
 * at its very end; the first unhealthy answer ends it.
 */
async function bakeWave(
  wave: readonly string[],
  run: WavesRun,
  ports: { log: Log; runShell: RunShell; sleep?: typeof abortableSleep },
  name: string,
  prefixed: boolean,
): Promise<BakeOutcome> {
  const sleep = ports.sleep ?? abortableSleep;
  const started = Date.now();
  const deadline = started + run.bakeMs;
  const every = bakeInterval(run.bakeMs);
  const check = run.health;
  ports.log.info(
    check?.url || check?.command
      ? `${name}: baking ${formatBake(run.bakeMs)}, checking health every ${formatBake(every)}`
      : `${name}: baking ${formatBake(run.bakeMs)} (no health-url or health-command to check)`,
  );
  for (let round = 1; ; round++) {
    await sleep(Math.max(0, Math.min(every, deadline - Date.now())), run.signal);
    const bakedMs = Date.now() - started;
    if (run.signal?.aborted) {
      return { healthy: false, cancelled: true, target: wave[0]!, detail: "cancelled", bakedMs };
    }
    if (check?.url || check?.command) {
      let bad: Extract<BakeOutcome, { healthy: false }> | undefined;
      await runPool(
        wave,
        async (target) => {
          const context = healthContext(run, ports, label(target, prefixed));
          const verdict = await checkTargetHealth(target, check, context, "bake");
          if (!verdict.healthy && !bad) {
            bad = {
              healthy: false,
              cancelled: verdict.cancelled,
              target,
              detail: verdict.detail,
              bakedMs,
            };
          }
        },
        { limit: run.parallel, proceed: () => !bad && !run.signal?.aborted },
      );
      const lapse = bad as Extract<BakeOutcome, { healthy: false }> | undefined;
      if (lapse) {
        if (!lapse.cancelled)
          ports.log.warning(`${name}: ${label(lapse.target, true)}${lapse.detail}`);
        return lapse;
      }
    }
    if (Date.now() >= deadline) {
      ports.log.info(
        `${name}: healthy through the bake (${round} round${round === 1 ? "" : "s"} of checks)`,
      );
      return { healthy: true, bakedMs: Date.now() - started };
    }
  }
}

function alreadyHealthy(target: string): TargetResult {
  return {
    target,
    status: "already_deployed",
    durationMs: 0,
    health: "healthy",
    exitCode: null,
    detail: "already healthy on the version: an earlier run of this rollout deployed it",
  };
}

function notStarted(
  target: string,
  why: string,
  status: "skipped" | "cancelled" = "skipped",
): TargetResult {
  return {
    target,
    status,
    durationMs: 0,
    health: "not_checked",
    exitCode: null,
    detail: `not started: ${why}`,
  };
}

/** The fan-out marks the targets it never started so (see `deployTargets`). */
export function neverStarted(result: TargetResult): boolean {
  return result.exitCode === null && (result.detail ?? "").startsWith("not started");
}
