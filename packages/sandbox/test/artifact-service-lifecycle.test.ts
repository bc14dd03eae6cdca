/**
 * Azurite's lifetime (never outlives its parent) and a service persisted to a
 * directory surviving a restart.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { azuriteCommand, startAzurite } from "../src/artifact-service/azurite.js";
import { startArtifactService } from "../src/artifact-service/index.js";

let dir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "artifact-lifecycle-"));
});

afterAll(async () => {
  process.env = savedEnv;
  await rm(dir, { recursive: true, force: true });
});

/** A reparented process that exited may linger as a zombie until init reaps it. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  return !(existsSync(stat) && /^\d+ \(.*\) Z/.test(readFileSync(stat, "utf8")));
}

async function waitUntilDead(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

describe("Azurite process lifetime", () => {
  it("close() stops Azurite", async () => {
    const azurite = await startAzurite();
    expect(alive(azurite.pid)).toBe(true);
    const res = await fetch(`${azurite.origin}/devstoreaccount1?comp=list`);
    expect(res.status).toBeGreaterThan(0);
    await azurite.close();
    expect(await waitUntilDead(azurite.pid, 2_000)).toBe(true);
  });

  it("dies with a parent that is SIGKILLed (no exit hooks run)", async () => {
    // The parent spawns Azurite exactly as startAzurite does: same command line,
    // IPC channel, own process group.
    const script = join(dir, "parent.mjs");
    await writeFile(
      script,
      `import { spawn } from "node:child_process";
const args = JSON.parse(process.argv[2]);
const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit", "ipc"], detached: true });
child.stdout.on("data", (d) => { if (/successfully listens/.test(String(d))) console.log("AZURITE_PID " + child.pid); });
`,
    );
    const parent = spawn(process.execPath, [script, JSON.stringify(azuriteCommand())], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout.on("data", (d: Buffer) => {
        const match = /AZURITE_PID (\d+)/.exec(String(d));
        if (match) resolve(Number(match[1]));
      });
      parent.once("exit", () => reject(new Error("parent exited before Azurite started")));
    });
    try {
      expect(alive(pid)).toBe(true);
      parent.kill("SIGKILL");
      expect(await waitUntilDead(pid, 5_000)).toBe(true);
    } finally {
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
  });
});

describe("a service persisted to a directory", () => {
  it("keeps artifacts, blobs and ids across a restart", async () => {
    const dataDir = join(dir, "state");
    const client = new DefaultArtifactClient();
    const file = join(dir, "kept.txt");
    await writeFile(file, "survives a restart\n");

    const first = await startArtifactService({ dataDir });
    let runId: string;
    try {
      Object.assign(process.env, first.env(), { GITHUB_WORKSPACE: dir });
      runId = first.workflowRunBackendId;
      const upload = await client.uploadArtifact("kept", [file], dir, { skipArchive: true });
      expect(upload.id).toBe(1000);
    } finally {
      await first.close();
    }

    const second = await startArtifactService({ dataDir });
    try {
      expect(second.workflowRunBackendId).toBe(runId);
      Object.assign(process.env, second.env());
      const { artifact } = await client.getArtifact("kept.txt");
      const out = join(dir, "kept-out");
      await client.downloadArtifact(artifact.id, { path: out });
      expect(await readFile(join(out, "kept.txt"), "utf8")).toBe("survives a restart\n");
      const next = await client.uploadArtifact("next", [file], dir);
      expect(next.id).toBe(1001);
    } finally {
      await second.close();
    }
  });
});
