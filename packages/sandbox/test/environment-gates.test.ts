import { describe, expect, it } from "vitest";
import { seedTeam, seedUser } from "../src/rest/routes/seed.js";
import { failure, pushRun, quietOctokit, useSandbox } from "./rest-fixture.js";

describe("environment gates", () => {
  const f = useSandbox();
  const at = (ref: string) => ({ ref, sha: "a".repeat(40) });
  const gate = (env: string, ref: string) => f.sandbox.environmentGate("acme/app", env, at(ref));
  const put = (environment_name: string, body: Record<string, unknown> = {}) =>
    f.octokit.request("PUT /repos/{owner}/{repo}/environments/{environment_name}", {
      ...f.repo,
      environment_name,
      ...body,
    });
  const addPolicy = (environment_name: string, name: string, type: "branch" | "tag") =>
    f.octokit.rest.repos.createDeploymentBranchPolicy({ ...f.repo, environment_name, name, type });

  it("an environment nobody configured is created, open and unguarded", async () => {
    expect(gate("preview", "refs/heads/topic")).toEqual({
      allowed: true,
      reviewers: [],
      preventSelfReview: false,
      waitTimerMinutes: 0,
    });
    const env = await f.octokit.rest.repos.getEnvironment({
      ...f.repo,
      environment_name: "preview",
    });
    expect(env.data.name).toBe("preview");
  });

  it("custom branch and tag rules match fnmatch patterns against the ref, in GitHub's words", async () => {
    await put("prod", {
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    });
    await addPolicy("prod", "release/*", "branch");
    await addPolicy("prod", "v[0-9]*", "tag");
    expect(gate("prod", "refs/heads/release/1.2").allowed).toBe(true);
    expect(gate("prod", "refs/tags/v1.2.3").allowed).toBe(true);
    // `*` never crosses a slash.
    expect(gate("prod", "refs/heads/release/1/hotfix")).toMatchObject({
      allowed: false,
      reason:
        'Branch "release/1/hotfix" is not allowed to deploy to prod due to environment protection rules.',
    });
    expect(gate("prod", "refs/tags/nightly")).toMatchObject({
      allowed: false,
      reason: 'Tag "nightly" is not allowed to deploy to prod due to environment protection rules.',
    });
    // A tag rule does not admit a branch of the same name, nor the other way round.
    expect(gate("prod", "refs/heads/v2").allowed).toBe(false);
    expect(gate("prod", "refs/tags/release/1.2").allowed).toBe(false);
  });

  it("protected branches only: every branch while none is protected, then only protected ones", async () => {
    await put("qa", {
      deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
    });
    expect(gate("qa", "refs/heads/topic").allowed).toBe(true);
    expect(gate("qa", "refs/tags/v1.0.0").allowed).toBe(false);
    await f.octokit.rest.repos.createRepoRuleset({
      ...f.repo,
      name: "main is protected",
      target: "branch",
      enforcement: "active",
      conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
      rules: [{ type: "deletion" }],
    });
    expect(gate("qa", "refs/heads/main").allowed).toBe(true);
    expect(gate("qa", "refs/heads/topic")).toMatchObject({
      allowed: false,
      reason: 'Branch "topic" is not allowed to deploy to qa due to environment protection rules.',
    });
  });

  it("name the reviewers, self-review rule and wait timer", async () => {
    const alice = seedUser(f.sandbox.state, "alice");
    const ops = seedTeam(f.sandbox.state, { slug: "ops", members: ["bob"] });
    await put("prod", {
      wait_timer: 5,
      prevent_self_review: true,
      reviewers: [
        { type: "User", id: alice.id },
        { type: "Team", id: ops.id },
      ],
    });
    expect(gate("prod", "refs/heads/main")).toEqual({
      allowed: true,
      reviewers: [
        { type: "User", login: "alice" },
        { type: "Team", login: "ops" },
      ],
      preventSelfReview: true,
      waitTimerMinutes: 5,
    });
  });
});

