import { describe, expect, it } from "vitest";
import {
  bakeInterval,
  formatBake,
  parseDuration,
  parseFastDeployPayload,
  parseWaveStatus,
  parseWaves,
  planWaves,
  RolloutError,
  waveStatusDescription,
} from "../src/index.js";

const stores = (n: number) => Array.from({ length: n }, (_, i) => `store-${i + 1}`);

describe("planWaves", () => {
  it("deploys [1, 50%, 100%] of four targets as 1, 1, then 2 (cumulative)", () => {
    expect(planWaves(stores(4), parseWaves("1, 50%, 100%"))).toEqual([
      ["store-1"],
      ["store-2"],
      ["store-3", "store-4"],
    ]);
  });

  it("rounds shares up, drops waves that add nothing and always ends with every target", () => {
    expect(planWaves(stores(2), parseWaves("1, 50%, 100%"))).toEqual([["store-1"], ["store-2"]]);
    expect(planWaves(stores(3), parseWaves("1%"))).toEqual([["store-1"], ["store-2", "store-3"]]);
    expect(planWaves(stores(3), parseWaves("10"))).toEqual([stores(3)]);
    expect(planWaves(stores(1000), parseWaves("25%, 50%, 75%, 100%")).map((w) => w.length)).toEqual(
      [250, 250, 250, 250],
    );
  });
});

describe("parseWaves", () => {
  it("takes commas, lines or a JSON array", () => {
    expect(parseWaves("1\n50%\n100%")).toEqual([{ count: 1 }, { percent: 50 }, { percent: 100 }]);
    expect(parseWaves('[1, "50%", "100%"]')).toEqual(parseWaves("1, 50%, 100%"));
  });

  it.each([
    ["", /at least one wave/],
    ["1, 1", /wave 2 \(1\) is not larger than wave 1 \(1\)/],
    ["0", /from 1 to 100000/],
    ["1, 0%", /above 0%/],
    ["[1,", /not a JSON array/],
    ["one", /"one" must be a number of targets/],
  ])("refuses %j", (text, message) => {
    expect(() => parseWaves(text)).toThrow(RolloutError);
    expect(() => parseWaves(text)).toThrow(message);
  });
});

describe("parseDuration", () => {
  it("reads s, m and h", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("10m")).toBe(600_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration("0")).toBe(0);
  });

  it.each([10, "10", "", "5 min", "25h", "1m1h"])("refuses %j", (value) => {
    expect(typeof parseDuration(value)).toBe("string");
  });

  it("formats and spaces the bake's checks", () => {
    expect(formatBake(5_400_000)).toBe("1h30m");
    expect(formatBake(2_000)).toBe("2s");
    expect(bakeInterval(600_000)).toBe(30_000);
    expect(bakeInterval(2_000)).toBe(1_000);
  });
});

describe("wave statuses", () => {
  it("reads back what it writes, and nothing else", () => {
    const record = { wave: 2, waves: 3, done: 2, total: 4 };
    const text = waveStatusDescription(record, "1.1.0");
    expect(text).toBe("Wave 2/3 healthy: 2/4 targets run 1.1.0");
    expect(parseWaveStatus(text)).toEqual(record);
    expect(parseWaveStatus("Deploying 1.1.0 to 4 targets")).toBeUndefined();
    expect(parseWaveStatus("Wave 2/3 healthy: 5/4 targets run 1.1.0")).toBeUndefined();
    expect(parseWaveStatus(undefined)).toBeUndefined();
  });
});

describe("the payload's rollout", () => {
  const payload = (rollout: unknown) => ({
    fastdeploy: {
      version: "1.1.0",
      digest: `sha256:${"a".repeat(64)}`,
      release_id: 1,
      targets: ["a", "b"],
      rollout,
    },
  });

  it("keeps the plan and where a re-run resumed", () => {
    const read = parseFastDeployPayload(
      payload({ waves: [1, 2], bake_ms: 5000, resumed: { deployment_id: 7, targets: 1 } }),
    );
    expect(read).toMatchObject({
      rollout: { waves: [1, 2], bake_ms: 5000, resumed: { deployment_id: 7, targets: 1 } },
    });
    expect(parseFastDeployPayload(payload({ waves: [1, 2] }))).toMatchObject({
      rollout: { waves: [1, 2], bake_ms: 0 },
    });
  });

  it("drops a malformed one", () => {
    for (const bad of [null, "x", { waves: "1,2" }, { waves: [1.5] }]) {
      expect(parseFastDeployPayload(payload(bad))).not.toHaveProperty("rollout");
    }
    expect(
      parseFastDeployPayload(payload({ waves: [1], resumed: { deployment_id: "7" } })),
    ).not.toHaveProperty("rollout.resumed");
  });
});
