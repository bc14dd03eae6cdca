// Environments through the engine: required reviewers (the run waits, is listed in
// …/pending_deployments, continues on approval and fails on rejection), prevent self-review,
// the wait timer on an injected clock, deployment branch policies, environment secrets and
// variables, environment.url, and GitHub's own job deployment unless `deployment: false`.
import { seedUser } from "@fastdeploy/sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  conclusions,
  type EngineKit,
  engineKit,
  type WorkflowRepo,
  workflowRepo,
} from "./support/engine-kit.js";

const WORKFLOW = `
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment:
      name: prod
      url: \${{ steps.d.outputs.url }}
    steps:
      - id: d
        env:
          TOKEN: \${{ secrets.DEPLOY_TOKEN }}
        run: |
          echo "deploying with a \${#TOKEN}-character token to \${{ vars.REGION }}"
          echo "url=https://prod.example.com" >> "$GITHUB_OUTPUT"
  notify:
    needs: deploy
    runs-on: ubuntu-latest
    environment:
      name: chat
      deployment: false
    steps:
      - run: echo notified
`;

async function api(kit: EngineKit, path: string, init: RequestInit = {}, token = kit.local.token) {
  const response = await fetch(`${kit.local.sandbox.apiUrl}${path}`, {
    ...init,
    headers: { authorization: `token ${token}`, "content-type": "application/json" },
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe("environments", () => {
  let repo: WorkflowRepo;
  let kit: EngineKit;
  let prodId: number;
  const reviews: ((runId: number) => Promise<unknown>)[] = [];

  beforeEach(async () => {
    repo = workflowRepo({ ".github/workflows/deploy.yml": WORKFLOW });
    const sleeps: number[] = [];
    kit = await engineKit(repo, {
      clock: {
        now: () => Date.now(),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
      onReviewWait: async ({ runId }) => {
        const next = reviews.shift();
        // Answer from outside the engine, as the CLI does, once the engine awaits a review.
        if (next) setTimeout(() => void next(runId), 10);
      },
    });
    (kit as EngineKit & { sleeps: number[] }).sleeps = sleeps;
    const { sandbox } = kit.local;
    const alice = seedUser(sandbox.state, "alice");
    const bob = seedUser(sandbox.state, "bob");
    const { body } = await api(kit, "/repos/acme/shop/environments/prod", {
      method: "PUT",
      body: JSON.stringify({
        prevent_self_review: true,
        reviewers: [
          { type: "User", id: alice.id },
          { type: "User", id: bob.id },
        ],
      }),
    });
    prodId = (body as { id: number }).id;
    sandbox.setSecret("acme/shop", "DEPLOY_TOKEN", "repo-level");
    sandbox.setSecret("acme/shop", "DEPLOY_TOKEN", "prod-only-secret", { environment: "prod" });
    sandbox.setVariable("acme/shop", "REGION", "eu-west-1", { environment: "prod" });
  });
  afterEach(async () => {
    reviews.length = 0;
    await kit.close();
    repo.remove();
  });

  const review = (login: string, state: "approved" | "rejected") => async (runId: number) => {
    const token = kit.local.sandbox.userToken(login);
    return api(
      kit,
      `/repos/acme/shop/actions/runs/${runId}/pending_deployments`,
      {
        method: "POST",
        body: JSON.stringify({ environment_ids: [prodId], state, comment: `${state} by ${login}` }),
      },
      token,
    );
  };

  it("waits for review, refuses the actor's self-review, and continues when another reviewer approves", async () => {
    const seen: Record<string, unknown> = {};
    reviews.push(async (runId) => {
      seen.run = (await api(kit, `/repos/acme/shop/actions/runs/${runId}`)).body;
      seen.pending = (
        await api(kit, `/repos/acme/shop/actions/runs/${runId}/pending_deployments`)
      ).body;
      seen.self = (await review("bob", "approved")(runId)).status;
      await review("alice", "approved")(runId);
    });
    const [run] = await kit.engine.trigger({ name: "push", ref: "main", actor: "bob" });
    expect(conclusions(run as never)).toEqual({ deploy: "success", notify: "success" });
    expect(seen.run).toMatchObject({ status: "waiting" });
    expect(seen.pending).toMatchObject([{ environment: { name: "prod" } }]);
    expect(seen.self).toBe(422);
    const waiting = kit.events.find((e) => e.type === "job-waiting");
    expect(waiting).toMatchObject({
      job: "deploy",
      environment: "prod",
      reviewers: ["alice", "bob"],
    });
    expect(kit.events.find((e) => e.type === "job-approved")).toMatchObject({
      job: "deploy",
      by: "alice",
    });
    // Environment secrets and variables reach the job; environment.url is read after it.
    expect(kit.logOf("deploy").join("\n")).toContain(
      "deploying with a 16-character token to eu-west-1",
    );
    expect(run?.jobs.find((j) => j.name === "deploy")?.environmentUrl).toBe(
      "https://prod.example.com",
    );
    const approvals = (await api(kit, `/repos/acme/shop/actions/runs/${run?.runId}/approvals`))
      .body as {
      state: string;
      user: { login: string };
    }[];
    expect(approvals.map((a) => [a.state, a.user.login])).toEqual([["approved", "alice"]]);
    // GitHub's job deployment for prod, none for `deployment: false`.
    const prod = (await api(kit, "/repos/acme/shop/deployments?environment=prod")).body as {
      id: number;
    }[];
    expect(prod).toHaveLength(1);
    const statuses = (await api(kit, `/repos/acme/shop/deployments/${prod[0]?.id}/statuses`))
      .body as { state: string; environment_url: string }[];
    expect(statuses[0]).toMatchObject({
      state: "success",
      environment_url: "https://prod.example.com",
    });
    expect((await api(kit, "/repos/acme/shop/deployments?environment=chat")).body).toEqual([]);
    const record = (await api(kit, `/repos/acme/shop/actions/runs/${run?.runId}`)).body;
    expect(record).toMatchObject({ status: "completed", conclusion: "success" });
  });

  it("fails the job on a rejection and skips what needs it", async () => {
    reviews.push(review("alice", "rejected"));
    const [run] = await kit.engine.trigger({ name: "push", ref: "main", actor: "bob" });
    expect(conclusions(run as never)).toEqual({ deploy: "failure", notify: "skipped" });
    expect(run?.conclusion).toBe("failure");
    expect(kit.events.find((e) => e.type === "job-rejected")).toMatchObject({ by: "alice" });
    expect(run?.jobs.find((j) => j.name === "deploy")?.reason).toBe(
      "The deployment to prod was rejected by alice: rejected by alice",
    );
    expect(kit.logOf("deploy")).toEqual([]);
  });

  it("re-runs a rejected run as its next attempt, which a new approval lets through", async () => {
    reviews.push(review("alice", "rejected"));
    const [first] = await kit.engine.trigger({ name: "push", ref: "main", actor: "bob" });
    expect(first?.conclusion).toBe("failure");
    reviews.push(review("alice", "approved"));
    const again = await kit.engine.rerun(first?.runId as number, { actor: "bob" });
    expect(again.runId).toBe(first?.runId);
    expect(conclusions(again)).toEqual({ deploy: "success", notify: "success" });
    const record = (await api(kit, `/repos/acme/shop/actions/runs/${again.runId}`)).body;
    expect(record).toMatchObject({ run_attempt: 2, status: "completed", conclusion: "success" });
    const approvals = (await api(kit, `/repos/acme/shop/actions/runs/${again.runId}/approvals`))
      .body as { state: string }[];
    expect(approvals.map((a) => a.state)).toEqual(["rejected", "approved"]);
  });

  it("runs a wait timer down on the injected clock, and refuses a branch the policy does not allow", async () => {
    await api(kit, "/repos/acme/shop/environments/prod", {
      method: "PUT",
      body: JSON.stringify({ wait_timer: 5, reviewers: [] }),
    });
    await api(kit, "/repos/acme/shop/environments/chat", {
      method: "PUT",
      body: JSON.stringify({
        deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      }),
    });
    await api(kit, "/repos/acme/shop/environments/chat/deployment-branch-policies", {
      method: "POST",
      body: JSON.stringify({ name: "v*", type: "tag" }),
    });
    const [run] = await kit.engine.trigger({ name: "push", ref: "main" });
    expect((kit as EngineKit & { sleeps: number[] }).sleeps).toContain(5 * 60_000);
    expect(conclusions(run as never)).toEqual({ deploy: "success", notify: "failure" });
    expect(run?.jobs.find((j) => j.name === "notify")?.reason).toBe(
      'Branch "main" is not allowed to deploy to chat due to environment protection rules.',
    );
  });
});
