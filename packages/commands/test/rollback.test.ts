import { loadConfig } from "@fastdeploy/core";
import { createGitHubClient, type GitHubClient } from "@fastdeploy/github";
import { type Sandbox, startSandbox } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLedger } from "../../../test/support/ledger-seed.js";
import { quietLog } from "../src/ports.js";
import { RollbackError, rollback } from "../src/rollback.js";
import { runShell } from "../src/shell.js";

const REPO = { owner: "acme", repo: "shop" };
let sandbox: Sandbox;
let client: GitHubClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.createRepo("acme/shop");
  client = createGitHubClient({
    token: "sandbox-token",
    apiUrl: sandbox.apiUrl,
    writeIntervalMs: 0,
  });
});
afterAll(async () => {
  sandbox?.assertNoViolations();
  await sandbox?.close();
});

const attempt = (environment: string, to: string) =>
  rollback(
    {
      repo: REPO,
      config: loadConfig(undefined, ".github/fastdeploy.yml"),
      environment,
      to,
      deploy: { command: "true" },
    },
    { github: client, log: quietLog, now: () => new Date(), runShell, tempDir: "/tmp" },
  );

const minutesAgo = (m: number) => new Date(Math.floor(Date.now() / 60_000 - m) * 60_000);

describe("rollback refusals (nothing deployed)", () => {
  it("refuses a `to` that is neither previous nor a version before any request", async () => {
    const before = sandbox.requestCount();
    await expect(attempt("prod", "latest")).rejects.toThrow(RollbackError);
    await expect(attempt("prod", "latest")).rejects.toThrow('neither "previous" nor a SemVer');
    expect(sandbox.requestCount()).toBe(before);
  });

  it("refuses when nothing runs in the environment", async () => {
    await expect(attempt("empty", "previous")).rejects.toThrow(
      "nothing runs in the environment, so there is nothing to roll back from",
    );
  });

  it("refuses `previous` when every earlier version is marked bad, and an explicit bad target", async () => {
    seedLedger(sandbox, "acme/shop", "stage", [
      { version: "1.0.0", at: minutesAgo(40) },
      { version: "1.1.0", at: minutesAgo(30) },
      { version: "1.0.0", at: minutesAgo(20), rollbackFrom: "1.1.0" },
      { version: "1.2.0", at: minutesAgo(10) },
      { version: "1.0.0", at: minutesAgo(5), rollbackFrom: "1.2.0" },
    ]);
    // Live is 1.0.0; 1.1.0 and 1.2.0 were both rolled back from.
    await expect(attempt("stage", "previous")).rejects.toThrow(/no version succeeded in stage/);
    await expect(attempt("stage", "1.1.0")).rejects.toMatchObject({
      name: "RollbackError",
      code: "bad_version",
    });
    expect(sandbox.writes()).toEqual([]);
  });
});
