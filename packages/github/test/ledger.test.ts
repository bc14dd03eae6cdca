import { checkPromotionOrder, evaluateDeploy } from "@fastdeploy/core";
import { describe, expect, it } from "vitest";
import { startSandbox } from "../../sandbox/src/rest/index.js";
import { seedCommitStatus } from "../../sandbox/src/rest/routes/seed.js";
import { DeploymentLedger, LedgerError } from "../src/ledger.js";
import { payloadWithIndex } from "../src/ledger-index.js";
import { createGitHubClient } from "../src/octokit.js";
import { digestOf, REPO, tag, useLedgerSandbox } from "./ledger-fixture.js";

const core = (version: string) => ({
  version,
  digest: digestOf(version),
  release_id: 7,
  targets: ["eu-1", "us-1"],
  approval: { approvers: [{ login: "alice", comment: "go" }] },
});

describe("writing the ledger", () => {
  const f = useLedgerSandbox();
  /** A FastDeploy deployment of 1.0.0 in qa, with no status yet. */
  const qaDeployment = () =>
    new DeploymentLedger(f.client, REPO).createDeployment({
      ref: tag(f.sandbox, "1.0.0", f.sha),
      environment: "qa",
      payload: core("1.0.0"),
      production: false,
    });

  it("creates a FastDeploy deployment while the commit's checks are still pending", async () => {
    // Omitted required_contexts would make GitHub answer 409 here.
    seedCommitStatus(f.sandbox.state, `${REPO.owner}/${REPO.repo}`, {
      sha: f.sha,
      state: "pending",
      context: "ci",
    });
    const ref = tag(f.sandbox, "1.0.0", f.sha);
    const ledger = new DeploymentLedger(f.client, REPO);
    const payload = payloadWithIndex(await ledger.environment("prod").snapshot(), core("1.0.0"));
    const d = await ledger.createDeployment({
      ref,
      environment: "prod",
      payload,
      production: true,
    });
    const { data } = await f.client.rest.repos.getDeployment({ ...REPO, deployment_id: d.id });
    expect(data).toMatchObject({
      ref: "v1.0.0",
      task: "deploy:fastdeploy",
      environment: "prod",
      production_environment: true,
      transient_environment: false,
      payload: { fastdeploy: { version: "1.0.0", bad: [], good: [] } },
    });
  });

  it("walks the lifecycle and refuses impossible transitions without a request", async () => {
    const d = await qaDeployment();
    await expect(d.setStatus("success")).rejects.toThrow(LedgerError);
    await d.setStatus("queued");
    await d.setStatus("in_progress", {
      log_url: "https://github.localhost/acme/shop/actions/runs/1",
    });
    await d.setStatus("success", {
      environment_url: "https://qa.example.com",
      description: "x".repeat(200),
    });
    await expect(d.setStatus("failure")).rejects.toThrow("cannot go from success to failure");
    const { data } = await f.client.rest.repos.listDeploymentStatuses({
      ...REPO,
      deployment_id: d.id,
    });
    expect(data.map((s) => s.state)).toEqual(["success", "in_progress", "queued"]);
    expect(data[0]).toMatchObject({
      environment_url: "https://qa.example.com",
      description: "x".repeat(140),
    });
    expect(data[1]?.log_url).toBe("https://github.localhost/acme/shop/actions/runs/1");
  });

  it("writes statuses in the order they were asked for, without waiting between them", async () => {
    const d = await qaDeployment();
    const progress = d.setStatus("in_progress");
    const success = d.setStatus("success");
    // Checked against what was asked, not what was written yet.
    await expect(d.setStatus("in_progress")).rejects.toThrow(
      "cannot go from success to in_progress",
    );
    await Promise.all([progress, success]);
    expect(d.final).toBe(true);
    const { data } = await f.client.rest.repos.listDeploymentStatuses({
      ...REPO,
      deployment_id: d.id,
    });
    expect(data.map((s) => s.state)).toEqual(["success", "in_progress"]);
  });

  it("settles an open deployment with error after the status being written", async () => {
    const d = await qaDeployment();
    const progress = d.setStatus("in_progress");
    await d.settle("error", { description: "cancelled" });
    await progress;
    const { data } = await f.client.rest.repos.listDeploymentStatuses({
      ...REPO,
      deployment_id: d.id,
    });
    expect(data.map((s) => [s.state, s.description])).toEqual([
      ["error", "cancelled"],
      ["in_progress", ""],
    ]);
  });

  it("distribute, rollback and the bad-version hold, end to end", async () => {
    const ledger = () => new DeploymentLedger(f.client, REPO);
    const deploy = async (
      version: string,
      options: { rollbackFrom?: string; fail?: boolean } = {},
    ) => {
      const l = ledger();
      const snapshot = await l.environment("qa").snapshot();
      const payload = payloadWithIndex(snapshot, {
        ...core(version),
        ...(options.rollbackFrom
          ? { rollback: { from: options.rollbackFrom, reason: "5xx" } }
          : {}),
      });
      const d = await l.createDeployment({
        ref: tag(f.sandbox, version, f.sha),
        environment: "qa",
        payload,
        production: false,
      });
      await d.setStatus("in_progress");
      await d.setStatus(options.fail ? "failure" : "success");
      return d;
    };
    await deploy("1.0.0");
    await deploy("1.1.0");
    await deploy("1.2.0", { fail: true });
    const qa = ledger().environment("qa");
    expect((await qa.live())?.version).toBe("1.1.0");
    const choice = await qa.rollbackTarget({ to: "previous" });
    expect(choice).toMatchObject({
      allowed: true,
      from: { version: "1.1.0" },
      to: { version: "1.0.0", digest: digestOf("1.0.0") },
    });

    await deploy("1.0.0", { rollbackFrom: "1.1.0" });
    const after = ledger().environment("qa");
    expect((await after.live())?.version).toBe("1.0.0");
    expect(await after.isBad("1.1.0")).toMatchObject({ reason: "5xx" });

    // A re-run of the old pipeline for 1.1.0 is refused by the policies the ledger feeds.
    const snapshot = await after.snapshot();
    const verdict = evaluateDeploy(
      {
        environment: "qa",
        version: "1.1.0",
        digest: digestOf("1.1.0"),
        sourceRef: "refs/tags/v1.1.0",
        after: [],
        requireTag: false,
        freeze: [],
        at: new Date(),
      },
      { successes: {}, live: snapshot.live, bad: snapshot.bad },
    );
    expect(verdict).toMatchObject({ allowed: false, code: "bad_version" });
  });

  it("gathers promotion facts per after environment with filtered queries", async () => {
    const l = new DeploymentLedger(f.client, REPO);
    for (const [env, version, fail] of [
      ["dev", "1.5.0", false],
      ["qa", "1.5.0", true],
      ["qa", "1.4.0", false],
    ] as const) {
      const d = await l.createDeployment({
        ref: tag(f.sandbox, version, f.sha),
        environment: env,
        payload: core(version),
        production: false,
      });
      await d.setStatus("in_progress");
      await d.setStatus(fail ? "failure" : "success");
    }
    const before = f.sandbox.requestCount();
    const facts = await new DeploymentLedger(f.client, REPO).promotionFacts(
      ["dev", "qa"],
      "1.5.0",
      "v1.5.0",
    );
    expect(facts).toEqual({ dev: [{ version: "1.5.0", digest: digestOf("1.5.0") }], qa: [] });
    expect(f.sandbox.requestCount() - before).toBe(4);
    const decision = checkPromotionOrder(
      { environment: "prod", version: "1.5.0", digest: digestOf("1.5.0") },
      ["dev", "qa"],
      facts,
    );
    expect(decision).toMatchObject({
      allowed: false,
      message: expect.stringContaining("succeeded in qa first"),
    });
  });
});

describe("a deployment GitHub did not create", () => {
  it("turns 202 (merged instead of deployed) into a LedgerError", async () => {
    const sandbox = await startSandbox({
      routes: [
        {
          method: "POST",
          path: "/repos/{owner}/{repo}/deployments",
          handler: () => ({
            status: 202,
            body: { message: "Auto-merged main into topic on deploy." },
          }),
        },
      ],
    });
    try {
      sandbox.createRepo(`${REPO.owner}/${REPO.repo}`);
      const client = createGitHubClient({
        token: "sandbox-token",
        apiUrl: sandbox.apiUrl,
        writeIntervalMs: 0,
        retryBaseMs: 10,
      });
      const ledger = new DeploymentLedger(client, REPO);
      await expect(
        ledger.createDeployment({
          ref: "main",
          environment: "qa",
          payload: core("1.0.0"),
          production: false,
        }),
      ).rejects.toThrow(/created no deployment for main in qa \(202: Auto-merged/);
      sandbox.assertNoViolations();
    } finally {
      await sandbox.close();
    }
  });
});
