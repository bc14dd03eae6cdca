import { describe, expect, it } from "vitest";
import { DeploymentLedger } from "../src/ledger.js";
import {
  ERRORED,
  FAILED,
  OK,
  REPO,
  type Step,
  seedHistory,
  useLedgerSandbox,
} from "./ledger-fixture.js";

/**
 * 5,000 FastDeploy deployments over 500 versions (10 per version: 8 successes, a failure, an
 * error), every 50th version rolled back, GitHub job deployments interleaved; the history
 * ends with a rollback from 5.99.0 to 5.98.0.
 */
function bigHistory(): Step[] {
  const version = (v: number) => `${Math.floor(v / 100) + 1}.${v % 100}.0`;
  const steps: Step[] = [];
  for (let v = 0; v < 500; v++) {
    for (let k = 0; k < 10; k++) {
      steps.push({ version: version(v), statuses: k === 3 ? FAILED : k === 7 ? ERRORED : OK });
    }
    if (v % 50 === 49)
      steps.push({ version: version(v - 1), statuses: OK, rollbackFrom: version(v) });
  }
  return steps;
}

describe("ledger queries over a long history", () => {
  const f = useLedgerSandbox();

  it("answers what runs, what is bad and the rollback target in ≤ 20 requests", () => {
    const steps = bigHistory();
    expect(steps.filter((s) => !s.rollbackFrom)).toHaveLength(5000);
    seedHistory(f.sandbox, "prod", steps, { sha: f.sha, production: true, jobEvery: 7 });
    return (async () => {
      const before = f.sandbox.requestCount();
      const prod = new DeploymentLedger(f.client, REPO).environment("prod");

      const live = await prod.live();
      expect(live).toMatchObject({
        version: "5.98.0",
        state: "success",
        payload: { rollback: { from: "5.99.0" } },
      });
      expect(await prod.isBad("5.99.0")).toMatchObject({ reason: "health check failed" });
      expect(await prod.isBad("1.49.0")).toBeDefined();
      expect(await prod.isBad("5.97.0")).toBeUndefined();

      const choice = await prod.rollbackTarget({ to: "previous" });
      expect(choice).toMatchObject({
        allowed: true,
        from: { version: "5.98.0" },
        to: { version: "5.97.0" },
      });
      const explicit = await prod.rollbackTarget({ to: "1.49.0" });
      expect(explicit).toMatchObject({ allowed: false, code: "bad_version" });

      const cost = f.sandbox.requestCount() - before;
      // The budget is 20; with the index it is one page plus the live deployment's statuses.
      expect(cost).toBeLessThanOrEqual(20);
      expect(cost).toBeLessThanOrEqual(3);
      expect(f.client.requestCount()).toBe(cost);
      // Job deployments were filtered out by the server, never paid for.
      expect(prod.history.skipped).toBe(0);
    })();
  });

  it("finds the live deployment through the index when the newest ones failed", async () => {
    const steps = bigHistory().slice(0, 2000);
    for (let i = 0; i < 12; i++)
      steps.push({ version: "9.0.0", statuses: i % 2 ? FAILED : ["queued", "in_progress"] });
    seedHistory(f.sandbox, "prod", steps, { sha: f.sha, production: true });
    const before = f.sandbox.requestCount();
    const prod = new DeploymentLedger(f.client, REPO).environment("prod");
    const live = await prod.live();
    expect(live?.version).toBe("2.99.0");
    expect((await prod.lastKnownGood())?.version).toBe("2.98.0");
    expect(f.sandbox.requestCount() - before).toBeLessThanOrEqual(10);
  });

  it("never takes GitHub's job deployments for FastDeploy's, even when they inactivate ours", async () => {
    seedHistory(
      f.sandbox,
      "qa",
      [
        { version: "1.0.0", statuses: OK },
        { version: "1.1.0", statuses: FAILED },
      ],
      {
        sha: f.sha,
        jobEvery: 1,
      },
    );
    // A job deployment after everything, succeeded (GitHub's, task deploy, empty payload).
    seedHistory(f.sandbox, "qa", [], { sha: f.sha });
    const qa = new DeploymentLedger(f.client, REPO).environment("qa");
    const entries = [];
    for await (const e of qa.history.entries()) entries.push(e);
    // GitHub's job deployment that succeeded after 1.0.0 marked it inactive (auto_inactive
    // ignores the task): it still runs, since no FastDeploy deployment succeeded after it.
    expect(entries.map((e) => [e.version, e.state])).toEqual([
      ["1.1.0", "failure"],
      ["1.0.0", "inactive"],
    ]);
    expect((await qa.live())?.version).toBe("1.0.0");
  });

  it("falls back to reading history when payloads carry no index", async () => {
    const legacy: Step[] = [
      { version: "1.0.0", statuses: OK, legacy: true },
      { version: "1.1.0", statuses: OK, legacy: true },
      { version: "1.2.0", statuses: OK, legacy: true },
      { version: "1.1.0", statuses: OK, rollbackFrom: "1.2.0", legacy: true },
      { version: "1.3.0", statuses: FAILED, legacy: true },
    ];
    seedHistory(f.sandbox, "qa", legacy, { sha: f.sha });
    const qa = new DeploymentLedger(f.client, REPO).environment("qa");
    expect((await qa.live())?.version).toBe("1.1.0");
    expect((await qa.bad()).map((b) => b.version)).toEqual(["1.2.0"]);
    // previous of 1.1.0: 1.2.0 is bad, 1.1.0 is live → 1.0.0, found by walking back.
    expect(await qa.rollbackTarget({ to: "previous" })).toMatchObject({
      allowed: true,
      to: { version: "1.0.0" },
    });
  });

  it("pages lazily: stopping after the first page costs one request", async () => {
    seedHistory(
      f.sandbox,
      "dev",
      Array.from({ length: 350 }, (_, i) => ({ version: `0.${i}.0`, statuses: OK })),
      { sha: f.sha },
    );
    const dev = new DeploymentLedger(f.client, REPO).environment("dev");
    const before = f.sandbox.requestCount();
    for await (const page of dev.history.pages()) {
      expect(page).toHaveLength(100);
      expect(page[0]?.payload.version).toBe("0.349.0");
      break;
    }
    expect(f.sandbox.requestCount() - before).toBe(1);
    expect((await dev.history.deployment(250))?.payload.version).toBe("0.99.0");
    expect(f.sandbox.requestCount() - before).toBe(4);
  });
});
