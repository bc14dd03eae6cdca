import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGitHubClient, type GitHubClient } from "@fastdeploy/github";
import { type Sandbox, type SandboxOptions, startSandbox } from "@fastdeploy/sandbox";
import { afterAll, afterEach, beforeAll } from "vitest";

/** The repository every package-level test works on. */
export const REPO = { owner: "acme", repo: "shop" };
export const FULL_NAME = `${REPO.owner}/${REPO.repo}`;

/** A client for the sandbox: no pacing, quick retries, warnings kept for assertions. */
export function sandboxRepoClient(sandbox: Sandbox, warnings: string[] = []): GitHubClient {
  return createGitHubClient({
    token: "sandbox-token",
    apiUrl: sandbox.apiUrl,
    writeIntervalMs: 0,
    retryBaseMs: 5,
    warn: (m) => warnings.push(m),
  });
}

export interface SandboxRepo {
  sandbox: Sandbox;
  client: GitHubClient;
  /** The one commit of the fresh repository. */
  sha: string;
  /** A temp dir of the test's own. */
  dir: string;
}

/**
 * A sandbox per test file; each test gets a fresh repository with one commit (`message`), a
 * client and a temp dir, and fails on any OpenAPI violation of its requests or responses.
 */
export function useSandboxRepo(message: string, options: SandboxOptions = {}): SandboxRepo {
  const f = {} as SandboxRepo;
  beforeAll(async () => {
    f.sandbox = await startSandbox(options);
  });
  const fresh = () => {
    f.sandbox.reset();
    f.sandbox.createRepo(FULL_NAME);
    f.sha = f.sandbox.seedCommit(FULL_NAME, { message });
    f.client = sandboxRepoClient(f.sandbox);
    if (f.dir) rmSync(f.dir, { recursive: true, force: true });
    f.dir = mkdtempSync(join(tmpdir(), "fastdeploy-test-"));
  };
  beforeAll(fresh);
  afterEach(() => {
    try {
      f.sandbox.assertNoViolations();
    } finally {
      fresh();
    }
  });
  afterAll(async () => {
    await f.sandbox?.close();
    if (f.dir) rmSync(f.dir, { recursive: true, force: true });
  });
  return f;
}
