import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startSandbox } from "../src/rest/server.js";
import { failure, quietOctokit, useSandbox } from "./rest-fixture.js";

const run = (sha: string) => ({
  workflowPath: ".github/workflows/release.yml",
  name: "Release",
  event: "push",
  headSha: sha,
  headBranch: "v1.0.0",
  actor: "alice",
  triggeringActor: "alice",
});

describe("workflow runs an engine drives", () => {
  const f = useSandbox();
  const head = () => f.sandbox.repo("acme/app").defaultBranch;
  const sha = () => f.sandbox.seedCommit("acme/app", { message: "change", branch: head() });

  it("are created queued and read back through REST, numbered per workflow", async () => {
    const first = f.sandbox.createWorkflowRun("acme/app", run(sha()));
    const second = f.sandbox.createWorkflowRun("acme/app", { ...run(sha()), actor: "bob" });
    expect(first).toMatchObject({ run_number: 1, run_attempt: 1 });
    expect(second.run_number).toBe(2);
    expect(first.html_url).toBe(`${f.sandbox.serverUrl}/acme/app/actions/runs/${first.id}`);
    const got = await f.octokit.rest.actions.getWorkflowRun({ ...f.repo, run_id: first.id });
    expect(got.data).toMatchObject({
      name: "Release",
      path: ".github/workflows/release.yml",
      event: "push",
      head_branch: "v1.0.0",
      status: "queued",
      conclusion: null,
      actor: { login: "alice" },
      triggering_actor: { login: "alice" },
      previous_attempt_url: null,
    });
    const listed = await f.octokit.rest.actions.listWorkflowRunsForRepo({
      ...f.repo,
      actor: "bob",
    });
    expect(listed.data.workflow_runs.map((r) => r.id)).toEqual([second.id]);
    const workflows = await f.octokit.rest.actions.listRepoWorkflows(f.repo);
    expect(workflows.data.workflows.map((w) => w.path)).toEqual([".github/workflows/release.yml"]);
  });

  it("tell workflows apart by path, so two files of one name keep their own run numbers", async () => {
    const other = { ...run(sha()), workflowPath: "ci/.github/workflows/release.yml" };
    f.sandbox.createWorkflowRun("acme/app", run(sha()));
    expect(f.sandbox.createWorkflowRun("acme/app", other).run_number).toBe(1);
    expect(f.sandbox.createWorkflowRun("acme/app", other).run_number).toBe(2);
    const workflows = await f.octokit.rest.actions.listRepoWorkflows(f.repo);
    expect(workflows.data.total_count).toBe(2);
  });

  it("move through GitHub's statuses, a conclusion only when completed", async () => {
    const { id } = f.sandbox.createWorkflowRun("acme/app", run(sha()));
    f.sandbox.updateWorkflowRun("acme/app", id, { status: "in_progress" });
    expect(
      (await f.octokit.rest.actions.getWorkflowRun({ ...f.repo, run_id: id })).data.status,
    ).toBe("in_progress");
    expect(() => f.sandbox.updateWorkflowRun("acme/app", id, { status: "completed" })).toThrow(
      /conclusion comes with status completed/,
    );
    expect(() => f.sandbox.updateWorkflowRun("acme/app", id, { status: "done" as never })).toThrow(
      /unknown status "done"/,
    );
    f.sandbox.updateWorkflowRun("acme/app", id, { status: "completed", conclusion: "failure" });
    const done = await f.octokit.rest.actions.getWorkflowRun({ ...f.repo, run_id: id });
    expect([done.data.status, done.data.conclusion]).toEqual(["completed", "failure"]);
    const failed = await f.octokit.rest.actions.listWorkflowRunsForRepo({
      ...f.repo,
      status: "failure",
    });
    expect(failed.data.total_count).toBe(1);
  });

  it("re-run as a new attempt of the same run; earlier attempts stay readable", async () => {
    const { id } = f.sandbox.createWorkflowRun("acme/app", run(sha()));
    f.sandbox.updateWorkflowRun("acme/app", id, { status: "completed", conclusion: "failure" });
    const again = f.sandbox.rerunWorkflowRun("acme/app", id, { triggeringActor: "bob" });
    expect(again).toMatchObject({ id, run_number: 1, run_attempt: 2 });
    const current = await f.octokit.rest.actions.getWorkflowRun({ ...f.repo, run_id: id });
    expect(current.data).toMatchObject({
      run_attempt: 2,
      status: "queued",
      conclusion: null,
      triggering_actor: { login: "bob" },
      previous_attempt_url: `${f.sandbox.apiUrl}/repos/acme/app/actions/runs/${id}/attempts/1`,
    });
    const first = await f.octokit.rest.actions.getWorkflowRunAttempt({
      ...f.repo,
      run_id: id,
      attempt_number: 1,
    });
    expect(first.data).toMatchObject({
      run_attempt: 1,
      status: "completed",
      conclusion: "failure",
    });
    const later = await failure(
      f.octokit.rest.actions.getWorkflowRunAttempt({ ...f.repo, run_id: id, attempt_number: 3 }),
    );
    expect(later.status).toBe(404);
  });

  it("refuse what is not a commit sha or not a run", () => {
    expect(() => f.sandbox.createWorkflowRun("acme/app", run("main"))).toThrow(/full commit sha/);
    expect(() => f.sandbox.updateWorkflowRun("acme/app", 424242, { status: "queued" })).toThrow(
      /no workflow run 424242/,
    );
  });

  it("are readable with a job token holding actions: read, and only then", async () => {
    const { id } = f.sandbox.createWorkflowRun("acme/app", run(sha()));
    const reader = quietOctokit(
      f.sandbox,
      f.sandbox.issueJobToken({ repository: "acme/app", permissions: { actions: "read" } }),
    );
    expect((await reader.rest.actions.getWorkflowRun({ ...f.repo, run_id: id })).status).toBe(200);
    const blind = quietOctokit(
      f.sandbox,
      f.sandbox.issueJobToken({ repository: "acme/app", permissions: { contents: "write" } }),
    );
    expect(
      (await failure(blind.rest.actions.getWorkflowRun({ ...f.repo, run_id: id }))).status,
    ).toBe(403);
  });
});

