import { describe, expect, it } from "vitest";
import {
  recordReview,
  seedRun,
  seedTeam,
  seedUser,
  seedWorkflow,
  seedWorkflowPermissions,
} from "../src/rest/routes/seed.js";
import { failure, quietOctokit, useSandbox } from "./rest-fixture.js";

describe("Actions: workflows, runs, dispatch, approvals", () => {
  const f = useSandbox();
  const repo = () => f.sandbox.repo("acme/app");

  it("lists seeded workflows and runs with filters, newest first", async () => {
    const build = seedWorkflow(f.sandbox.state, repo(), {
      path: ".github/workflows/build.yml",
      name: "Build",
    });
    const r1 = seedRun(f.sandbox.state, repo(), {
      workflow: build.id,
      actor: "alice",
      event: "push",
    });
    const r2 = seedRun(f.sandbox.state, repo(), {
      workflow: "build.yml",
      actor: "bob",
      status: "in_progress",
      head_branch: "dev",
    });
    const r3 = seedRun(f.sandbox.state, repo(), {
      workflow: ".github/workflows/rollback.yml",
      conclusion: "failure",
      html_url: "https://example.test/run",
    });
    const wf = await f.octokit.rest.actions.listRepoWorkflows(f.repo);
    expect(wf.data.workflows.map((w) => w.path)).toEqual([
      ".github/workflows/build.yml",
      ".github/workflows/rollback.yml",
    ]);
    const all = await f.octokit.rest.actions.listWorkflowRunsForRepo(f.repo);
    expect(all.data.workflow_runs.map((r) => r.id)).toEqual([r3.id, r2.id, r1.id]);
    const byActor = await f.octokit.rest.actions.listWorkflowRunsForRepo({
      ...f.repo,
      actor: "bob",
    });
    expect(byActor.data.workflow_runs.map((r) => r.id)).toEqual([r2.id]);
    const failed = await f.octokit.rest.actions.listWorkflowRunsForRepo({
      ...f.repo,
      status: "failure",
    });
    expect(failed.data.workflow_runs.map((r) => r.id)).toEqual([r3.id]);
    const branch = await f.octokit.rest.actions.listWorkflowRunsForRepo({
      ...f.repo,
      branch: "dev",
      event: "push",
    });
    expect(branch.data.total_count).toBe(1);
    const ofBuild = await f.octokit.rest.actions.listWorkflowRuns({
      ...f.repo,
      workflow_id: "build.yml",
    });
    expect(ofBuild.data.workflow_runs.map((r) => r.run_number)).toEqual([2, 1]);
    const one = await f.octokit.rest.actions.getWorkflowRun({ ...f.repo, run_id: r3.id });
    expect(one.data).toMatchObject({
      html_url: "https://example.test/run",
      conclusion: "failure",
      status: "completed",
    });
    expect(
      (await failure(f.octokit.rest.actions.getWorkflowRun({ ...f.repo, run_id: 1e9 }))).status,
    ).toBe(404);
  });

  it("dispatch validates inputs and returns run details when asked", async () => {
    seedWorkflow(f.sandbox.state, repo(), {
      path: ".github/workflows/rollback.yml",
      name: "Rollback",
      inputs: {
        environment: { type: "choice", options: ["qa", "prod"], required: true },
        version: { type: "string", default: "previous" },
      },
    });
    const base = { ...f.repo, workflow_id: "rollback.yml", ref: "main" };
    const none = await f.octokit.rest.actions.createWorkflowDispatch({
      ...base,
      inputs: { environment: "qa" },
    });
    expect(none.status).toBe(204);
    const { data, status } = await f.octokit.rest.actions.createWorkflowDispatch({
      ...base,
      inputs: { environment: "prod", version: "1.4.2" },
      return_run_details: true,
    });
    expect(status).toBe(200);
    const details = data as unknown as {
      workflow_run_id: number;
      run_url: string;
      html_url: string;
    };
    expect(details.run_url).toBe(
      `${f.sandbox.apiUrl}/repos/acme/app/actions/runs/${details.workflow_run_id}`,
    );
    const run = await f.octokit.rest.actions.getWorkflowRun({
      ...f.repo,
      run_id: details.workflow_run_id,
    });
    expect(run.data).toMatchObject({
      event: "workflow_dispatch",
      status: "queued",
      head_branch: "main",
      actor: { login: "octocat" },
    });
    const refuse = async (inputs: Record<string, string>, ref = "main") =>
      (await failure(f.octokit.rest.actions.createWorkflowDispatch({ ...base, ref, inputs })))
        .status;
    expect(await refuse({ environment: "staging" })).toBe(422);
    expect(await refuse({})).toBe(422);
    expect(await refuse({ environment: "qa", extra: "x" })).toBe(422);
    expect(await refuse({ environment: "qa" }, "no-such-branch")).toBe(422);
    expect(
      (
        await failure(
          f.octokit.rest.actions.createWorkflowDispatch({ ...base, workflow_id: "nope.yml" }),
        )
      ).status,
    ).toBe(404);
  });

  it("pending deployments, reviews and prevent_self_review", async () => {
    const alice = seedUser(f.sandbox.state, "alice");
    const team = seedTeam(f.sandbox.state, { slug: "ops", members: ["bob"] });
    f.sandbox.addToken("alice-token", "alice");
    f.sandbox.addToken("bob-token", "bob");
    f.sandbox.addToken("eve-token", "eve");
    const { data: prod } = await f.octokit.rest.repos.createOrUpdateEnvironment({
      ...f.repo,
      environment_name: "prod",
      prevent_self_review: true,
      reviewers: [
        { type: "User", id: alice.id },
        { type: "Team", id: team.id },
      ],
    });
    seedWorkflow(f.sandbox.state, repo(), {
      path: ".github/workflows/deploy.yml",
      name: "Deploy",
      environments: ["prod"],
    });
    // alice triggers the run, so she may not approve it herself.
    const asAlice = quietOctokit(f.sandbox, "alice-token");
    const { data } = await asAlice.rest.actions.createWorkflowDispatch({
      ...f.repo,
      workflow_id: "deploy.yml",
      ref: "main",
      return_run_details: true,
    });
    const run_id = (data as unknown as { workflow_run_id: number }).workflow_run_id;
    expect((await asAlice.rest.actions.getWorkflowRun({ ...f.repo, run_id })).data.status).toBe(
      "waiting",
    );
    const pending = await asAlice.rest.actions.getPendingDeploymentsForRun({ ...f.repo, run_id });
    expect(pending.data).toHaveLength(1);
    expect(pending.data[0]).toMatchObject({
      environment: { name: "prod", id: prod.id },
      current_user_can_approve: false,
      wait_timer: 0,
    });
    const review = {
      ...f.repo,
      run_id,
      environment_ids: [prod.id],
      state: "approved" as const,
      comment: "ship it",
    };
    expect(
      (await failure(asAlice.rest.actions.reviewPendingDeploymentsForRun(review))).status,
    ).toBe(422);
    expect(
      (
        await failure(
          quietOctokit(f.sandbox, "eve-token").rest.actions.reviewPendingDeploymentsForRun(review),
        )
      ).status,
    ).toBe(422);
    // bob reviews through his team.
    const asBob = quietOctokit(f.sandbox, "bob-token");
    expect(
      (await asBob.rest.actions.getPendingDeploymentsForRun({ ...f.repo, run_id })).data[0]
        ?.current_user_can_approve,
    ).toBe(true);
    const approved = await asBob.rest.actions.reviewPendingDeploymentsForRun(review);
    // No engine ran this run's jobs, so no job deployment exists to list (job-deployments.test.ts).
    expect(approved.data).toEqual([]);
    expect(
      (await asBob.rest.actions.getPendingDeploymentsForRun({ ...f.repo, run_id })).data,
    ).toEqual([]);
    expect((await asBob.rest.actions.getWorkflowRun({ ...f.repo, run_id })).data.status).toBe(
      "queued",
    );
    const approvals = await f.octokit.rest.actions.getReviewsForRun({ ...f.repo, run_id });
    expect(
      approvals.data.map((a) => [
        a.state,
        a.user.login,
        a.comment,
        a.environments.map((e) => e.name),
      ]),
    ).toEqual([["approved", "bob", "ship it", ["prod"]]]);
  });

  it("seeded reviews and workflow permissions", async () => {
    const run = seedRun(f.sandbox.state, repo(), {
      workflow: "deploy.yml",
      actor: "alice",
      pending_environments: ["qa"],
      status: "waiting",
    });
    recordReview(f.sandbox.state, repo(), run.id, {
      environments: ["qa"],
      state: "rejected",
      user: "carol",
      comment: "not today",
    });
    const approvals = await f.octokit.rest.actions.getReviewsForRun({ ...f.repo, run_id: run.id });
    expect(approvals.data[0]).toMatchObject({
      state: "rejected",
      user: { login: "carol" },
      comment: "not today",
    });
    expect(
      (await f.octokit.rest.actions.getPendingDeploymentsForRun({ ...f.repo, run_id: run.id }))
        .data,
    ).toEqual([]);
    const perms = await f.octokit.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(
      f.repo,
    );
    expect(perms.data).toEqual({
      default_workflow_permissions: "read",
      can_approve_pull_request_reviews: false,
    });
    seedWorkflowPermissions(f.sandbox.state, repo(), { default_workflow_permissions: "write" });
    const after = await f.octokit.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(
      f.repo,
    );
    expect(after.data.default_workflow_permissions).toBe("write");
  });
});
