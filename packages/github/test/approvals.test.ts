import { checkReview } from "@fastdeploy/core";
import { describe, expect, it } from "vitest";
import { recordReview, seedRun, seedTeam } from "../../sandbox/src/rest/routes/seed.js";
import { readEnvironmentProtection, readRunApprovals } from "../src/approvals.js";
import { REPO, useLedgerSandbox } from "./ledger-fixture.js";

describe("approvals and environment protection", () => {
  const f = useLedgerSandbox();
  const repo = `${REPO.owner}/${REPO.repo}`;

  it("reads who approved a run for an environment, with comments", async () => {
    const run = seedRun(f.sandbox.state, repo, {
      workflow: "release.yml",
      actor: "carol",
      pending_environments: ["prod", "qa"],
    });
    recordReview(f.sandbox.state, repo, run.id, {
      environments: ["qa"],
      state: "approved",
      user: "bob",
    });
    recordReview(f.sandbox.state, repo, run.id, {
      environments: ["prod"],
      state: "approved",
      user: "alice",
      comment: "ship it",
    });
    const before = f.sandbox.requestCount();
    const prod = await readRunApprovals(f.client, REPO, run.id, "Prod");
    expect(f.sandbox.requestCount() - before).toBe(1);
    expect(prod).toEqual([
      {
        login: "alice",
        userType: "User",
        state: "approved",
        comment: "ship it",
        environments: ["prod"],
      },
    ]);
    expect(
      checkReview({ environment: "prod", actor: "carol" }, prod, { requireReview: true }),
    ).toEqual({ allowed: true });
    expect(await readRunApprovals(f.client, REPO, run.id)).toHaveLength(2);
  });

  it("feeds require-review: a self-approval alone is refused", async () => {
    const run = seedRun(f.sandbox.state, repo, {
      workflow: "release.yml",
      actor: "carol",
      pending_environments: ["prod"],
    });
    recordReview(f.sandbox.state, repo, run.id, {
      environments: ["prod"],
      state: "approved",
      user: "carol",
    });
    const reviews = await readRunApprovals(f.client, REPO, run.id, "prod");
    expect(
      checkReview({ environment: "prod", actor: "carol" }, reviews, { requireReview: true }),
    ).toMatchObject({
      allowed: false,
      code: "review",
    });
  });

  it("reads reviewers, prevent_self_review and the wait timer; undefined when missing", async () => {
    f.sandbox.addToken("alice-token", "alice");
    const team = seedTeam(f.sandbox.state, { slug: "release-managers", members: ["alice"] });
    const alice = f.sandbox.state.users.alice!;
    await f.client.rest.repos.createOrUpdateEnvironment({
      ...REPO,
      environment_name: "prod",
      wait_timer: 5,
      prevent_self_review: true,
      reviewers: [
        { type: "User", id: alice.id },
        { type: "Team", id: team.id },
      ],
    });
    expect(await readEnvironmentProtection(f.client, REPO, "prod")).toEqual({
      name: "prod",
      waitTimer: 5,
      preventSelfReview: true,
      reviewers: [
        { type: "User", id: alice.id, name: "alice" },
        { type: "Team", id: team.id, name: "release-managers" },
      ],
      branchPolicy: null,
    });
    await f.client.rest.repos.createOrUpdateEnvironment({ ...REPO, environment_name: "dev" });
    expect(await readEnvironmentProtection(f.client, REPO, "dev")).toMatchObject({
      waitTimer: 0,
      reviewers: [],
    });
    expect(await readEnvironmentProtection(f.client, REPO, "nowhere")).toBeUndefined();
  });
});
