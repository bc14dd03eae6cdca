// Progressive rollout end to end: the committed bundle dist/distribute/index.js, started by the
// runner harness against the local GitHub, deploying four stores in waves [1, 50%, 100%] with
// real shell commands, a health endpoint per store on loopback and real bakes (seconds long).
import type { GitHubClient } from "@fastdeploy/github";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  errors,
  freshRepository,
  healthServer,
  ledgerRows,
  liveVersion,
  runDistribute,
  workspace,
} from "./support/distribute-kit.js";
import { publishVersion, sandboxClient } from "./support/release-fixture.js";

let github: LocalGitHub;
let client: GitHubClient;
let health: Awaited<ReturnType<typeof healthServer>>;
const sick = new Set<string>();

beforeAll(async () => {
  github = await startLocalGitHub();
  client = sandboxClient(github);
  health = await healthServer(sick);
});
beforeEach(async () => {
  freshRepository(github);
  sick.clear();
  await publishVersion(github, { version: "1.0.0" });
  await publishVersion(github, { version: "1.1.0" });
});
afterEach(() => github.sandbox.assertNoViolations());
afterAll(async () => {
  await health?.close();
  await github?.close();
});

const STORES = ["store-1", "store-2", "store-3", "store-4"];

interface WaveOutput {
  wave: number;
  targets: string[];
  status: string;
  baked_ms: number;
  failed_target?: string;
  detail?: string;
}

/** The deploy command: the store now runs $FASTDEPLOY_VERSION (the health server reads it). */
function inputs(extra: Record<string, string> = {}) {
  return {
    environment: "stores",
    targets: STORES.join(","),
    command: `echo "$FASTDEPLOY_VERSION" > "${health.stateDir}/$FASTDEPLOY_TARGET"\necho "deploy $FASTDEPLOY_TARGET $FASTDEPLOY_VERSION" >> "$DEPLOY_LOG"`,
    "health-url": health.url,
    "health-timeout": "2",
    // One at a time, so the wave that fails stops before its next store starts.
    parallel: "1",
    waves: "1, 50%, 100%",
    bake: "2s",
    ...extra,
  };
}

const running = () => STORES.map((s) => health.running(s));
const deploys = (lines: string[]) => lines.filter((l) => l.startsWith("deploy "));

