// The distribute engine called as a function (as the rollback action and the CLI call it),
// against the local GitHub, with real releases and real or recorded shell commands.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@fastdeploy/core";
import { DeploymentLedger, type GitHubClient } from "@fastdeploy/github";
import type { LocalGitHub } from "@fastdeploy/sandbox";
import { describe, expect, it } from "vitest";
import { ledgerRows, useLocalGitHub } from "../../../test/support/distribute-kit.js";
import { publishVersion } from "../../../test/support/release-fixture.js";
import {
  type DistributeInputs,
  type DistributePorts,
  distribute,
  resolveDistributeOptions,
} from "../src/distribute.js";
import { quietLog } from "../src/ports.js";
import { runShell, type ShellOptions } from "../src/shell.js";

const repo = { owner: "acme", repo: "shop" };
let github: LocalGitHub;
let client: GitHubClient;
const tempDir = mkdtempSync(join(tmpdir(), "fd-distribute-engine-"));

useLocalGitHub((local) => {
  ({ github, client } = local);
});

const ports = (extra: Partial<DistributePorts> = {}): DistributePorts => ({
  github: client,
  log: quietLog,
  now: () => new Date(),
  runShell,
  tempDir,
  ...extra,
});

const run = (inputs: Partial<DistributeInputs> & { version: string }, config = "", extra = {}) =>
  distribute(
    resolveDistributeOptions(repo, loadConfig(config || undefined), {
      environment: "dev",
      command: "true",
      ...inputs,
    }),
    ports(extra),
  );

