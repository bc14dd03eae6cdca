import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLedger } from "./support/ledger-seed.js";

let github: LocalGitHub;
beforeAll(async () => {
  github = await startLocalGitHub();
});
afterAll(async () => {
  github?.sandbox.assertNoViolations();
  await github?.close();
});

// Ten days ago, on a whole second (GitHub's timestamps have no milliseconds).
const T0 = Math.floor((Date.now() - 10 * 86_400_000) / 1000) * 1000;
const h = (hours: number) => new Date(T0 + hours * 3_600_000);

describe("actions/status", () => {
  it("reports what runs in dev, qa and prod and DORA figures equal to the hand-computed ones", async () => {
    const { sandbox, repository } = github;
    seedLedger(sandbox, repository, "dev", [
      { version: "1.0.0", at: h(0), committedAt: h(-2) },
      { version: "1.1.0", at: h(10), committedAt: h(8), jobDeployment: true },
    ]);
    seedLedger(sandbox, repository, "qa", [
      // Long before the window; 0.8.0 comes back inside it, which is no new change to lead.
      { version: "0.8.0", at: h(-700), committedAt: h(-701) },
      { version: "0.9.0", at: h(-600), committedAt: h(-601) },
      { version: "0.8.0", at: h(1), committedAt: h(-701) },
      { version: "1.0.0", at: h(2), committedAt: h(-2) },
      { version: "1.1.0", at: h(12), committedAt: h(8), outcome: "failure" },
      { version: "1.1.0", at: h(14), committedAt: h(8), approvedBy: ["carol"] },
    ]);
    const prodIds = seedLedger(sandbox, repository, "prod", [
      // Before the 30-day window: neither a change nor a lead time in it.
      { version: "0.9.0", at: h(-24 * 25), committedAt: h(-24 * 25 - 1) },
      { version: "1.0.0", at: h(4), committedAt: h(-2), jobDeployment: true },
      { version: "1.1.0", at: h(20), committedAt: h(8) },
      { version: "1.0.0", at: h(22), rollbackFrom: "1.1.0" },
      { version: "1.2.0", at: h(30), committedAt: h(28), outcome: "failure" },
      { version: "1.2.0", at: h(31), committedAt: h(28), approvedBy: ["bob"], jobDeployment: true },
    ]);

    const result = await github.run({
      action: "status",
      inputs: { environments: "dev, qa, prod", window: "20" },
    });
    expect(result.annotations).toEqual([]);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.outputs.json!);
    expect(report.window_days).toBe(20);
    expect(report.environments.dev).toMatchObject({ version: "1.1.0", approved_by: [] });
    expect(report.environments.qa).toMatchObject({ version: "1.1.0", approved_by: ["carol"] });
    expect(report.environments.prod).toMatchObject({
      version: "1.2.0",
      deployment_id: prodIds[5],
      deployed_at: h(31).toISOString().replace(".000Z", "Z"),
      approved_by: ["bob"],
    });

    // By hand, prod over 20 days (0.9.0 lies before the window):
    // changes 1.0.0@4 ✓, 1.1.0@20 ✓ (rolled back → failed), 1.2.0@30 ✗, 1.2.0@31 ✓
    //   → 4 changes, 3 successful, 2 failed: CFR 0.5, frequency 3 / 20 = 0.15 a day;
    // lead time, first success − commit: 1.0.0 4−(−2) = 6 h, 1.1.0 20−8 = 12 h,
    //   1.2.0 31−28 = 3 h → median 6, mean 7;
    // restore: the rollback at 22 is restored by its own success at 22 (0 h), the failure at
    //   30 by the success at 31 (1 h) → median 0.5, mean 0.5, nothing unrestored.
    expect(report.environments.prod.metrics).toMatchObject({
      windowDays: 20,
      changes: 4,
      successfulChanges: 3,
      failedChanges: 2,
      deploymentFrequency: 0.15,
      changeFailureRate: 0.5,
      leadTime: { median: 6, mean: 7, samples: 3 },
      timeToRestore: { median: 0.5, mean: 0.5, samples: 2 },
      unrestored: 0,
    });
    // qa: 4 changes, one failed (1/4); restored from 12 to 14 (2 h); lead time only for
    // 1.0.0 (2−(−2) = 4 h) and 1.1.0 (14−8 = 6 h): 0.8.0 first succeeded long before.
    expect(report.environments.qa.metrics).toMatchObject({
      changes: 4,
      failedChanges: 1,
      changeFailureRate: 0.25,
      leadTime: { median: 5, mean: 5, samples: 2 },
      timeToRestore: { median: 2, samples: 1 },
    });

    expect(result.summary).toContain("Change failure rate");
    expect(result.summary).toMatch(/prod<\/td><td>1\.2\.0/);
  });

  it("defaults to every environment with FastDeploy deployments when neither input nor config names any", async () => {
    const result = await github.run({ action: "status" });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.outputs.json!);
    expect(Object.keys(report.environments).sort()).toEqual(["dev", "prod", "qa"]);
    expect(report.window_days).toBe(30);
  });
});
