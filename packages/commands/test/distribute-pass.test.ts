// One pass with a release whose archive is still arriving: the deployment goes in_progress
// meanwhile, and nothing runs until the bytes are verified. What the ledger says when they are
// refused, and when the run is cancelled while they arrive.
import { DeploymentLedger, type GitHubClient } from "@fastdeploy/github";
import type { LocalGitHub } from "@fastdeploy/sandbox";
import { describe, expect, it } from "vitest";
import { ledgerRows, useLocalGitHub } from "../../../test/support/distribute-kit.js";
import { publishVersion } from "../../../test/support/release-fixture.js";
import { type PassInput, runPass, type VerifiedRelease } from "../src/distribute-pass.js";
import { DistributeError } from "../src/distribute-types.js";
import { quietLog } from "../src/ports.js";

const repo = { owner: "acme", repo: "shop" };
let github: LocalGitHub;
let client: GitHubClient;

useLocalGitHub((local) => {
  ({ github, client } = local);
});

/** A release of 1.0.0 whose archive settles as `extracted` says. */
async function arriving(extracted: Promise<void>): Promise<VerifiedRelease> {
  extracted.catch(() => {}); // awaited by the pass; a refusal must not go unhandled meanwhile
  const published = await publishVersion(github, { version: "1.0.0" });
  return {
    version: "1.0.0",
    digest: published.digest,
    releaseId: published.releaseId,
    tag: published.tag,
    releaseUrl: published.releaseUrl,
    manifest: published.manifest,
    dir: "/nonexistent",
    archive: "/nonexistent/shop-1.0.0.tar.gz",
    manifestFile: "/nonexistent/shop-1.0.0.manifest.json",
    extracted,
    close: async () => {},
  };
}

async function pass(release: VerifiedRelease, signal?: AbortSignal) {
  const ledger = new DeploymentLedger(client, repo);
  const commands: string[] = [];
  const input: PassInput = {
    environment: "dev",
    release,
    snapshot: await ledger.environment("dev").snapshot(),
    payload: { approval: null },
    command: "deploy",
    targets: ["dev"],
    parallel: 1,
    timeoutMs: 60_000,
    production: false,
    previousVersion: "",
    at: new Date(),
  };
  const running = runPass(input, {
    ledger,
    log: quietLog,
    env: {},
    runShell: async (command) => {
      commands.push(command);
      return { exitCode: 0, signal: null, durationMs: 1, timedOut: false, cancelled: false };
    },
    ...(signal ? { signal } : {}),
  });
  return { running, commands };
}

describe("a pass whose archive is still arriving", () => {
  it("records failure with the reason and runs nothing when the bytes are refused", async () => {
    const refused = new DistributeError(
      "v1.0.0 failed verification, so nothing was deployed: shop-1.0.0.tar.gz does not match SHA256SUMS",
      "verification",
    );
    const { running, commands } = await pass(await arriving(Promise.reject(refused)));
    await expect(running).rejects.toBe(refused);
    expect(commands).toEqual([]);
    const [row] = await ledgerRows(client, "dev");
    expect(row?.statuses.map((s) => s.state)).toEqual(["failure", "in_progress"]);
    expect(row?.statuses[0]?.description).toMatch(/^v1\.0\.0 failed verification/);
  });

  it("stops waiting when the run is cancelled, records error (cancelled), and runs nothing", async () => {
    const controller = new AbortController();
    const { running, commands } = await pass(
      await arriving(new Promise(() => {})),
      controller.signal,
    );
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toThrow(/Cancelled while v1\.0\.0 downloaded; nothing ran/);
    expect(commands).toEqual([]);
    const [row] = await ledgerRows(client, "dev");
    expect(row?.statuses.map((s) => [s.state, s.description])).toEqual([
      ["error", "cancelled"],
      ["in_progress", "Deploying 1.0.0 to 1 target"],
    ]);
  });
});
