import type { EnvironmentStatus, StatusReport } from "@fastdeploy/commands";
import { describe, expect, it } from "vitest";
import { statusTable } from "../src/commands/status-table.js";

const metrics = {
  deploymentFrequency: 0.5,
  changeFailureRate: null,
} as unknown as EnvironmentStatus["metrics"];

const environment = (over: Partial<EnvironmentStatus>): EnvironmentStatus => ({
  version: "1.0.0",
  deployed_at: "2026-12-06T10:00:00Z",
  deployment_id: 7,
  digest: null,
  approved_by: [],
  held: [],
  metrics,
  ...over,
});

const row = (table: string, name: string) =>
  table.split("\n").find((line) => line.startsWith(name)) ?? "";

describe("statusTable", () => {
  it("names the approvers, says automatic for an automatic rollback, and - for none", () => {
    const report: StatusReport = {
      generated_at: "2026-12-06T12:00:00Z",
      window_days: 30,
      environments: {
        dev: environment({}),
        qa: environment({ approved_by: ["alice", "bob"] }),
        prod: environment({
          version: "1.4.2",
          rollback: { from: "1.5.0", reason: "automatic: eu-1: exited with 1" },
        }),
        staging: environment({
          rollback: { from: "1.1.0", reason: "the checkout page is broken" },
        }),
      },
    };
    const table = statusTable(report);
    expect(row(table, "dev")).toMatch(/^dev\s+1\.0\.0\s+\S+\s+-\s+0\.50/);
    expect(row(table, "qa")).toMatch(/alice, bob/);
    expect(row(table, "prod")).toMatch(
      /^prod\s+1\.4\.2\s+\S+\s+automatic\s+.*rolled back from 1\.5\.0: automatic: eu-1/,
    );
    // A rollback someone dispatched carries that person's approval, if any; none here.
    expect(row(table, "staging")).toMatch(/^staging\s+1\.0\.0\s+\S+\s+-\s+/);
  });
});
