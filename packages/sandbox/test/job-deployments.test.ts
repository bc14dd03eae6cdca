import { describe, expect, it } from "vitest";
import { seedUser } from "../src/rest/routes/seed.js";
import { pushRun, quietOctokit, useSandbox } from "./rest-fixture.js";

describe("GitHub's job deployments", () => {
  const f = useSandbox();

  const startRun = () => pushRun(f.sandbox);

  const statesOf = async (deployment_id: number) =>
    (await f.octokit.rest.repos.listDeploymentStatuses({ ...f.repo, deployment_id })).data.map(
      (s) => s.state,
    );

  it("are recorded as GitHub does: task deploy, empty payload, the bot, the run's ref", async () => {
    const { sha, run } = startRun();
    const id = f.sandbox.createJobDeployment("acme/app", run.id, "qa", {
      ref: "refs/heads/main",
      sha,
    });
    const { data } = await f.octokit.rest.repos.getDeployment({ ...f.repo, deployment_id: id });
    expect(data).toMatchObject({
      task: "deploy",
      payload: {},
      ref: "main",
      sha,
      environment: "qa",
      creator: { login: "github-actions[bot]", type: "Bot" },
    });
    const statuses = await f.octokit.rest.repos.listDeploymentStatuses({
      ...f.repo,
      deployment_id: id,
    });
    expect(statuses.data.map((s) => [s.state, s.log_url])).toEqual([["queued", run.html_url]]);
  });

  it("are what a review answers with", async () => {
    const bob = seedUser(f.sandbox.state, "bob");
    const { data: prod } = await f.octokit.rest.repos.createOrUpdateEnvironment({
      ...f.repo,
      environment_name: "prod",
      reviewers: [{ type: "User", id: bob.id }],
    });
    const { sha, run } = startRun();
    const id = f.sandbox.createJobDeployment("acme/app", run.id, "prod", {
      ref: "refs/tags/v1.0.0",
      sha,
    });
    f.sandbox.requestReview("acme/app", run.id, "prod");
    const answer = await quietOctokit(
      f.sandbox,
      f.sandbox.userToken("bob"),
    ).rest.actions.reviewPendingDeploymentsForRun({
      ...f.repo,
      run_id: run.id,
      environment_ids: [prod.id],
      state: "approved",
      comment: "ship it",
    });
    expect(answer.data.map((d) => [d.id, d.ref, d.environment])).toEqual([[id, "v1.0.0", "prod"]]);
  });

  it("end with the job; a later success makes the earlier one inactive", async () => {
    const { sha, run } = startRun();
    const first = f.sandbox.createJobDeployment("acme/app", run.id, "qa", { ref: "main", sha });
    f.sandbox.finishJobDeployment("acme/app", first, "success", {
      environmentUrl: "https://qa.example.test",
    });
    const statuses = await f.octokit.rest.repos.listDeploymentStatuses({
      ...f.repo,
      deployment_id: first,
    });
    // Newest first, as GitHub lists them.
    expect(statuses.data.map((s) => [s.state, s.environment_url])).toEqual([
      ["success", "https://qa.example.test"],
      ["queued", ""],
    ]);
    const second = f.sandbox.createJobDeployment("acme/app", run.id, "qa", { ref: "main", sha });
    f.sandbox.finishJobDeployment("acme/app", second, "failure");
    expect(await statesOf(second)).toEqual(["failure", "queued"]);
    const third = f.sandbox.createJobDeployment("acme/app", run.id, "qa", { ref: "main", sha });
    f.sandbox.finishJobDeployment("acme/app", third, "success");
    expect((await statesOf(first))[0]).toBe("inactive");
  });

  it("are the only deployments finishJobDeployment touches", async () => {
    const { data } = await f.octokit.rest.repos.createDeployment({
      ...f.repo,
      ref: "main",
      task: "deploy:fastdeploy",
      environment: "qa",
      required_contexts: [],
    });
    const id = (data as { id: number }).id;
    expect(() => f.sandbox.finishJobDeployment("acme/app", id, "success")).toThrow(
      /is not a job deployment/,
    );
    const { run, sha } = startRun();
    const job = f.sandbox.createJobDeployment("acme/app", run.id, "qa", { ref: "main", sha });
    expect(() => f.sandbox.finishJobDeployment("acme/app", job, "done" as never)).toThrow(
      /success, failure or error/,
    );
  });
});