describe("actions/distribute with a progressive rollout", () => {
  it("halts at the store that turns unhealthy, rolls back exactly the stores it reached, and holds the version", async () => {
    const ws = workspace();
    const first = await runDistribute(github, ws, { ...inputs(), version: "1.0.0" });
    expect(errors(first)).toEqual([]);
    expect(first.outputs.status).toBe("deployed");
    expect(running()).toEqual(["1.0.0", "1.0.0", "1.0.0", "1.0.0"]);

    sick.add("store-3@1.1.0");
    const before = ws.lines().length;
    const run = await runDistribute(github, ws, { ...inputs(), version: "1.1.0" });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs).toMatchObject({ status: "rolled_back", "previous-version": "1.0.0" });
    expect(errors(run).join("\n")).toMatch(
      /1\.1\.0 failed in stores: wave 3 of 3, store-3: health check .* \(HTTP 503\)\. Rolled back to 1\.0\.0, which is live again on store-1, store-2 and store-3;/,
    );

    // Stores 1 and 2 deployed and baked, store 3 failed, store 4 never ran; 1-3 are back on 1.0.0.
    const waves = JSON.parse(run.outputs.waves!) as WaveOutput[];
    expect(waves.map((w) => [w.wave, w.targets, w.status, w.failed_target])).toEqual([
      [1, ["store-1"], "healthy", undefined],
      [2, ["store-2"], "healthy", undefined],
      [3, ["store-3", "store-4"], "failed", "store-3"],
    ]);
    expect(waves[0]!.baked_ms).toBeGreaterThanOrEqual(2000);
    expect(waves[1]!.baked_ms).toBeGreaterThanOrEqual(2000);
    const results = JSON.parse(run.outputs.results!) as Array<{ target: string; status: string }>;
    expect(results.map((r) => [r.target, r.status])).toEqual([
      ["store-1", "success"],
      ["store-2", "success"],
      ["store-3", "unhealthy"],
      ["store-4", "skipped"],
    ]);
    const after = deploys(ws.lines().slice(before));
    expect(after.slice(0, 3)).toEqual([
      "deploy store-1 1.1.0",
      "deploy store-2 1.1.0",
      "deploy store-3 1.1.0",
    ]);
    expect(after.slice(3).sort()).toEqual([
      "deploy store-1 1.0.0",
      "deploy store-2 1.0.0",
      "deploy store-3 1.0.0",
    ]);
    expect(running()).toEqual(["1.0.0", "1.0.0", "1.0.0", "1.0.0"]);

    // The ledger: the rollout's deployment records each healthy wave and ends failure; the
    // rollback deployment covers exactly the three stores and marks 1.1.0 bad.
    const [rollback, rollout] = await ledgerRows(client, "stores");
    expect(rollout!.id).toBe(Number(run.outputs["deployment-id"]));
    expect(rollout!.statuses.map((s) => [s.state, s.description])).toEqual([
      ["failure", expect.stringMatching(/^wave 3 of 3, store-3: health check/)],
      ["in_progress", "Wave 2/3 healthy: 2/4 targets run 1.1.0"],
      ["in_progress", "Wave 1/3 healthy: 1/4 targets run 1.1.0"],
      ["in_progress", "Deploying 1.1.0 to 4 targets"],
    ]);
    expect(rollout!.payload.fastdeploy).toMatchObject({
      targets: STORES,
      rollout: { waves: [1, 2, 4], bake_ms: 2000 },
    });
    expect(rollback!.payload.fastdeploy).toMatchObject({
      version: "1.0.0",
      targets: ["store-1", "store-2", "store-3"],
      rollback: { from: "1.1.0" },
      bad: [expect.objectContaining({ version: "1.1.0" })],
    });
    expect(await liveVersion(client, "stores")).toBe("1.0.0");
    expect(run.summary).toContain("Rollout in 3 waves");
    expect(run.summary).toContain("Automatic rollback to 1.0.0");

    // Held: the same run again is refused before anything deploys.
    const again = await runDistribute(github, ws, { ...inputs(), version: "1.1.0" });
    expect(again.exitCode).not.toBe(0);
    expect(errors(again).join("\n")).toMatch(/1\.1\.0 was rolled back from in stores/);
    expect(running()).toEqual(["1.0.0", "1.0.0", "1.0.0", "1.0.0"]);
  });

  it("halts the same way when the health command exits non-zero during the bake", async () => {
    const ws = workspace();
    // Healthy right after the deploy and at the first look of the bake; store-2 on 1.1.0 then
    // fails. The command sees the deploy command's environment (FASTDEPLOY_*, DEPLOY_LOG).
    const healthCommand = [
      'echo "health $FASTDEPLOY_TARGET $FASTDEPLOY_VERSION $FASTDEPLOY_ENVIRONMENT" >> "$DEPLOY_LOG"',
      'n=$(grep -c "^health $FASTDEPLOY_TARGET $FASTDEPLOY_VERSION " "$DEPLOY_LOG")',
      'if [ "$FASTDEPLOY_TARGET@$FASTDEPLOY_VERSION" = store-2@1.1.0 ] && [ "$n" -ge 3 ]; then echo "error budget burnt"; exit 3; fi',
    ].join("\n");
    const base = inputs({ "health-command": healthCommand, bake: "3s" });
    expect((await runDistribute(github, ws, { ...base, version: "1.0.0" })).exitCode).toBe(0);

    const run = await runDistribute(github, ws, { ...base, version: "1.1.0" });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.status).toBe("rolled_back");
    expect(errors(run).join("\n")).toMatch(
      /wave 2 of 3, store-2: the health command exited with 3 during the bake\. Rolled back to 1\.0\.0, which is live again on store-1 and store-2;/,
    );
    expect(run.stdout).toContain("[store-2] health: error budget burnt");
    const waves = JSON.parse(run.outputs.waves!) as WaveOutput[];
    expect(waves.map((w) => w.status)).toEqual(["healthy", "failed", "not_started"]);
    expect(ws.lines()).not.toContain("deploy store-3 1.1.0");
    expect(ws.lines()).not.toContain("deploy store-4 1.1.0");
    expect(ws.lines()).toContain("health store-1 1.1.0 stores");
    expect(running()).toEqual(["1.0.0", "1.0.0", "1.0.0", "1.0.0"]);
    const [rollback, rollout] = await ledgerRows(client, "stores");
    expect(rollout!.statuses[0]!.state).toBe("failure");
    expect(rollback!.payload.fastdeploy).toMatchObject({
      targets: ["store-1", "store-2"],
      bad: [expect.objectContaining({ version: "1.1.0" })],
    });
  });

  it("continues a halted rollout on a re-run after a fix, skipping the stores already healthy", async () => {
    const ws = workspace();
    const base = inputs({ "rollback-on-failure": "false" });
    expect((await runDistribute(github, ws, { ...base, version: "1.0.0" })).exitCode).toBe(0);

    sick.add("store-3@1.1.0");
    const halted = await runDistribute(github, ws, { ...base, version: "1.1.0" });
    expect(halted.exitCode).not.toBe(0);
    expect(halted.outputs.status).toBe("failed");
    expect(errors(halted).join("\n")).toMatch(
      /rollback-on-failure is off; store-1, store-2 and store-3 received 1\.1\.0, and a re-run continues the rollout/,
    );
    expect(running()).toEqual(["1.1.0", "1.1.0", "1.1.0", "1.0.0"]);

    // The fix: store 3 is healthy on 1.1.0 now. The re-run deploys only stores 3 and 4.
    sick.clear();
    const before = ws.lines().length;
    const rerun = await runDistribute(github, ws, { ...base, version: "1.1.0" });
    expect(errors(rerun)).toEqual([]);
    expect(rerun.outputs.status).toBe("deployed");
    expect(deploys(ws.lines().slice(before))).toEqual([
      "deploy store-3 1.1.0",
      "deploy store-4 1.1.0",
    ]);
    expect(JSON.parse(rerun.outputs.waves!).map((w: WaveOutput) => w.status)).toEqual([
      "already_deployed",
      "already_deployed",
      "healthy",
    ]);
    const results = JSON.parse(rerun.outputs.results!) as Array<{ status: string }>;
    expect(results.map((r) => r.status)).toEqual([
      "already_deployed",
      "already_deployed",
      "success",
      "success",
    ]);
    expect(running()).toEqual(["1.1.0", "1.1.0", "1.1.0", "1.1.0"]);
    const [resumed] = await ledgerRows(client, "stores");
    expect(resumed!.payload.fastdeploy).toMatchObject({
      rollout: {
        resumed: { deployment_id: Number(halted.outputs["deployment-id"]), targets: 2 },
      },
    });
    expect(resumed!.statuses[0]!.state).toBe("success");
    expect(await liveVersion(client, "stores")).toBe("1.1.0");
  });

  it("reads the rollout from the config file and tears a failed first rollout down", async () => {
    sick.add("store-2@1.0.0");
    const ws = workspace(
      [
        "deploy:",
        '  undeploy-command: echo "teardown $FASTDEPLOY_TARGET $FASTDEPLOY_VERSION" >> "$DEPLOY_LOG"',
        "environments:",
        "  - name: stores",
        `    targets: [${STORES.join(", ")}]`,
        "    parallel: 1",
        "    rollout: {waves: [1, 50%, 100%], bake: 1s}",
        `    health-url: "${health.url}"`,
        "    health-timeout: 2",
        '    health-command: test -s "$FASTDEPLOY_ARTIFACT_DIR/app/VERSION"',
        "",
      ].join("\n"),
    );
    const { command } = inputs();
    const run = await runDistribute(github, ws, {
      environment: "stores",
      version: "1.0.0",
      command,
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.status).toBe("rolled_back");
    expect(errors(run).join("\n")).toMatch(
      /wave 2 of 3, store-2: .*Undeployed from store-1 and store-2 \(nothing ran there before\); 1\.0\.0 is marked bad in stores/,
    );
    expect(
      ws
        .lines()
        .filter((l) => l.startsWith("teardown"))
        .sort(),
    ).toEqual(["teardown store-1 1.0.0", "teardown store-2 1.0.0"]);
    expect(deploys(ws.lines())).toEqual(["deploy store-1 1.0.0", "deploy store-2 1.0.0"]);
    const [teardown, rollout] = await ledgerRows(client, "stores");
    expect(rollout!.statuses[0]!.state).toBe("failure");
    expect(teardown!.payload.fastdeploy).toMatchObject({
      undeploy: true,
      targets: ["store-1", "store-2"],
      bad: [expect.objectContaining({ version: "1.0.0" })],
    });
    expect(await liveVersion(client, "stores")).toBeUndefined();
    expect(run.summary).toContain("Automatic undeploy of 1.0.0");
  });

  it("refuses bad waves and bake inputs, and a bad rollout in the file at its line and column", async () => {
    const ws = workspace(
      "environments:\n  - name: stores\n    rollout: { waves: [1, 50%], bake: 10 }\n",
    );
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ waves: "50%, 10%" }, /^Input "waves": wave 2 \(10%\) is not larger than wave 1 \(50%\)/],
      [{ waves: "1, half" }, /^Input "waves": item 2: "half" must be a number of targets/],
      [{ bake: "5 min" }, /^Input "bake": "5 min" must be a duration such as 30s, 10m or 1h30m/],
    ];
    for (const [extra, message] of cases) {
      const run = await runDistribute(github, workspace(), { ...inputs(extra), version: "1.1.0" });
      expect(run.exitCode).not.toBe(0);
      expect(errors(run)).toEqual([expect.stringMatching(message)]);
    }
    const fromFile = await runDistribute(github, ws, {
      environment: "stores",
      version: "1.1.0",
      command: "true",
    });
    expect(fromFile.exitCode).not.toBe(0);
    expect(errors(fromFile).join("\n")).toMatch(
      /\.github\/fastdeploy\.yml:3:39: environments\[0\]\.rollout\.bake: 10 must be a duration/,
    );
    expect(ws.lines()).toEqual([]);
    expect(await ledgerRows(client, "stores")).toEqual([]);
  });

  it("records error when cancelled during a bake, rolls nothing back, and a re-run continues", async () => {
    const ws = workspace();
    const base = inputs({ bake: "5s" });
    const controller = new AbortController();
    const cancelled = await github.run({
      action: "distribute",
      workspace: ws.dir,
      inputs: { ...base, version: "1.0.0" },
      env: { DEPLOY_LOG: ws.log },
      signal: controller.signal,
      onOutput: (line) => {
        if (line.startsWith("Wave 2/3: baking")) controller.abort();
      },
    });
    expect(cancelled.exitCode).not.toBe(0);
    expect(cancelled.outputs.status).toBe("failed");
    expect(errors(cancelled).join("\n")).toMatch(/cancelled/);
    expect(JSON.parse(cancelled.outputs.waves!).map((w: WaveOutput) => w.status)).toEqual([
      "healthy",
      "cancelled",
      "not_started",
    ]);
    const [deployment] = await ledgerRows(client, "stores");
    expect(deployment!.statuses.map((s) => [s.state, s.description])).toEqual([
      ["error", "cancelled"],
      ["in_progress", "Wave 1/3 healthy: 1/4 targets run 1.0.0"],
      ["in_progress", "Deploying 1.0.0 to 4 targets"],
    ]);
    expect(deploys(ws.lines())).toEqual(["deploy store-1 1.0.0", "deploy store-2 1.0.0"]);

    // Store 2 never finished its bake, so the re-run deploys it again; store 1 is skipped.
    const rerun = await runDistribute(github, ws, { ...base, bake: "0", version: "1.0.0" });
    expect(errors(rerun)).toEqual([]);
    expect(deploys(ws.lines()).slice(2)).toEqual([
      "deploy store-2 1.0.0",
      "deploy store-3 1.0.0",
      "deploy store-4 1.0.0",
    ]);
  });
});
