import { FASTDEPLOY_TASK } from "@fastdeploy/core";
import {
  type LocalGitHub,
  recordReview,
  seedCheckRun,
  seedDeployment,
  seedRun,
  startLocalGitHub,
} from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PublishedVersion, publishTestVersion } from "./support/published-version.js";

let github: LocalGitHub;
let v142: PublishedVersion;
beforeAll(async () => {
  github = await startLocalGitHub();
  v142 = await publishTestVersion(github, { version: "1.4.2" });
});
afterAll(async () => {
  github?.sandbox.assertNoViolations();
  await github?.close();
});

/** A deploy run started by `actor`, waiting on `environment`, with the given reviews. */
function runWithReviews(
  actor: string,
  environment: string,
  reviews: Array<{ user: string; state: "approved" | "rejected"; comment?: string }>,
) {
  const state = github.sandbox.state;
  const run = seedRun(state, github.repository, {
    workflow: "deploy.yml",
    actor,
    status: "in_progress",
    pending_environments: [environment],
  });
  for (const r of reviews)
    recordReview(state, github.repository, run.id, { ...r, environments: [environment] });
  return run.id;
}

const approveStep = (runId: number, inputs: Record<string, string>, actor = "alice") =>
  github.run({
    action: "approve",
    inputs,
    github: { runId, actor, triggeringActor: actor },
  });

describe("actions/approve", () => {
  it("passes when someone other than the actor approved, and records who, when and why", async () => {
    const runId = runWithReviews("alice", "prod", [
      { user: "bob", state: "approved", comment: "ship it" },
    ]);
    const result = await approveStep(runId, {
      environment: "prod",
      version: "1.4.2",
      "require-review": "true",
    });
    expect(result.stderr + result.annotations.map((a) => a.message).join("\n")).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.outputs.approved).toBe("true");
    const approvers = JSON.parse(result.outputs.approvers!);
    expect(approvers).toEqual([
      { login: "bob", state: "approved", comment: "ship it", at: expect.any(String) },
    ]);
    const record = JSON.parse(result.outputs.record!);
    expect(record).toMatchObject({
      environment: "prod",
      version: "1.4.2",
      approvers,
      run_id: runId,
      run_url: expect.stringContaining(`/actions/runs/${runId}`),
    });
    expect(Date.parse(record.read_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(result.summary).toContain("bob");
    expect(result.summary).toContain("ship it");
  });

  it("passes a re-run approved after an earlier attempt was rejected", async () => {
    const runId = runWithReviews("alice", "prod", [
      { user: "bob", state: "rejected", comment: "not on a Friday" },
      { user: "carol", state: "approved", comment: "Monday now" },
    ]);
    const result = await approveStep(runId, {
      environment: "prod",
      version: "1.4.2",
      "require-review": "true",
    });
    expect(result.annotations.map((a) => a.message)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.approved).toBe("true");
  });

  it("fails when only the actor approved, and when nobody did", async () => {
    const selfOnly = await approveStep(
      runWithReviews("alice", "prod", [{ user: "alice", state: "approved" }]),
      { environment: "prod", version: "1.4.2", "require-review": "true" },
    );
    expect(selfOnly.exitCode).not.toBe(0);
    expect(selfOnly.outputs.approved).toBe("false");
    expect(selfOnly.annotations.map((a) => a.message).join("\n")).toContain(
      "someone other than alice",
    );

    const nobody = await approveStep(runWithReviews("alice", "prod", []), {
      environment: "prod",
      version: "1.4.2",
      "require-review": "true",
    });
    expect(nobody.exitCode).not.toBe(0);
    expect(nobody.annotations.map((a) => a.message).join("\n")).toContain("nobody approved");
  });

  it("fails when a required check failed on the version's commit, passes when it succeeded", async () => {
    const v150 = await publishTestVersion(github, { version: "1.5.0" });
    seedCheckRun(github.sandbox.state, github.repository, {
      head_sha: v150.commit,
      name: "test",
      conclusion: "failure",
    });
    seedCheckRun(github.sandbox.state, github.repository, {
      head_sha: v150.commit,
      name: "lint",
      conclusion: "success",
    });
    const runId = runWithReviews("alice", "qa", [{ user: "bob", state: "approved" }]);
    const failed = await approveStep(runId, {
      environment: "qa",
      version: "1.5.0",
      "required-checks": "lint, test",
    });
    expect(failed.exitCode).not.toBe(0);
    expect(failed.annotations.map((a) => a.message).join("\n")).toContain("test failed");

    const passed = await approveStep(runId, {
      environment: "qa",
      version: "1.5.0",
      "required-checks": "lint",
    });
    expect(passed.exitCode).toBe(0);
    expect(JSON.parse(passed.outputs.record!)).toMatchObject({
      checks: ["lint"],
      commit: v150.commit,
    });
  });

  it("refuses when an `after` environment holds no success of the same version and digest", async () => {
    const runId = runWithReviews("alice", "prod", [{ user: "bob", state: "approved" }]);
    const refused = await approveStep(runId, {
      environment: "prod",
      version: "1.4.2",
      after: "qa",
    });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.annotations.map((a) => a.message).join("\n")).toContain(
      "to have succeeded in qa first",
    );

    // qa ran 1.4.2 with exactly this release's digest: the order holds.
    seedDeployment(github.sandbox.state, github.repository, {
      ref: v142.tag,
      environment: "qa",
      task: FASTDEPLOY_TASK,
      payload: {
        fastdeploy: {
          version: "1.4.2",
          digest: v142.digest,
          release_id: v142.releaseId,
          targets: ["qa"],
          approval: null,
          bad: [],
          good: [],
        },
      },
      statuses: ["queued", "in_progress", "success"],
    });
    const allowed = await approveStep(runId, {
      environment: "prod",
      version: "1.4.2",
      after: "qa",
    });
    expect(allowed.exitCode).toBe(0);
    expect(JSON.parse(allowed.outputs.record!)).toMatchObject({
      after: ["qa"],
      digest: v142.digest,
    });
  });
});
