import { FastDeployError } from "./errors.js";

/**
 * Progressive rollout, the pure part: how `waves: [1, 50%, 100%]` and `bake: 10m` read, and
 * which targets each wave deploys. Waves are cumulative (how many targets have the version
 * once the wave is done), so `[1, 50%, 100%]` over four targets deploys 1, then 1 more, then
 * the last 2. The config loader and the distribute inputs share these parsers.
 */

/** One wave as written: a number of targets, or a share of them. */
export type WaveSize = { count: number } | { percent: number };

export interface RolloutSpec {
  waves: WaveSize[];
  /** How long health keeps being checked after each wave, in milliseconds (0: no bake). */
  bakeMs: number;
}

export class RolloutError extends FastDeployError {
  override name = "RolloutError";
}

export const MAX_WAVES = 100;
const MAX_BAKE_MS = 24 * 3_600_000;
const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** A wave size from YAML or input text: `3` (targets) or `25%`. Returns a reason when invalid. */
export function parseWaveSize(value: unknown): WaveSize | string {
  if (typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value.trim()))) {
    const count = Number(value);
    if (!Number.isInteger(count) || count < 1 || count > 100_000) {
      return `${String(value)} must be a whole number of targets from 1 to 100000, or a share such as 50%`;
    }
    return { count };
  }
  const match = typeof value === "string" ? PERCENT.exec(value.trim()) : null;
  if (!match) return `${JSON.stringify(value)} must be a number of targets (3) or a share (25%)`;
  const percent = Number(match[1]);
  if (!(percent > 0 && percent <= 100))
    return `${String(value)} must be a share above 0% and at most 100%`;
  return { percent };
}

/**
 * The waves as a whole: sizes that grow (cumulative), at most MAX_WAVES. Counts and shares
 * compare only once the targets are known, so a mixed list is checked in `planWaves`.
 */
export function checkWaveSizes(waves: readonly WaveSize[]): string | undefined {
  if (waves.length === 0) return "list at least one wave, e.g. [1, 50%, 100%]";
  if (waves.length > MAX_WAVES) return `at most ${MAX_WAVES} waves`;
  for (let i = 1; i < waves.length; i++) {
    const [before, now] = [waves[i - 1]!, waves[i]!];
    const grows =
      "count" in before && "count" in now
        ? now.count > before.count
        : "percent" in before && "percent" in now
          ? now.percent > before.percent
          : true;
    if (!grows) {
      return `wave ${i + 1} (${formatWaveSize(now)}) is not larger than wave ${i} (${formatWaveSize(before)}); waves are cumulative, so each one counts every target done so far`;
    }
  }
  return undefined;
}

/** The `waves` input: `1, 50%, 100%`, one per line, or a JSON array such as `[1, "50%"]`. */
export function parseWaves(text: string): WaveSize[] {
  const trimmed = text.trim();
  let items: unknown[];
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (!Array.isArray(parsed)) throw new Error();
      items = parsed;
    } catch {
      throw new RolloutError(`"${text}" is not a JSON array; write it as 1, 50%, 100%.`);
    }
  } else {
    items = trimmed
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean);
  }
  const waves = items.map((item, i) => {
    const size = parseWaveSize(item);
    if (typeof size === "string") throw new RolloutError(`item ${i + 1}: ${size}.`);
    return size;
  });
  const problem = checkWaveSizes(waves);
  if (problem) throw new RolloutError(`${problem}.`);
  return waves;
}

/**
 * A duration with units: `90s`, `10m`, `1h30m`; `0` turns the bake off. Returns milliseconds,
 * or a reason. A bare number is refused: `10` could mean seconds or minutes.
 */
export function parseDuration(value: unknown): number | string {
  const text =
    typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (text === "0") return 0;
  const match = DURATION.exec(text);
  if (!text || !match) {
    return `${JSON.stringify(value)} must be a duration such as 30s, 10m or 1h30m (or 0 for none)`;
  }
  const [, h = "0", m = "0", s = "0"] = match;
  const ms = (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
  if (ms > MAX_BAKE_MS) return `${text} is longer than 24h`;
  return ms;
}

export function formatWaveSize(size: WaveSize): string {
  return "count" in size ? String(size.count) : `${size.percent}%`;
}

/**
 * The targets each wave deploys, in the listed order: wave k takes the targets between the
 * cumulative size of wave k-1 and its own. A share rounds up (1% of 4 targets is 1: a wave
 * never rounds to nothing), a size beyond the list stops at its end, waves that add no target
 * are dropped, and targets left after the last wave form a final one: a rollout always ends
 * with every target on the version.
 */
export function planWaves(targets: readonly string[], waves: readonly WaveSize[]): string[][] {
  const total = targets.length;
  const plan: string[][] = [];
  let done = 0;
  for (const size of waves) {
    const upTo =
      "count" in size
        ? Math.min(size.count, total)
        : Math.min(total, Math.ceil((size.percent * total) / 100 - 1e-9));
    if (upTo <= done) continue;
    plan.push(targets.slice(done, upTo));
    done = upTo;
  }
  if (done < total) plan.push(targets.slice(done));
  return plan;
}

/**
 * How often the bake checks health: ten rounds per bake, at least 1 s and at most 30 s apart,
 * so a 10-minute bake checks every 30 s and a 5-second one every second.
 */
export function bakeInterval(bakeMs: number): number {
  return Math.min(30_000, Math.max(1_000, Math.floor(bakeMs / 10)));
}

export function formatBake(ms: number): string {
  if (ms === 0) return "0";
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}` || `${ms}ms`;
}
