import { checkRequiredChecks } from "@fastdeploy/core";
import { describe, expect, it } from "vitest";
import { seedCheckRun, seedCommitStatus } from "../../sandbox/src/rest/routes/seed.js";
import { readCommitChecks } from "../src/checks.js";
import { REPO, useLedgerSandbox } from "./ledger-fixture.js";

describe("checks on a version's commit", () => {
  const f = useLedgerSandbox();
  const repo = `${REPO.owner}/${REPO.repo}`;

  it("reads check runs and commit statuses for required-checks", async () => {
    const state = f.sandbox.state;
    seedCheckRun(state, repo, { head_sha: f.sha, name: "test", conclusion: "success" });
    seedCheckRun(state, repo, { head_sha: f.sha, name: "lint", conclusion: "skipped" });
    seedCheckRun(state, repo, { head_sha: f.sha, name: "e2e", conclusion: "failure" });
    seedCheckRun(state, repo, { head_sha: f.sha, name: "perf", conclusion: null });
    seedCommitStatus(state, repo, { sha: f.sha, state: "success", context: "security/scan" });
    const before = f.sandbox.requestCount();
    const checks = await readCommitChecks(f.client, REPO, f.sha);
    expect(f.sandbox.requestCount() - before).toBe(2);
    const byName = Object.fromEntries(checks.map((c) => [c.name, c.result]));
    expect(byName).toEqual({
      test: "passed",
      lint: "passed",
      e2e: "failed",
      perf: "pending",
      "security/scan": "passed",
    });

    expect(checkRequiredChecks(f.sha, ["test", "security/scan"], checks)).toEqual({
      allowed: true,
    });
    const refused = checkRequiredChecks(f.sha, ["test", "e2e", "perf", "docs"], checks);
    expect(refused).toMatchObject({ allowed: false, code: "required_checks" });
    if (!refused.allowed) {
      expect(refused.message).toBe(
        `required checks on ${f.sha.slice(0, 7)}: e2e failed, perf is still running, docs has not run; fix or re-run them, then retry`,
      );
    }
  });
});
