// actions/distribute end to end: the committed bundle dist/distribute/index.js, started by the
// runner harness as the Actions runner starts it, against the local GitHub, with real shell
// deploy commands and health endpoints served on loopback.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { GitHubClient } from "@fastdeploy/github";
import { type LocalGitHub, recordReview, seedRun } from "@fastdeploy/sandbox";
import { describe, expect, it } from "vitest";
import {
  apiRequests,
  errors,
  healthServer,
  ledgerRows,
  liveVersion,
  OWNER,
  REPO,
  runDistribute,
  useLocalGitHub,
  workspace,
} from "./support/distribute-kit.js";
import { corruptStoredAsset, publishVersion } from "./support/release-fixture.js";

let github: LocalGitHub;
let client: GitHubClient;
const RUN_URL = "http://github.localhost/acme/shop/actions/runs/1000";

useLocalGitHub((local) => {
  ({ github, client } = local);
});

/** Appends one line per run: target|version|environment|cwd|FASTDEPLOY_*…|file from the artifact. */
const RECORD =
  'printf "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\\n" "$FASTDEPLOY_TARGET" "$FASTDEPLOY_VERSION" ' +
  '"$FASTDEPLOY_ENVIRONMENT" "$PWD" "$FASTDEPLOY_ARTIFACT_DIR" "$FASTDEPLOY_ARCHIVE" ' +
  '"$FASTDEPLOY_MANIFEST" "$FASTDEPLOY_PREVIOUS_VERSION" "$FASTDEPLOY_DEPLOYMENT_ID" ' +
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
  '"$(cat app/VERSION)" "${INPUT_TOKEN:-no token}" >> "$DEPLOY_LOG"';

