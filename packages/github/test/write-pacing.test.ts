import { afterEach, describe, expect, it, vi } from "vitest";
import { createGitHubClient, pacingFromEnv } from "../src/octokit.js";
import { throttleGroup, WritePacer } from "../src/write-pacing.js";
import { REPO, useReleaseSandbox } from "./release-fixture.js";

/** When each of `count` writes was let through, in ms from the first ask, on a fake clock. */
async function releaseTimes(pacer: WritePacer, count: number): Promise<number[]> {
  const start = Date.now();
  const times: number[] = [];
  const all = Array.from({ length: count }, () =>
    pacer.acquire().then(() => times.push(Date.now() - start)),
  );
  await vi.runAllTimersAsync();
  await Promise.all(all);
  return times;
}

describe("WritePacer", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lets a burst through at once, then one write per interval", async () => {
    vi.useFakeTimers();
    const pacer = new WritePacer({ burst: 20, intervalMs: 1000 });
    const times = await releaseTimes(pacer, 23);
    expect(times.slice(0, 20)).toEqual(Array(20).fill(0));
    expect(times.slice(20)).toEqual([1000, 2000, 3000]);
  });

  it("earns the burst back while idle, one write per interval, never more than the burst", async () => {
    vi.useFakeTimers();
    const pacer = new WritePacer({ burst: 3, intervalMs: 1000 });
    expect(await releaseTimes(pacer, 3)).toEqual([0, 0, 0]);
    vi.advanceTimersByTime(1500);
    // One and a half writes earned: one goes now, the next when the second is whole.
    expect(await releaseTimes(pacer, 2)).toEqual([0, 500]);
    vi.advanceTimersByTime(60_000);
    expect(await releaseTimes(pacer, 4)).toEqual([0, 0, 0, 1000]);
  });

  it("paces nothing at interval 0 and refuses an empty burst", async () => {
    vi.useFakeTimers();
    expect(await releaseTimes(new WritePacer({ burst: 1, intervalMs: 0 }), 50)).toEqual(
      Array(50).fill(0),
    );
    expect(() => new WritePacer({ burst: 0, intervalMs: 1000 })).toThrow(/at least 1/);
  });

  it("lets retries (weight 0) through without a token, as the throttling plugin schedules them", async () => {
    vi.useFakeTimers();
    const pacer = new WritePacer({ burst: 1, intervalMs: 1000 });
    const group = throttleGroup(pacer).key("any");
    const start = Date.now();
    const at = (p: Promise<unknown>) => p.then(() => Date.now() - start);
    const first = at(group.schedule({}, async () => {}));
    const retry = at(group.schedule({ priority: 0, weight: 0 }, async () => {}));
    const second = at(group.schedule(async () => {}));
    await vi.runAllTimersAsync();
    expect(await Promise.all([first, retry, second])).toEqual([0, 0, 1000]);
  });
});

describe("pacingFromEnv", () => {
  it("reads the burst and the interval, and refuses what cannot pace", () => {
    expect(
      pacingFromEnv({ FASTDEPLOY_WRITE_BURST: "5", FASTDEPLOY_WRITE_INTERVAL_MS: "250" }),
    ).toMatchObject({ writeBurst: 5, writeIntervalMs: 250 });
    expect(() => pacingFromEnv({ FASTDEPLOY_WRITE_BURST: "0" })).toThrow(/at least 1/);
  });
});

describe("a client with the default pacing", () => {
  const f = useReleaseSandbox();
  const defaultClient = () =>
    createGitHubClient({ token: "sandbox-token", apiUrl: f.sandbox.apiUrl, retryBaseMs: 5 });

  it("sends small work at once: releases and refs, no 1 s or 3 s waits", async () => {
    const github = defaultClient();
    const started = Date.now();
    for (const n of [1, 2, 3]) {
      await github.rest.repos.createRelease({
        ...REPO,
        tag_name: `v1.0.${n}`,
        target_commitish: f.sha,
      });
      await github.rest.git.createRef({ ...REPO, ref: `refs/tags/t${n}`, sha: f.sha });
    }
    // Six writes, two of them notifying: the old pacing spent 3 s + 1 s + ... on them.
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("spaces the writes beyond the burst a second apart", async () => {
    const github = defaultClient();
    await Promise.all(
      Array.from({ length: 22 }, (_, n) =>
        github.rest.git.createRef({ ...REPO, ref: `refs/tags/burst-${n}`, sha: f.sha }),
      ),
    );
    // When the local GitHub received each write.
    const arrived = f.sandbox.log.writes().map((r) => Date.parse(r.at));
    expect(arrived).toHaveLength(22);
    const first = arrived[0]!;
    expect(arrived.slice(0, 20).every((t) => t - first < 900)).toBe(true);
    expect(arrived[20]! - first).toBeGreaterThanOrEqual(950);
    expect(arrived[21]! - arrived[20]!).toBeGreaterThanOrEqual(950);
  }, 10_000);
});
