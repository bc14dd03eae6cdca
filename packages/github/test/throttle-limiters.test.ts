import { describe, expect, it } from "vitest";
import { concurrencyGroup, retryLimiter } from "../src/throttle-limiters.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("concurrencyGroup", () => {
  it("runs at most the limit at once, the rest in arrival order", async () => {
    const group = concurrencyGroup(2).key("any");
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      order.push(n);
      running -= 1;
      return n;
    };
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => group.schedule({ weight: 0 }, task(n))),
    );
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([3, 4, 5]);
  });

  it("frees its slot when a task fails", async () => {
    const group = concurrencyGroup(1).key("any");
    await expect(group.schedule(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await group.schedule(async () => "next")).toBe("next");
  });
});

describe("retryLimiter", () => {
  it("retries after the delay the failed listener gives, and stops when it gives none", async () => {
    const limiter = retryLimiter();
    const seen: Array<{ retryCount: number; args: unknown[] }> = [];
    limiter.on("failed", async (_error: unknown, info: { retryCount: number; args: unknown[] }) => {
      seen.push(info);
      return info.retryCount < 2 ? 20 : undefined;
    });
    let calls = 0;
    const started = Date.now();
    const flaky = async (a: string) => {
      calls += 1;
      throw new Error(`fail ${a} ${calls}`);
    };
    await expect(limiter.schedule(flaky, "x")).rejects.toThrow("fail x 3");
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(38);
    expect(seen.map((i) => i.retryCount)).toEqual([0, 1, 2]);
    expect(seen[0]!.args).toEqual(["x"]);

    let attempts = 0;
    const once = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("first");
      return "ok";
    };
    expect(await limiter.schedule(once)).toBe("ok");
  });

  it("keeps the task's own error when the failed listener throws, as Bottleneck does", async () => {
    const limiter = retryLimiter();
    // The retry plugin's listener reads error.request.request and throws on an error that
    // carries no request (the network unreachable): the task's error must still be what fails.
    limiter.on(
      "failed",
      (error: unknown) => (error as { request: { request: unknown } }).request.request as undefined,
    );
    const unreachable = new Error("Could not reach api.github.com (ECONNREFUSED)");
    await expect(limiter.schedule(() => Promise.reject(unreachable))).rejects.toBe(unreachable);
  });
});