describe("actions/distribute", () => {
  it("deploys to three targets two at a time, records success, and a re-run changes nothing", async () => {
    await publishVersion(github, { version: "1.0.0" });
    const ws = workspace();
    const command = [
      'echo "start $FASTDEPLOY_TARGET $(date +%s%N)" >> "$DEPLOY_LOG.times"',
      'echo "hello from $FASTDEPLOY_TARGET"',
      "sleep 0.8",
      RECORD,
      'echo "end $FASTDEPLOY_TARGET $(date +%s%N)" >> "$DEPLOY_LOG.times"',
    ].join("\n");
    const inputs = {
      environment: "dev",
      version: "1.0.0",
      targets: "dev-1\ndev-2\ndev-3",
      parallel: "2",
      command,
      "environment-url": "https://dev.shop.example",
    };
    const run = await runDistribute(github, ws, inputs);
    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);

    // Each target ran once, in the extracted artifact, with the FASTDEPLOY_* variables.
    const rows = ws.lines().map((l) => l.split("|"));
    expect(rows.map((r) => r[0]).sort()).toEqual(["dev-1", "dev-2", "dev-3"]);
    const id = run.outputs["deployment-id"];
    for (const [
      ,
      version,
      env,
      cwd,
      artifactDir,
      archive,
      manifest,
      previous,
      deploymentId,
      fileVersion,
      token,
    ] of rows) {
      expect([version, env, previous, deploymentId, fileVersion]).toEqual([
        "1.0.0",
        "dev",
        "",
        id,
        "1.0.0",
      ]);
      expect(cwd).toBe(artifactDir);
      expect(existsSync(join(cwd!, "app/bin/deploy.sh"))).toBe(false); // cleaned up after the run
      expect(basename(archive!)).toBe("shop-1.0.0.tar.gz");
      expect(basename(manifest!)).toBe("shop-1.0.0.manifest.json");
      // The action's inputs (the token among them) are not the deploy command's business.
      expect(token).toBe("no token");
    }
    // Never more than two at once.
    const events = readFileSync(`${ws.log}.times`, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split(" "))
      .sort((a, b) => Number(BigInt(a[2]!) - BigInt(b[2]!)));
    let running = 0;
    let peak = 0;
    for (const [kind] of events) {
      running += kind === "start" ? 1 : -1;
      peak = Math.max(peak, running);
    }
    expect(peak).toBe(2);
    // Live output, prefixed by target.
    for (const t of ["dev-1", "dev-2", "dev-3"])
      expect(run.stdout).toContain(`[${t}] hello from ${t}`);

    expect(run.outputs).toMatchObject({
      status: "deployed",
      "previous-version": "",
      "environment-url": "https://dev.shop.example",
    });
    const results = JSON.parse(run.outputs.results!) as Array<Record<string, unknown>>;
    expect(results.map((r) => [r.target, r.status, r.health, r.exit_code])).toEqual([
      ["dev-1", "success", "not_checked", 0],
      ["dev-2", "success", "not_checked", 0],
      ["dev-3", "success", "not_checked", 0],
    ]);
    for (const r of results) expect(r.duration_ms).toBeGreaterThanOrEqual(800);

    // The ledger: one FastDeploy deployment of the tag, in_progress then success.
    const [deployment, ...older] = await ledgerRows(client, "dev");
    expect(older).toEqual([]);
    expect(deployment).toMatchObject({
      id: Number(id),
      ref: "v1.0.0",
      task: "deploy:fastdeploy",
      production: false,
      transient: false,
    });
    expect(deployment!.payload.fastdeploy).toMatchObject({
      version: "1.0.0",
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      targets: ["dev-1", "dev-2", "dev-3"],
      approval: null,
      committed_at: expect.any(String),
    });
    expect(deployment!.statuses.map((s) => s.state)).toEqual(["success", "in_progress"]);
    expect(deployment!.statuses[0]).toMatchObject({
      log_url: RUN_URL,
      environment_url: "https://dev.shop.example",
    });
    expect(await liveVersion(client, "dev")).toBe("1.0.0");

    // The summary: a table per target, links, the request count.
    for (const t of ["dev-1", "dev-2", "dev-3"]) expect(run.summary).toContain(`<td>${t}</td>`);
    expect(run.summary).toContain(RUN_URL);
    expect(run.summary).toContain("releases/tag/v1.0.0");
    expect(run.summary).toMatch(/\d+ GitHub API requests/);

    // A re-run: already deployed, the command does not run, not one write.
    github.sandbox.log.clear();
    const again = await runDistribute(github, ws, inputs);
    expect(errors(again)).toEqual([]);
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({
      status: "already_deployed",
      "deployment-id": id,
      "previous-version": "1.0.0",
      results: "[]",
    });
    expect(ws.lines()).toHaveLength(3);
    expect(github.sandbox.writes()).toEqual([]);
  });

  it("outputs the release page of the version, under the config's own tag-prefix", async () => {
    await publishVersion(github, { version: "1.0.0", tagPrefix: "release-" });
    const ws = workspace("tag-prefix: release-\n");
    const run = await runDistribute(github, ws, {
      environment: "dev",
      version: "1.0.0",
      command: "true",
    });
    expect(errors(run)).toEqual([]);
    // The promote workflow's job shows this as its environment's URL when none is configured;
    // a URL built from `v<version>` would name a tag that does not exist.
    expect(run.outputs["release-url"]).toMatch(/\/acme\/shop\/releases\/tag\/release-1\.0\.0$/);
    expect(run.outputs["environment-url"]).toBe("");
  });

  it("refuses prod while qa holds no success of the version, then promotes it in order", async () => {
    const config = "environments:\n  - name: qa\n  - name: prod\n    after: [qa]\n";
    const ws = workspace(config);
    await publishVersion(github, { version: "2.0.0" });
    const prod = { environment: "prod", version: "2.0.0", command: RECORD };

    const refused = await runDistribute(github, ws, prod);
    expect(refused.exitCode).not.toBe(0);
    expect(errors(refused).join("\n")).toMatch(
      /prod needs 2\.0\.0 .* to have succeeded in qa first/,
    );
    expect(refused.outputs).toMatchObject({ status: "failed", "deployment-id": "" });
    expect(ws.lines()).toEqual([]);
    expect(await ledgerRows(client, "prod")).toEqual([]);
    expect(refused.summary).toContain("Not deployed");

    // In order it goes through, and production marks the release latest.
    expect((await runDistribute(github, ws, { ...prod, environment: "qa" })).exitCode).toBe(0);
    const promoted = await runDistribute(github, ws, prod);
    expect(errors(promoted)).toEqual([]);
    expect(promoted.outputs.status).toBe("deployed");
    const [deployment] = await ledgerRows(client, "prod");
    expect(deployment).toMatchObject({ production: true, ref: "v2.0.0" });
    expect(deployment!.statuses.map((s) => s.state)).toEqual(["success", "in_progress"]);
    const { data: latest } = await client.rest.repos.getLatestRelease({ owner: OWNER, repo: REPO });
    expect(latest.tag_name).toBe("v2.0.0");
  });

  it("refuses production for a branch build", async () => {
    const ws = workspace();
    await publishVersion(github, { version: "2.1.0-main.7", ref: "refs/heads/main" });
    const run = await runDistribute(github, ws, {
      environment: "production",
      version: "2.1.0-main.7",
      command: RECORD,
    });
    expect(run.exitCode).not.toBe(0);
    expect(errors(run).join("\n")).toMatch(/deploys only release tags/);
    expect(ws.lines()).toEqual([]);
    expect(await ledgerRows(client, "production")).toEqual([]);
  });

  // The archive's bytes are verified as they arrive, while the deployment is recorded (the
  // manifest and SHA256SUMS were checked before): a mismatch runs nothing, and the record says
  // why. A tampered manifest or SHA256SUMS line for it is refused before any write (below).
  for (const tamper of ["archive", "blob", "substituted", "repacked"] as const) {
    it(`refuses a tampered release (${tamper}) before any command runs`, async () => {
      const ws = workspace();
      await publishVersion(github, { version: "1.0.0", tamper });
      const run = await runDistribute(github, ws, {
        environment: "staging",
        version: "1.0.0",
        command: RECORD,
      });
      expect(run.exitCode).not.toBe(0);
      expect(errors(run).join("\n")).toMatch(
        /v1\.0\.0 failed verification, so nothing was deployed: shop-1\.0\.0\.tar\.gz does not match SHA256SUMS: the file is sha256:[0-9a-f]{64}, SHA256SUMS says sha256:[0-9a-f]{64}/,
      );
      expect(ws.lines()).toEqual([]);
      const [row, ...older] = await ledgerRows(client, "staging");
      expect(older).toEqual([]);
      expect(row?.statuses.map((s) => s.state)).toEqual(["failure", "in_progress"]);
      expect(row?.statuses[0]?.description).toMatch(/^v1\.0\.0 failed verification/);
      expect(await liveVersion(client, "staging")).toBeUndefined();
    });
  }

  it("deploys an archive over 1 MiB streamed as it downloads, and refuses one repacked", async () => {
    // Archives over 1 MiB are gunzipped as a stream while they download (smaller ones in one
    // call once in): the deployed tree is whole, and repacked bytes leave nothing behind.
    const big = randomBytes(3 << 20);
    const files = { "app/VERSION": "1.0.0\n", "app/big.bin": big };
    await publishVersion(github, { version: "1.0.0", files });
    await publishVersion(github, { version: "1.0.1", files, tamper: "repacked" });
    const ws = workspace();
    const command =
      'sha256sum app/big.bin | cut -c1-64 >> "$DEPLOY_LOG"; find . -type f | wc -l >> "$DEPLOY_LOG"';
    const good = await runDistribute(github, ws, { environment: "dev", version: "1.0.0", command });
    expect(errors(good)).toEqual([]);
    expect(good.outputs.status).toBe("deployed");
    expect(ws.lines()).toEqual([createHash("sha256").update(big).digest("hex"), "2"]);
    const bad = await runDistribute(github, ws, { environment: "dev", version: "1.0.1", command });
    expect(errors(bad).join("\n")).toMatch(
      /v1\.0\.1 failed verification, so nothing was deployed: shop-1\.0\.1\.tar\.gz does not match SHA256SUMS: the file is/,
    );
    expect(ws.lines()).toHaveLength(2);
    expect(await liveVersion(client, "dev")).toBe("1.0.0");
  });

  it.each([
    {
      what: "SHA256SUMS and manifest disagree on the archive",
      publish: () => publishVersion(github, { version: "1.0.0", tamper: "checksums" }),
      refusal:
        /v1\.0\.0 failed verification, so nothing was deployed: shop-1\.0\.0\.tar\.gz does not match SHA256SUMS: its manifest says sha256:[0-9a-f]{64}, SHA256SUMS says sha256:0{64}/,
    },
    {
      what: "manifest does not match SHA256SUMS",
      publish: async () => {
        const { releaseId } = await publishVersion(github, { version: "1.0.0" });
        corruptStoredAsset(github, releaseId, "shop-1.0.0.manifest.json");
      },
      refusal:
        /v1\.0\.0 failed verification, so nothing was deployed: shop-1\.0\.0\.manifest\.json/,
    },
  ])("refuses a release whose $what before any write", async ({ publish, refusal }) => {
    const ws = workspace();
    await publish();
    github.sandbox.log.clear();
    const run = await runDistribute(github, ws, {
      environment: "staging",
      version: "1.0.0",
      command: RECORD,
    });
    expect(run.exitCode).not.toBe(0);
    expect(errors(run).join("\n")).toMatch(refusal);
    expect(ws.lines()).toEqual([]);
    expect(github.sandbox.writes()).toEqual([]);
  });

  it("rolls back to the good version when the new one fails its health check", async () => {
    const health = await healthServer(new Set(["1.1.0"]));
    try {
      await publishVersion(github, { version: "1.0.0" });
      await publishVersion(github, { version: "1.1.0" });
      const ws = workspace();
      const command = `echo "$FASTDEPLOY_VERSION" > "${health.stateDir}/$FASTDEPLOY_TARGET"\n${RECORD}`;
      const inputs = {
        environment: "qa",
        targets: "qa-1,qa-2",
        command,
        "health-url": health.url,
        "health-timeout": "2",
      };
      const good = await runDistribute(github, ws, { ...inputs, version: "1.0.0" });
      expect(errors(good)).toEqual([]);
      expect(JSON.parse(good.outputs.results!).map((r: { health: string }) => r.health)).toEqual([
        "healthy",
        "healthy",
      ]);

      const bad = await runDistribute(github, ws, { ...inputs, version: "1.1.0" });
      expect(bad.exitCode).not.toBe(0);
      expect(bad.outputs).toMatchObject({ status: "rolled_back", "previous-version": "1.0.0" });
      expect(errors(bad).join("\n")).toMatch(
        /1\.1\.0 failed in qa: qa-\d: health check .* \(HTTP 503\).*Rolled back to 1\.0\.0, which is live again/,
      );
      const results = JSON.parse(bad.outputs.results!) as Array<{ status: string; health: string }>;
      expect(results.some((r) => r.status === "unhealthy" && r.health === "unhealthy")).toBe(true);

      // The targets run the good version again; the ledger agrees.
      expect([health.running("qa-1"), health.running("qa-2")]).toEqual(["1.0.0", "1.0.0"]);
      const [rollback, failed, first] = await ledgerRows(client, "qa");
      expect(failed).toMatchObject({ id: Number(bad.outputs["deployment-id"]), ref: "v1.1.0" });
      expect(failed!.statuses.map((s) => s.state)).toEqual(["failure", "in_progress"]);
      expect(rollback).toMatchObject({ ref: "v1.0.0" });
      expect(rollback!.payload.fastdeploy).toMatchObject({
        version: "1.0.0",
        rollback: {
          from: "1.1.0",
          reason: expect.stringMatching(/^automatic: qa-\d: health check/),
        },
        bad: [expect.objectContaining({ version: "1.1.0" })],
      });
      expect(rollback!.statuses[0]!.state).toBe("success");
      expect(first!.payload.fastdeploy).toMatchObject({ version: "1.0.0" });
      expect(await liveVersion(client, "qa")).toBe("1.0.0");
      expect(bad.summary).toContain("Automatic rollback to 1.0.0");

      // 1.1.0 is held in qa now: a re-run of the old pipeline does not bring it back.
      const rerun = await runDistribute(github, ws, { ...inputs, version: "1.1.0" });
      expect(rerun.exitCode).not.toBe(0);
      expect(errors(rerun).join("\n")).toMatch(/1\.1\.0 was rolled back from in qa/);
    } finally {
      await health.close();
    }
  });

  it("refuses an older version than the one running, and deploys it with allow-downgrade", async () => {
    await publishVersion(github, { version: "1.0.0" });
    await publishVersion(github, { version: "2.0.0" });
    const ws = workspace();
    const inputs = { environment: "staging", command: RECORD };
    expect((await runDistribute(github, ws, { ...inputs, version: "2.0.0" })).exitCode).toBe(0);

    github.sandbox.log.clear();
    const refused = await runDistribute(github, ws, { ...inputs, version: "1.0.0" });
    expect(refused.exitCode).not.toBe(0);
    expect(errors(refused).join("\n")).toMatch(/staging runs 2\.0\.0, newer than 1\.0\.0/);
    expect(github.sandbox.writes()).toEqual([]);
    expect(ws.lines().map((l) => l.split("|")[1])).toEqual(["2.0.0"]);

    const allowed = await runDistribute(github, ws, {
      ...inputs,
      version: "1.0.0",
      "allow-downgrade": "true",
    });
    expect(errors(allowed)).toEqual([]);
    expect(allowed.outputs).toMatchObject({ status: "deployed", "previous-version": "2.0.0" });
    expect(ws.lines().map((l) => l.split("|")[1])).toEqual(["2.0.0", "1.0.0"]);
    expect(ws.lines()[1]!.split("|")[7]).toBe("2.0.0"); // FASTDEPLOY_PREVIOUS_VERSION
    expect(await liveVersion(client, "staging")).toBe("1.0.0");
  });

  it("deploys one version to one environment in at most 12 API requests", async () => {
    await publishVersion(github, { version: "1.0.0" });
    await publishVersion(github, { version: "1.1.0" });
    const ws = workspace();
    const inputs = { environment: "dev", command: RECORD };
    expect((await runDistribute(github, ws, { ...inputs, version: "1.0.0" })).exitCode).toBe(0);

    github.sandbox.log.clear();
    const run = await runDistribute(github, ws, { ...inputs, version: "1.1.0" });
    expect(errors(run)).toEqual([]);
    const api = apiRequests(github);
    // release + 3 assets, 1 page of history + the live one's status, the commit time,
    // create + in_progress + success; the signed CDN downloads are not API requests.
    expect(api).toBeLessThanOrEqual(12);
    expect(run.summary).toContain(`${api} GitHub API requests`);
    console.log(
      `distribute: a plain deploy cost ${api} API requests (${JSON.stringify(github.sandbox.countsByRoute())})`,
    );
  });

  it("undeploys: the teardown runs and the environment reads undeployed", async () => {
    await publishVersion(github, { version: "1.0.0" });
    const ws = workspace();
    const inputs = { environment: "review-42", version: "1.0.0", targets: "a,b" };
    expect((await runDistribute(github, ws, { ...inputs, command: RECORD })).exitCode).toBe(0);

    const teardown = `echo "teardown $FASTDEPLOY_TARGET $FASTDEPLOY_VERSION" >> "$DEPLOY_LOG"`;
    const run = await runDistribute(github, ws, { ...inputs, command: teardown, undeploy: "true" });
    expect(errors(run)).toEqual([]);
    expect(run.outputs).toMatchObject({ status: "undeployed", "previous-version": "1.0.0" });
    expect(
      ws
        .lines()
        .filter((l) => l.startsWith("teardown"))
        .sort(),
    ).toEqual(["teardown a 1.0.0", "teardown b 1.0.0"]);
    const rows = await ledgerRows(client, "review-42");
    expect(rows.map((r) => r.statuses[0]!.state)).toEqual(["inactive", "inactive"]);
    expect(rows[0]!.payload.fastdeploy).toMatchObject({ undeploy: true });
    expect(await liveVersion(client, "review-42")).toBeUndefined();

    // Again: nothing runs there, nothing to do.
    github.sandbox.log.clear();
    const again = await runDistribute(github, ws, {
      ...inputs,
      command: teardown,
      undeploy: "true",
    });
    expect(again.outputs.status).toBe("undeployed");
    expect(github.sandbox.writes()).toEqual([]);
  });

  it("records only the approvers GitHub's reviews of the run confirm; a forged name never reaches the ledger", async () => {
    await publishVersion(github, { version: "1.0.0" });
    const ws = workspace();
    const state = github.sandbox.state;
    const runId = seedRun(state, github.repository, {
      workflow: "release.yml",
      actor: "alice",
      status: "in_progress",
      pending_environments: ["dev"],
    }).id;
    recordReview(state, github.repository, runId, {
      user: "reviewer",
      state: "approved",
      comment: "LGTM",
      environments: ["dev"],
    });
    const record = {
      approvers: [
        { login: "reviewer", comment: "LGTM", at: "2026-01-02T03:04:05Z" },
        { login: "mallory", comment: "trust me", at: "2026-01-02T03:04:05Z" },
      ],
      checks: ["ci"],
    };
    const run = await github.run({
      action: "distribute",
      workspace: ws.dir,
      inputs: { environment: "dev", version: "1.0.0", command: RECORD },
      env: { DEPLOY_LOG: ws.log, FASTDEPLOY_APPROVAL: JSON.stringify(record) },
      github: { runId },
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs.status).toBe("deployed");
    const [deployment] = await ledgerRows(client, "dev");
    expect((deployment!.payload.fastdeploy as { approval: unknown }).approval).toEqual({
      approvers: [{ login: "reviewer", comment: "LGTM", at: "2026-01-02T03:04:05Z" }],
      checks: ["ci"],
    });
    expect(run.annotations.map((a) => a.message).join("\n")).toContain(
      "Not recording mallory as approver",
    );
    expect(run.summary).toContain("reviewer");
    expect(run.summary).not.toContain("mallory");

    // The same claim in a run nobody reviewed records nobody.
    const unreviewed = seedRun(state, github.repository, { workflow: "release.yml" }).id;
    await publishVersion(github, { version: "1.1.0" });
    const forged = await github.run({
      action: "distribute",
      workspace: ws.dir,
      inputs: { environment: "dev", version: "1.1.0", command: RECORD },
      env: { DEPLOY_LOG: ws.log, FASTDEPLOY_APPROVAL: JSON.stringify(record) },
      github: { runId: unreviewed },
    });
    expect(forged.outputs.status).toBe("deployed");
    const [latest] = await ledgerRows(client, "dev");
    expect((latest!.payload.fastdeploy as { approval: unknown }).approval).toEqual({
      approvers: [],
      checks: ["ci"],
    });

    // The reviews are read beside the release lookup; when GitHub cannot answer them, the
    // claim cannot be confirmed and nothing is deployed or written.
    await publishVersion(github, { version: "1.2.0" });
    github.sandbox.injectFault({
      route: "/repos/{owner}/{repo}/actions/runs/{run_id}/approvals",
      kind: "status",
      status: 500,
      times: Number.POSITIVE_INFINITY,
    });
    github.sandbox.log.clear();
    const unconfirmed = await github.run({
      action: "distribute",
      workspace: ws.dir,
      inputs: { environment: "dev", version: "1.2.0", command: RECORD },
      env: { DEPLOY_LOG: ws.log, FASTDEPLOY_APPROVAL: JSON.stringify(record) },
      github: { runId },
    });
    github.sandbox.faults.clear();
    expect(unconfirmed.exitCode).not.toBe(0);
    expect(errors(unconfirmed)).toHaveLength(1);
    expect(github.sandbox.writes()).toEqual([]);
    expect(ws.lines().filter((l) => l.includes("|1.2.0|"))).toEqual([]);
  });
});
