import type Bottleneck from "bottleneck";
import { splitSchedule } from "./throttle-limiters.js";

/**
 * How fast writes (POST, PATCH, PUT, DELETE) go out: a token bucket. A burst of writes goes out
 * at once; beyond it, one write per interval.
 *
 * GitHub asks for a second between writes only for "a large number" of them ("Pause between
 * mutative requests", https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api),
 * and caps content creation at 80 requests a minute ("About secondary rate limits",
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
 * A burst of 20 then one a second stays at 80 in any first minute and under it afterwards, while
 * a publish (about 7 writes) or a deploy to a few targets never waits. Neither document asks
 * for more spacing before creating a release, so nothing else waits (octokit's throttling
 * plugin, by default, holds such requests 3 s apart).
 */
export interface WritePacingOptions {
  /** Writes that go out without waiting when the bucket is full. */
  burst: number;
  /** One more write is allowed per interval beyond the burst; 0 paces nothing. */
  intervalMs: number;
  now?: () => number;
}

export const DEFAULT_WRITE_BURST = 20;
export const DEFAULT_WRITE_INTERVAL_MS = 1000;

export class WritePacer {
  private tokens: number;
  private refilledAt: number;
  private readonly waiting: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly options: WritePacingOptions) {
    if (!(options.burst >= 1))
      throw new Error(`a write burst must be at least 1, got ${options.burst}`);
    this.now = options.now ?? Date.now;
    this.tokens = options.burst;
    this.refilledAt = this.now();
  }

  /** Resolves when the next write may go out; writes go out in the order they asked. */
  acquire(): Promise<void> {
    if (this.options.intervalMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.release();
    });
  }

  private refill() {
    const now = this.now();
    const earned = (now - this.refilledAt) / this.options.intervalMs;
    this.tokens = Math.min(this.options.burst, this.tokens + earned);
    this.refilledAt = now;
  }

  private release() {
    this.refill();
    while (this.waiting.length && this.tokens >= 1) {
      this.tokens -= 1;
      this.waiting.shift()!();
    }
    if (!this.waiting.length || this.timer) return;
    // A referenced timer: a write waiting for its turn keeps the process alive.
    const wait = Math.ceil((1 - this.tokens) * this.options.intervalMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.release();
    }, wait);
  }
}

/**
 * The pacer in the shape octokit's throttling plugin schedules writes through (a Bottleneck
 * group: `write.key(id).schedule(jobOptions, task)`). Retries come with `weight: 0`: the
 * plugin or GitHub's `retry-after` already decided when they go, so they take no token.
 */
export function throttleGroup(pacer: WritePacer | undefined): Bottleneck.Group {
  const schedule = async (...args: unknown[]) => {
    const { options, task, rest } = splitSchedule(args);
    if (pacer && options.weight !== 0) await pacer.acquire();
    return task(...rest);
  };
  const limiter = { schedule };
  return { key: () => limiter } as unknown as Bottleneck.Group;
}
