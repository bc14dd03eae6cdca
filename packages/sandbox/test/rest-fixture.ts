import { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  DEFAULT_TOKEN,
  type NewWorkflowRun,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from "../src/rest/index.js";

/**
 * One sandbox per test file, reset between tests, with a real Octokit pointed at it. Every
 * test ends by asserting that no request or response broke GitHub's OpenAPI description.
 */
export function useSandbox(options: SandboxOptions = {}) {
  const fixture = {} as {
    sandbox: Sandbox;
    octokit: Octokit;
    repo: { owner: string; repo: string };
  };
  beforeAll(async () => {
    fixture.sandbox = await startSandbox(options);
    fixture.octokit = quietOctokit(fixture.sandbox);
    fixture.repo = { owner: "acme", repo: "app" };
  });
  afterEach(() => {
    const { sandbox } = fixture;
    try {
      sandbox.assertNoViolations();
    } finally {
      sandbox.reset();
      sandbox.createRepo("acme/app");
    }
  });
  afterAll(async () => {
    await fixture.sandbox?.close();
  });
  beforeAll(() => {
    fixture.sandbox.createRepo("acme/app");
  });
  return fixture;
}

/** Octokit against the sandbox, without logging the 4xx answers tests provoke on purpose. */
export function quietOctokit(sandbox: Sandbox, token = DEFAULT_TOKEN): Octokit {
  const silent = () => {};
  return new Octokit({
    auth: token,
    baseUrl: sandbox.apiUrl,
    log: { debug: silent, info: silent, warn: silent, error: silent },
  });
}

/** The status and body of a request that must fail. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ status: number; data: unknown; headers: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      status?: number;
      response?: { data: unknown; headers: Record<string, unknown> };
    };
    if (typeof e.status === "number")
      return { status: e.status, data: e.response?.data, headers: e.response?.headers ?? {} };
    throw error;
  }
  throw new Error("expected the request to fail");
}

/** A new commit on acme/app and a queued "Release" run for it, triggered by alice. */
export function pushRun(sandbox: Sandbox, overrides: Partial<NewWorkflowRun> = {}) {
  const sha = sandbox.seedCommit("acme/app", { message: "ship" });
  const run = sandbox.createWorkflowRun("acme/app", {
    workflowPath: ".github/workflows/release.yml",
    name: "Release",
    event: "push",
    headSha: sha,
    headBranch: "main",
    actor: "alice",
    triggeringActor: "alice",
    ...overrides,
  });
  return { sha, run };
}
