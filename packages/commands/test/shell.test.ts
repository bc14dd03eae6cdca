import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runShell } from "../src/shell.js";

const cwd = mkdtempSync(join(tmpdir(), "fd-shell-"));
/** Running, not a zombie: an orphan's zombie lingers where pid 1 does not reap orphans. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

describe("runShell", () => {
  it("streams lines from both streams and returns the exit code", async () => {
    const lines: string[] = [];
    const result = await runShell("echo one; echo two >&2; pwd; exit 3", {
      cwd,
      onLine: (l, s) => lines.push(`${s}:${l}`),
    });
    expect(result.exitCode).toBe(3);
    expect(lines).toEqual(expect.arrayContaining(["stdout:one", "stderr:two", `stdout:${cwd}`]));
  });

  it("fails a pipeline whose first command fails, like the runner's bash", async () => {
    expect((await runShell("false | true", { cwd })).exitCode).toBe(1);
  });

  it("stops the whole process tree on timeout", async () => {
    const lines: string[] = [];
    const result = await runShell("sleep 30 & echo $!; wait", {
      cwd,
      timeoutMs: 300,
      onLine: (l) => lines.push(l),
    });
    expect(result.stoppedBy).toBe("timeout");
    const grandchild = Number(lines[0]);
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it("stops on cancellation", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await runShell("sleep 30", { cwd, signal: controller.signal });
    expect(result.stoppedBy).toBe("cancelled");
    expect(result.durationMs).toBeLessThan(5_000);
  });
});