describe("persistence", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("keeps runs, reviews, secrets and variables across a restart with stateDir", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "sandbox-runs-"));
    dirs.push(stateDir);
    const first = await startSandbox({ stateDir });
    first.createRepo("acme/app");
    const sha = first.seedCommit("acme/app", { message: "ship" });
    await quietOctokit(first).rest.repos.createOrUpdateEnvironment({
      owner: "acme",
      repo: "app",
      environment_name: "prod",
    });
    const { id } = first.createWorkflowRun("acme/app", run(sha));
    first.requestReview("acme/app", id, "prod");
    const prod = first.repo("acme/app");
    const envId = (prod.environments as Record<string, { id: number }>).prod?.id ?? 0;
    await quietOctokit(first, first.userToken("carol")).rest.actions.reviewPendingDeploymentsForRun(
      {
        owner: "acme",
        repo: "app",
        run_id: id,
        environment_ids: [envId],
        state: "approved",
        comment: "go",
      },
    );
    first.setSecret("acme/app", "deploy_key", "s3cret", { environment: "prod" });
    first.setVariable("acme/app", "REGION", "eu-1");
    first.assertNoViolations();
    await first.close();

    const second = await startSandbox({ stateDir });
    try {
      const octokit = quietOctokit(second);
      const got = await octokit.rest.actions.getWorkflowRun({
        owner: "acme",
        repo: "app",
        run_id: id,
      });
      expect(got.data.name).toBe("Release");
      expect(second.reviewState("acme/app", id, "prod")).toEqual({
        state: "approved",
        user: "carol",
        comment: "go",
      });
      expect(second.secretsFor("acme/app", "prod")).toEqual({ DEPLOY_KEY: "s3cret" });
      expect(second.variablesFor("acme/app")).toEqual({ REGION: "eu-1" });
      second.assertNoViolations();
    } finally {
      await second.close();
    }
  });
});