describe("distribute (engine)", () => {
  it("runs the command through the injected process runner, once per target", async () => {
    await publishVersion(github, { version: "1.0.0" });
    const calls: Array<{ command: string; options: ShellOptions }> = [];
    const result = await run({ version: "1.0.0", targets: ["a", "b"], command: "deploy it" }, "", {
      runShell: async (command: string, options: ShellOptions) => {
        calls.push({ command, options });
        return { exitCode: 0, durationMs: 1 };
      },
      env: { PATH: "/bin", INPUT_TOKEN: "secret", STATE_x: "y", KEEP: "me" },
    });
    expect(result).toMatchObject({ status: "deployed", version: "1.0.0" });
    expect(calls.map((c) => [c.command, c.options.env?.FASTDEPLOY_TARGET])).toEqual([
      ["deploy it", "a"],
      ["deploy it", "b"],
    ]);
    const env = calls[0]!.options.env!;
    expect(env).toMatchObject({
      KEEP: "me",
      FASTDEPLOY_ENVIRONMENT: "dev",
      FASTDEPLOY_VERSION: "1.0.0",
    });
    expect(env.INPUT_TOKEN).toBeUndefined();
    expect(env.STATE_x).toBeUndefined();
    expect(calls[0]!.options.timeoutMs).toBe(30 * 60_000);
    expect(calls[0]!.options.cwd).toBe(env.FASTDEPLOY_ARTIFACT_DIR);
  });

  it("redeploys a live version with force, recording the reason and the override", async () => {
    await publishVersion(github, { version: "1.0.0" });
    expect((await run({ version: "1.0.0" })).status).toBe("deployed");
    expect((await run({ version: "1.0.0" })).status).toBe("already_deployed");
    const forced = await run({ version: "1.0.0", force: true, reason: "config drift" });
    expect(forced).toMatchObject({
      status: "deployed",
      overrides: [{ rule: "already-deployed" }],
      previousVersion: "1.0.0",
    });
    const [row] = await ledgerRows(client, "dev");
    expect(row!.payload.fastdeploy).toMatchObject({
      force: { reason: "config drift", overrides: ["already-deployed"] },
    });
  });

  it("keeps a freeze window unless forced with a reason", async () => {
    await publishVersion(github, { version: "1.0.0" });
    const config =
      'environments:\n  - name: dev\n    freeze:\n      - { from: "2000-01-01 00:00", to: "2999-01-01 00:00" }\n';
    await expect(run({ version: "1.0.0" }, config)).rejects.toMatchObject({ code: "frozen" });
    await expect(run({ version: "1.0.0", force: true }, config)).rejects.toMatchObject({
      code: "force_reason",
    });
    expect(github.sandbox.writes().filter((w) => w.route.includes("deployments"))).toEqual([]);
    const forced = await run({ version: "1.0.0", force: true, reason: "incident 42" }, config);
    expect(forced.overrides.map((o) => o.rule)).toEqual(["freeze"]);
    const [row] = await ledgerRows(client, "dev");
    expect(row!.payload.fastdeploy).toMatchObject({
      force: { reason: "incident 42", overrides: ["freeze"] },
    });
  });

  it("deploys a rollback as the rollback action asks: backwards, marking `from` bad", async () => {
    await publishVersion(github, { version: "1.0.0" });
    await publishVersion(github, { version: "1.1.0" });
    await run({ version: "1.0.0" });
    await run({ version: "1.1.0" });
    const result = await run({ version: "1.0.0", rollback: { from: "1.1.0", reason: "5xx" } });
    expect(result).toMatchObject({ status: "deployed", previousVersion: "1.1.0" });
    const qa = new DeploymentLedger(client, repo).environment("dev");
    expect((await qa.live())?.version).toBe("1.0.0");
    expect(await qa.isBad("1.1.0")).toMatchObject({ reason: "5xx" });
  });

  it("does not roll a failed rollback back again", async () => {
    await publishVersion(github, { version: "1.0.0" });
    await publishVersion(github, { version: "1.1.0" });
    await run({ version: "1.0.0" });
    await run({ version: "1.1.0" });
    const result = await run({
      version: "1.0.0",
      command: "exit 1",
      rollback: { from: "1.1.0", reason: "5xx" },
    });
    expect(result.status).toBe("failed");
    expect(result.rollback).toBeUndefined();
    expect(result.failure).toMatch(/a failed rollback is not rolled back again/);
  });

  it("fails without rolling back when rollback-on-failure is off or nothing ran before", async () => {
    await publishVersion(github, { version: "1.0.0" });
    await publishVersion(github, { version: "1.1.0" });
    const first = await run({ version: "1.0.0", command: "exit 2" });
    expect(first).toMatchObject({ status: "failed" });
    expect(first.failure).toMatch(/nothing ran in dev before/);
    expect(first.targets[0]).toMatchObject({ status: "failure", exitCode: 2 });

    await run({ version: "1.0.0" });
    const off = await run({ version: "1.1.0", command: "exit 1", rollbackOnFailure: false });
    expect(off.failure).toMatch(/rollback-on-failure is off/);
    const rows = await ledgerRows(client, "dev");
    expect(rows.map((r) => [r.ref, r.statuses[0]!.state])).toEqual([
      ["v1.1.0", "failure"],
      ["v1.0.0", "success"],
      ["v1.0.0", "failure"],
    ]);
  });

  it("reports failed when the automatic rollback fails too", async () => {
    await publishVersion(github, { version: "1.0.0" });
    await publishVersion(github, { version: "1.1.0" });
    await run({ version: "1.0.0" });
    const result = await run({ version: "1.1.0", command: "exit 7" });
    expect(result.status).toBe("failed");
    expect(result.rollback).toMatchObject({ version: "1.0.0", outcome: "failure" });
    expect(result.failure).toMatch(/The rollback to 1\.0\.0 failed too/);
    const rows = await ledgerRows(client, "dev");
    expect(rows.map((r) => [r.ref, r.statuses[0]!.state])).toEqual([
      ["v1.0.0", "failure"],
      ["v1.1.0", "failure"],
      ["v1.0.0", "success"],
    ]);
  });

  it("records error, never in_progress, when the ledger fails mid-deploy", async () => {
    await publishVersion(github, { version: "1.0.0" });
    // in_progress goes through; the success status fails every retry; the error status lands.
    github.sandbox.injectFault({
      method: "POST",
      route: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
      kind: "status",
      status: 500,
      after: 1,
      times: 4,
    });
    const opened: Array<[number, boolean]> = [];
    await expect(
      run({ version: "1.0.0" }, "", {
        onDeployment: (id: number, open: boolean) => opened.push([id, open]),
      }),
    ).rejects.toMatchObject({ status: 500 });
    const [row] = await ledgerRows(client, "dev");
    expect(row!.statuses.map((s) => s.state)).toEqual(["error", "in_progress"]);
    expect(opened).toEqual([
      [row!.id, true],
      [row!.id, false],
    ]);
  });

  it("writes nothing when cancelled before the deployment exists", async () => {
    await publishVersion(github, { version: "1.0.0" });
    const controller = new AbortController();
    controller.abort();
    github.sandbox.log.clear();
    await expect(
      run({ version: "1.0.0" }, "", { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: "cancelled",
    });
    expect(github.sandbox.writes()).toEqual([]);
  });

  it("names a missing release and deploys nothing", async () => {
    await expect(run({ version: "9.9.9" })).rejects.toThrow(
      /No published release with tag v9\.9\.9/,
    );
    expect(github.sandbox.writes()).toEqual([]);
  });

  it("does not mark a production prerelease latest", async () => {
    await publishVersion(github, { version: "3.0.0-rc.1" });
    const result = await run({ version: "3.0.0-rc.1", environment: "prod" });
    expect(result).toMatchObject({ status: "deployed", production: true, madeLatest: false });
  });
});
