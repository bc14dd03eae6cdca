// A cancelled distribute run, as the runner cancels it (SIGINT, then SIGTERM, then SIGKILL),
// through main and the post step: the deploy commands stop with their process trees and the
// deployment ends `error`, never `in_progress`.
import type { GitHubClient } from "@fastdeploy/github";
import type { LocalGitHub } from "@fastdeploy/sandbox";
import { describe, expect, it } from "vitest";
import { errors, ledgerRows, useLocalGitHub, workspace } from "./support/distribute-kit.js";
import { publishVersion } from "./support/release-fixture.js";

let github: LocalGitHub;
let client: GitHubClient;

useLocalGitHub((local) => {
  ({ github, client } = local);
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Starts distribute with a deploy command that sleeps; aborts once every target started. */
async function cancelledRun(
  cancelTimeouts?: { sigintMs: number; sigtermMs: number },
  beforeCancel?: () => void,
) {
  await publishVersion(github, { version: "1.0.0" });
  const ws = workspace();
  const controller = new AbortController();
  const pids: number[] = [];
  const result = await github.runWithPost({
    action: "distribute",
    workspace: ws.dir,
    inputs: {
      environment: "dev",
      version: "1.0.0",
      targets: "one,two",
      // $$ is the shell, which leads the command's process group; sleep is its child.
      command: 'echo "started $$"; sleep 30; echo "not cancelled" >> "$DEPLOY_LOG"',
    },
    env: { DEPLOY_LOG: ws.log },
    signal: controller.signal,
    ...(cancelTimeouts ? { cancelTimeouts } : {}),
    onOutput: (line) => {
      const pid = /\] started (\d+)$/.exec(line)?.[1];
      if (!pid) return;
      pids.push(Number(pid));
      if (pids.length !== 2) return;
      beforeCancel?.();
      controller.abort();
    },
  });
  return { result, pids, ws };
}

describe("a cancelled distribute", () => {
  it("stops the deploy commands and records error (cancelled), never in_progress", async () => {
    const { result, pids, ws } = await cancelledRun();
    expect(result.main.cancelled).toBe(true);
    expect(result.main.exitCode).not.toBe(0);
    expect(result.success).toBe(false);
    expect(errors(result.main).join("\n")).toMatch(/cancelled/);
    expect(result.main.outputs.status).toBe("failed");
    const results = JSON.parse(result.main.outputs.results!) as Array<{ status: string }>;
    expect(results.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);

    // Stopped within the runner's SIGINT grace, process trees and all.
    expect(result.main.signal).toBeNull();
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(ws.lines()).toEqual([]);

    const [deployment] = await ledgerRows(client, "dev");
    expect(deployment!.statuses.map((s) => [s.state, s.description])).toEqual([
      ["error", "cancelled"],
      ["in_progress", "Deploying 1.0.0 to 2 targets"],
    ]);
    // The post step ran, found the deployment closed, and left it alone.
    expect(result.post?.success).toBe(true);
  });

  it("has the post step close a deployment that a killed main left in_progress", async () => {
    // SIGKILL 2 ms after SIGINT. Writes cost no wait for small work, so main could record
    // `cancelled` within those 2 ms: the next status write is dropped on the floor, and the
    // retry it would take (10 ms back-off here) comes after the kill. Should main not get to
    // write at all, the post step's first write is the one dropped, and its retry lands.
    const { result, pids } = await cancelledRun({ sigintMs: 1, sigtermMs: 1 }, () =>
      github.sandbox.injectFault({
        method: "POST",
        route: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
        kind: "drop",
      }),
    );
    try {
      expect(result.main.signal).toBe("SIGKILL");
      expect(result.main.state["open-deployment-id"]).toMatch(/^\d+$/);
      expect(result.post?.success).toBe(true);
      const [deployment] = await ledgerRows(client, "dev");
      expect(deployment!.statuses.map((s) => [s.state, s.description])).toEqual([
        ["error", "the job ended before the deploy finished"],
        ["in_progress", "Deploying 1.0.0 to 2 targets"],
      ]);
    } finally {
      // A killed main cannot stop its commands; on GitHub the runner ends the job's processes.
      for (const pid of pids) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {}
      }
    }
  });
});
