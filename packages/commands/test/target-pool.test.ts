import { describe, expect, it } from "vitest";
import { runPool } from "../src/target-pool.js";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("runPool", () => {
  it("keeps at most `limit` in flight and the results in input order", async () => {
    let running = 0;
    let peak = 0;
    const delays = [30, 5, 20, 1, 15, 8, 2, 25];
    const results = await runPool(
      delays,
      async (ms, i) => {
        running++;
        peak = Math.max(peak, running);
        await tick(ms);
        running--;
        return `${i}:${ms}`;
      },
      { limit: 3 },
    );
    expect(peak).toBe(3);
    expect(results).toEqual(delays.map((ms, i) => `${i}:${ms}`));
  });

  it("starts the next item as soon as one settles, not in batches", async () => {
    const events: string[] = [];
    await runPool(
      [200, 10, 10, 10],
      async (ms, i) => {
        events.push(`start ${i}`);
        await tick(ms);
        events.push(`end ${i}`);
      },
      { limit: 2 },
    );
    // Items 2 and 3 run in the second lane while item 0 is still running.
    expect(events.indexOf("end 3")).toBeLessThan(events.indexOf("end 0"));
  });

  it("starts nothing new once proceed says no; unstarted items are undefined", async () => {
    let failed = false;
    const results = await runPool(
      ["ok", "fail", "late-1", "late-2"],
      async (item) => {
        await tick(5);
        if (item === "fail") failed = true;
        return item;
      },
      { limit: 1, proceed: () => !failed },
    );
    expect(results).toEqual(["ok", "fail", undefined, undefined]);
  });

  it("lets the items in flight finish, then rethrows the first error", async () => {
    const finished: string[] = [];
    const run = runPool(
      ["boom", "slow", "never"],
      async (item) => {
        if (item === "boom") throw new Error("boom");
        await tick(30);
        finished.push(item);
        return item;
      },
      { limit: 2 },
    );
    await expect(run).rejects.toThrow("boom");
    expect(finished).toEqual(["slow"]);
  });

  it("handles no items and refuses a limit below one", async () => {
    expect(await runPool([], async () => 1, { limit: 4 })).toEqual([]);
    await expect(runPool([1], async () => 1, { limit: 0 })).rejects.toThrow(/at least 1/);
    await expect(runPool([1], async () => 1, { limit: 1.5 })).rejects.toThrow(RangeError);
  });
});
