import { createGitHubClient, type GitHubClient } from "@fastdeploy/github";
import { recordReview, type Sandbox, seedRun, startSandbox } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApproveOptions, approve } from "../src/approve.js";
import { quietLog } from "../src/ports.js";

let sandbox: Sandbox;
let client: GitHubClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.createRepo("acme/shop");
  client = createGitHubClient({
    token: "sandbox-token",
    apiUrl: sandbox.apiUrl,
    writeIntervalMs: 0,
  });
});
afterAll(async () => {
  sandbox?.assertNoViolations();
  await sandbox?.close();
});

/** A run started by alice and re-run by bob, with the given reviews for prod. */
function rerun(reviews: Array<{ user: string; state: "approved" | "rejected"; comment?: string }>) {
  const run = seedRun(sandbox.state, "acme/shop", {
    workflow: "deploy.yml",
    actor: "alice",
    triggering_actor: "bob",
    status: "in_progress",
  });
  for (const r of reviews)
    recordReview(sandbox.state, "acme/shop", run.id, { ...r, environments: ["prod"] });
  return run.id;
}

const options = (runId: number): ApproveOptions => ({
  repo: { owner: "acme", repo: "shop" },
  environment: "prod",
  version: "1.4.2",
  after: [],
  requireReview: true,
  requiredChecks: [],
  run: { id: runId, url: "", actor: "alice", triggeringActor: "bob" },
  now: () => new Date("2026-03-02T10:00:00Z"),
});

describe("approve", () => {
  it("counts neither the actor nor whoever re-ran the run as an independent reviewer", async () => {
    for (const self of ["alice", "bob"]) {
      const result = await approve(options(rerun([{ user: self, state: "approved" }])), {
        github: client,
        log: quietLog,
      });
      expect(result.approved).toBe(false);
      expect(result.refusals.join()).toContain(`requires a review by someone other than ${self}`);
    }
    const result = await approve(options(rerun([{ user: "carol", state: "approved" }])), {
      github: client,
      log: quietLog,
    });
    expect(result.approved).toBe(true);
    expect(result.record.approvers).toEqual([
      { login: "carol", state: "approved", comment: "", at: "2026-03-02T10:00:00.000Z" },
    ]);
  });

  it("refuses a rejection no approval followed, and keeps the comment", async () => {
    const result = await approve(
      options(rerun([{ user: "dave", state: "rejected", comment: "error budget spent" }])),
      { github: client, log: quietLog },
    );
    expect(result.approved).toBe(false);
    expect(result.refusals).toEqual(['dave rejected this run for prod: "error budget spent"']);
  });

  it("passes a re-run approved after an earlier attempt was rejected: the job only runs once GitHub's gate let it", async () => {
    const result = await approve(
      options(
        rerun([
          { user: "dave", state: "rejected", comment: "error budget spent" },
          { user: "carol", state: "approved" },
        ]),
      ),
      { github: client, log: quietLog },
    );
    expect(result.refusals).toEqual([]);
    expect(result.approved).toBe(true);
  });
});
