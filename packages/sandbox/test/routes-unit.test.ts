import { describe, expect, it } from "vitest";
import { dispatchInputs } from "../src/rest/routes/actions.js";
import type { WorkflowRecord } from "../src/rest/routes/actions-state.js";
import { combinedState, commitContexts } from "../src/rest/routes/checks-state.js";
import { routes as deploymentRoutes } from "../src/rest/routes/deployments.js";
import { setRefResolver } from "../src/rest/routes/deployments-refs.js";
import {
  addStatus,
  type DeploymentRecord,
  deploymentsOf,
} from "../src/rest/routes/deployments-state.js";
import { seedCheckRun, seedCommitStatus, seedDeployment } from "../src/rest/routes/seed.js";
import type { RepoState, RouteContext, SandboxState } from "../src/rest/types.js";

/** Handlers and state helpers without HTTP: a fake context is enough for pure behaviour. */

function fakeState(): { state: SandboxState; repo: RepoState } {
  const repo: RepoState = {
    owner: "acme",
    name: "app",
    id: 1,
    defaultBranch: "main",
    private: false,
  };
  return { repo, state: { nextId: 10, repos: { "acme/app": repo }, users: {}, teams: {} } };
}

function fakeContext(
  state: SandboxState,
  repo: RepoState,
  over: Partial<RouteContext>,
): RouteContext {
  return {
    params: {},
    query: new URLSearchParams(),
    headers: {},
    body: undefined,
    repo,
    state,
    actor: "octocat",
    nextId: () => state.nextId++,
    now: () => "2026-01-01T00:00:00.000Z",
    apiUrl: "http://api.test",
    uploadsUrl: "http://uploads.test",
    serverUrl: "http://web.test",
    blobDir: "/nonexistent",
    ...over,
  };
}

const sha = "a".repeat(40);

describe("route helpers", () => {
  it("auto_inactive touches only prior successful non-transient non-production deployments", () => {
    const { state, repo } = fakeState();
    const [a, b, t, p] = seedDeployment(
      state,
      repo,
      (i) => ({
        ref: "v1",
        sha,
        environment: i === 3 ? "production" : "qa",
        transient_environment: i === 2,
        statuses: ["success"],
      }),
      4,
    ) as [DeploymentRecord, DeploymentRecord, DeploymentRecord, DeploymentRecord];
    expect([a.latest_state, b.latest_state, t.latest_state, p.latest_state]).toEqual([
      "inactive",
      "inactive",
      "success",
      "success",
    ]);
    const slice = deploymentsOf(repo);
    addStatus(slice, a, {
      id: 99,
      state: "success",
      creator: "x",
      created_at: "",
      nextId: () => state.nextId++,
    });
    // a is older than t and b: a success on it deactivates nothing newer.
    expect(t.latest_state).toBe("success");
    expect(slice.active.qa?.sort()).toEqual([a.id, t.id].sort());
  });

  it("commit contexts: pending check runs and failed statuses do not pass", () => {
    const { state, repo } = fakeState();
    seedCheckRun(state, repo, { head_sha: sha, name: "build", status: "in_progress" });
    seedCheckRun(state, repo, { head_sha: sha, name: "docs", conclusion: "skipped" });
    seedCommitStatus(state, repo, { sha, state: "success", context: "ci" });
    expect(Object.fromEntries(commitContexts(repo, sha))).toEqual({
      ci: true,
      build: false,
      docs: true,
    });
    expect(combinedState([])).toBe("pending");
  });

  it("dispatch inputs: defaults, choices, booleans, unknown keys", () => {
    const w = {
      inputs: {
        env: { type: "choice", options: ["qa", "prod"], required: true },
        dry: { type: "boolean", default: false },
      },
    } as unknown as WorkflowRecord;
    // Stored as github.event.inputs: every declared input, as a string.
    expect(dispatchInputs(w, { env: "qa" })).toEqual({ env: "qa", dry: "false" });
    // GitHub's own words, nothing added (the local engine's refusal names the options).
    expect(() => dispatchInputs(w, { env: "dev" })).toThrow(
      /^Provided value 'dev' for input 'env' not in the list of allowed values$/,
    );
    expect(() => dispatchInputs(w, { env: "qa", dry: "maybe" })).toThrow(/boolean/);
    expect(() => dispatchInputs(w, { env: "qa", x: "1" })).toThrow(
      /^Unexpected inputs provided: \["x"\]$/,
    );
    expect(() => dispatchInputs(w, {})).toThrow(/Required input 'env'/);
    expect(dispatchInputs({} as WorkflowRecord, { anything: 1 })).toEqual({ anything: 1 });
  });

  it("the create handler stores a string payload as an object and defaults production_environment", async () => {
    const { state, repo } = fakeState();
    const create = deploymentRoutes.find(
      (r) => r.method === "POST" && r.path.endsWith("/deployments"),
    )!;
    const ctx = fakeContext(state, repo, {
      body: { ref: sha, payload: '{"a":1}', environment: "staging", required_contexts: [] },
    });
    // No git model here: every ref resolves to itself for this test.
    setRefResolver((_repo, ref) => ref);
    const result = await Promise.resolve(create.handler(ctx)).finally(() => setRefResolver());
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      payload: { a: 1 },
      production_environment: false,
      environment: "staging",
    });
  });
});
