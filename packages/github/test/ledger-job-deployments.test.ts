import { describe, expect, it } from "vitest";
import { DeploymentLedger } from "../src/ledger.js";
import { FAILED, OK, REPO, seedHistory, useLedgerSandbox } from "./ledger-fixture.js";

/**
 * The contract between the ledger and the deployments GitHub records for environment jobs,
 * made the way the local engine makes them (sandbox.createJobDeployment), not seeded.
 */
describe("the ledger beside GitHub's job deployments", () => {
  const f = useLedgerSandbox();
  const full = `${REPO.owner}/${REPO.repo}`;

  function jobDeployment(outcome: "success" | "failure") {
    const run = f.sandbox.createWorkflowRun(full, {
      workflowPath: ".github/workflows/pipeline.yml",
      name: "Pipeline",
      event: "push",
      headSha: f.sha,
      headBranch: "main",
      actor: "alice",
      triggeringActor: "alice",
    });
    const id = f.sandbox.createJobDeployment(full, run.id, "qa", {
      ref: "refs/heads/main",
      sha: f.sha,
    });
    f.sandbox.finishJobDeployment(full, id, outcome);
    return id;
  }

  it("reads only FastDeploy's records, though a job's success inactivated the live one", async () => {
    seedHistory(
      f.sandbox,
      "qa",
      [
        { version: "1.0.0", statuses: OK },
        { version: "1.1.0", statuses: FAILED },
      ],
      { sha: f.sha, start: Date.now() - 3_600_000 },
    );
    const jobIds = [jobDeployment("success"), jobDeployment("failure")];
    const qa = new DeploymentLedger(f.client, REPO).environment("qa");
    const entries = [];
    for await (const e of qa.history.entries()) entries.push(e);
    // The job's success made 1.0.0 inactive (auto_inactive ignores the task); it still runs.
    expect(entries.map((e) => [e.version, e.state])).toEqual([
      ["1.1.0", "failure"],
      ["1.0.0", "inactive"],
    ]);
    expect(entries.some((e) => jobIds.includes(e.deploymentId))).toBe(false);
    expect((await qa.live())?.version).toBe("1.0.0");
  });
});
