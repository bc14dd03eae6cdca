import { describe, expect, it } from "vitest";
import { type DoraDeployment, doraMetrics } from "../src/index.js";

/**
 * A month of production, computed by hand (window 2026-03-01 → 2026-03-31):
 * changes in the window: 1.1.0 ok, 1.2.0 failed, 1.2.1 ok, 1.3.0 ok then rolled back,
 * 1.3.1 error, 1.3.2 failed, 1.3.3 ok → 7 changes, 4 successful, 4 failed.
 * lead times: 1.1.0 24 h, 1.2.1 1h20m, 1.3.0 48 h, 1.3.3 1 h → median (1.333+24)/2, mean 74.333/4.
 * incidents: 1.2.0 failed 12:20 → 1.2.1 ok 14:20 = 2 h; rollback of 1.3.0 16:00 → 16:05 = 5 min;
 * 1.3.1 error 08:03 (+1.3.2 failure, same incident) → 1.3.3 ok 11:03 = 3 h.
 */
const history: DoraDeployment[] = [
  {
    version: "1.0.0",
    createdAt: "2026-02-20T10:00:00Z",
    finishedAt: "2026-02-20T10:10:00Z",
    outcome: "success",
    committedAt: "2026-02-19T10:00:00Z",
  },
  {
    version: "1.1.0",
    createdAt: "2026-03-02T09:00:00Z",
    finishedAt: "2026-03-02T09:30:00Z",
    outcome: "success",
    committedAt: "2026-03-01T09:30:00Z",
  },
  {
    version: "1.2.0",
    createdAt: "2026-03-05T12:00:00Z",
    finishedAt: "2026-03-05T12:20:00Z",
    outcome: "failure",
    committedAt: "2026-03-04T12:00:00Z",
  },
  {
    version: "1.2.1",
    createdAt: "2026-03-05T14:00:00Z",
    finishedAt: "2026-03-05T14:20:00Z",
    outcome: "success",
    committedAt: "2026-03-05T13:00:00Z",
  },
  {
    version: "1.3.0",
    createdAt: "2026-03-10T10:00:00Z",
    finishedAt: "2026-03-10T10:15:00Z",
    outcome: "success",
    committedAt: "2026-03-08T10:15:00Z",
  },
  {
    version: "1.2.1",
    createdAt: "2026-03-10T16:00:00Z",
    finishedAt: "2026-03-10T16:05:00Z",
    outcome: "success",
    rollbackFrom: "1.3.0",
  },
  {
    version: "1.3.1",
    createdAt: "2026-03-20T08:00:00Z",
    finishedAt: "2026-03-20T08:03:00Z",
    outcome: "error",
    committedAt: "2026-03-19T08:00:00Z",
  },
  {
    version: "1.3.2",
    createdAt: "2026-03-20T09:00:00Z",
    finishedAt: "2026-03-20T09:10:00Z",
    outcome: "failure",
    committedAt: "2026-03-19T09:00:00Z",
  },
  {
    version: "1.3.3",
    createdAt: "2026-03-20T11:00:00Z",
    finishedAt: "2026-03-20T11:03:00Z",
    outcome: "success",
    committedAt: "2026-03-20T10:03:00Z",
  },
  {
    version: "1.4.0",
    createdAt: "2026-03-30T10:00:00Z",
    outcome: "pending",
    committedAt: "2026-03-30T09:00:00Z",
  },
];

describe("doraMetrics", () => {
  const now = new Date("2026-03-31T00:00:00Z");

  it("matches the hand-computed fixture", () => {
    // Input order must not matter.
    const m = doraMetrics([...history].reverse(), { now, windowDays: 30 });
    expect(m).toMatchObject({
      windowDays: 30,
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-03-31T00:00:00.000Z",
      changes: 7,
      successfulChanges: 4,
      failedChanges: 4,
      unrestored: 0,
    });
    expect(m.deploymentFrequency).toBeCloseTo(4 / 30, 10);
    expect(m.changeFailureRate).toBeCloseTo(4 / 7, 10);
    expect(m.leadTime.samples).toBe(4);
    expect(m.leadTime.median).toBeCloseTo((4 / 3 + 24) / 2, 10);
    expect(m.leadTime.mean).toBeCloseTo((24 + 4 / 3 + 48 + 1) / 4, 10);
    expect(m.timeToRestore.samples).toBe(3);
    expect(m.timeToRestore.median).toBeCloseTo(2, 10);
    expect(m.timeToRestore.mean).toBeCloseTo((2 + 5 / 60 + 3) / 3, 10);
  });

  it("narrows to the window and counts an open incident", () => {
    const open: DoraDeployment = {
      version: "1.4.0",
      createdAt: "2026-03-30T10:00:00Z",
      finishedAt: "2026-03-30T10:30:00Z",
      outcome: "failure",
    };
    const m = doraMetrics([...history.slice(0, -1), open], { now, windowDays: 7 });
    expect(m).toMatchObject({
      changes: 1,
      successfulChanges: 0,
      failedChanges: 1,
      changeFailureRate: 1,
      unrestored: 1,
    });
    expect(m.timeToRestore).toEqual({ median: null, mean: null, samples: 0 });
    expect(m.leadTime.samples).toBe(0);
  });

  it("answers nulls for an empty ledger", () => {
    expect(doraMetrics([], { now, windowDays: 30 })).toMatchObject({
      changes: 0,
      deploymentFrequency: 0,
      changeFailureRate: null,
      leadTime: { median: null, samples: 0 },
    });
  });
});
