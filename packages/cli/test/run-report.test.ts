import { describe, expect, it } from "vitest";
import { conclusions, eventLine, readableLogLine } from "../src/local/run-report.js";

const job = { runId: 7, workflow: ".github/workflows/release.yml", job: "deploy (prod)" };

describe("the lines of a local run", () => {
  it("says when a job is queued, waits, is approved and ends", () => {
    const lines = [
      eventLine({ type: "job-queued", ...job }, { logs: false }),
      eventLine(
        {
          type: "job-waiting",
          ...job,
          environment: "prod",
          reviewers: ["alice", "bob"],
          waitTimerMinutes: 5,
        },
        { logs: false },
      ),
      eventLine(
        { type: "job-approved", ...job, environment: "prod", by: "alice", comment: "" },
        { logs: false },
      ),
      eventLine(
        { type: "job-completed", ...job, conclusion: "failure", reason: "health check failed" },
        { logs: false },
      ),
    ];
    expect(lines).toEqual([
      "[deploy (prod)] queued",
      "[deploy (prod)] ⏸ waiting for review of prod by alice, bob, wait timer 5 min",
      "[deploy (prod)] ✔ prod approved by alice",
      "[deploy (prod)] ✘ failure: health check failed",
    ]);
  });

  it("says when a run waits for its concurrency group", () => {
    const line = eventLine(
      {
        type: "run-pending",
        runId: 7,
        workflow: ".github/workflows/release.yml",
        group: "deploy-prod",
      },
      { logs: false },
    );
    expect(line).toBe("⏳ release.yml run 7 pending behind concurrency group deploy-prod");
  });

  it("prefixes log lines by job only when logs are wanted, as GitHub's log view shows them", () => {
    const log = (line: string) => eventLine({ type: "log", ...job, line }, { logs: true });
    expect(log("deployed 1.0.0")).toBe("[deploy (prod)] deployed 1.0.0");
    expect(eventLine({ type: "log", ...job, line: "x" }, { logs: false })).toBeUndefined();
    expect(log("::debug::Headers: {}")).toBeUndefined();
    expect(log("::add-mask::secret")).toBeUndefined();
    expect(log("::group::Download release v1.0.0")).toBe(
      "[deploy (prod)] ▸ Download release v1.0.0",
    );
    expect(readableLogLine("  ::error file=a.yml,line=3::bad%0Athing 100%25")).toBe(
      "Error: bad\nthing 100%",
    );
    expect(readableLogLine("::endgroup::")).toBeUndefined();
  });

  it("lists every job's conclusion under its run", () => {
    const text = conclusions([
      {
        runId: 7,
        runNumber: 1,
        workflow: ".github/workflows/release.yml",
        name: "Release",
        conclusion: "failure",
        errors: [],
        jobs: [
          { id: "build", name: "build", conclusion: "success", result: "success", outputs: {} },
          {
            id: "deploy",
            name: "deploy (prod)",
            conclusion: "skipped",
            result: "skipped",
            outputs: {},
            reason: "if: success() was false",
          },
        ],
      },
    ]);
    expect(text).toBe(
      [
        ".github/workflows/release.yml (run 7): failure",
        "  ✔ build          success",
        "  ↷ deploy (prod)  skipped: if: success() was false",
        "",
      ].join("\n"),
    );
  });
});