describe("reviews of a parked run", () => {
  const f = useSandbox();

  async function parkedRun() {
    const alice = seedUser(f.sandbox.state, "alice");
    const ops = seedTeam(f.sandbox.state, { slug: "ops", members: ["bob"] });
    const { data: prod } = await f.octokit.rest.repos.createOrUpdateEnvironment({
      ...f.repo,
      environment_name: "prod",
      wait_timer: 5,
      prevent_self_review: true,
      reviewers: [
        { type: "User", id: alice.id },
        { type: "Team", id: ops.id },
      ],
    });
    const { run } = pushRun(f.sandbox);
    return { run, prod };
  }

  const review = (login: string, run_id: number, envId: number, state: "approved" | "rejected") =>
    quietOctokit(f.sandbox, f.sandbox.userToken(login)).rest.actions.reviewPendingDeploymentsForRun(
      {
        ...f.repo,
        run_id,
        environment_ids: [envId],
        state,
        comment: `${state} by ${login}`,
      },
    );

  it("wait with the real wait timer, from when the job reached the environment", async () => {
    const { run } = await parkedRun();
    // The run was created long before its job reached prod.
    const record = f.sandbox.repo("acme/app").actions as {
      runs: Record<string, { created_at: string }>;
    };
    record.runs[run.id]!.created_at = "2020-01-01T00:00:00Z";
    f.sandbox.requestReview("acme/app", run.id, "prod");
    const got = await f.octokit.rest.actions.getWorkflowRun({ ...f.repo, run_id: run.id });
    expect(got.data.status).toBe("waiting");
    const pending = await f.octokit.rest.actions.getPendingDeploymentsForRun({
      ...f.repo,
      run_id: run.id,
    });
    expect(pending.data).toHaveLength(1);
    const [entry] = pending.data;
    expect(entry?.environment.name).toBe("prod");
    expect(entry?.wait_timer).toBe(5);
    expect(entry?.wait_timer_started_at).toBe(got.data.updated_at);
    expect(entry?.wait_timer_started_at).not.toBe("2020-01-01T00:00:00Z");
    expect(entry?.reviewers.map((r) => r.type)).toEqual(["User", "Team"]);
  });

  it("stay pending through refused reviews and read the reviewer's answer", async () => {
    const { run, prod } = await parkedRun();
    f.sandbox.requestReview("acme/app", run.id, "prod");
    expect(f.sandbox.reviewState("acme/app", run.id, "prod")).toBe("pending");
    // alice triggered the run and prod prevents self-review; eve is no reviewer.
    expect((await failure(review("alice", run.id, prod.id, "approved"))).status).toBe(422);
    expect((await failure(review("eve", run.id, prod.id, "approved"))).status).toBe(422);
    expect(f.sandbox.reviewState("acme/app", run.id, "prod")).toBe("pending");
    await review("bob", run.id, prod.id, "approved");
    expect(f.sandbox.reviewState("acme/app", run.id, "prod")).toEqual({
      state: "approved",
      user: "bob",
      comment: "approved by bob",
    });
    const approvals = await f.octokit.rest.actions.getReviewsForRun({ ...f.repo, run_id: run.id });
    expect(approvals.data.map((a) => [a.state, a.user.login])).toEqual([["approved", "bob"]]);
    const pending = await f.octokit.rest.actions.getPendingDeploymentsForRun({
      ...f.repo,
      run_id: run.id,
    });
    expect(pending.data).toEqual([]);
  });

  it("a re-run waits afresh: an approval after an earlier rejection counts", async () => {
    const { run, prod } = await parkedRun();
    f.sandbox.requestReview("acme/app", run.id, "prod");
    await review("bob", run.id, prod.id, "rejected");
    expect(f.sandbox.reviewState("acme/app", run.id, "prod")).toMatchObject({ state: "rejected" });
    f.sandbox.updateWorkflowRun("acme/app", run.id, { status: "completed", conclusion: "failure" });

    f.sandbox.rerunWorkflowRun("acme/app", run.id);
    expect(f.sandbox.reviewState("acme/app", run.id, "prod")).toBe("pending");
    f.sandbox.requestReview("acme/app", run.id, "prod");
    await review("bob", run.id, prod.id, "approved");
    expect(f.sandbox.reviewState("acme/app", run.id, "prod")).toMatchObject({
      state: "approved",
      user: "bob",
    });
    // The run's review history keeps every attempt, oldest first.
    const approvals = await f.octokit.rest.actions.getReviewsForRun({ ...f.repo, run_id: run.id });
    expect(approvals.data.map((a) => a.state)).toEqual(["rejected", "approved"]);
  });
});
