import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runShell } from "../src/shell.js";
import { createShellPool } from "../src/shell-pool.js";

// What both ways of running a deploy command keep: a spawn per command (runShell) and the
// launcher's slots (createShellPool). The pool's own behaviours are in shell-pool.test.ts.
const cwd = mkdtempSync(join(tmpdir(), "fd-shell-"));
const pool = createShellPool();
afterAll(() => pool.close());

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

describe.each([
  ["runShell", runShell],
  ["a shell pool", pool.run],
])("%s", (_, run) => {
  it("streams lines from both streams and returns the exit code", async () => {
    const lines: string[] = [];
    const result = await run("echo one; echo two >&2; pwd; exit 3", {
      cwd,
      onLine: (l) => lines.push(l),
    });
    expect(result.exitCode).toBe(3);
    expect(lines).toEqual(expect.arrayContaining(["one", "two", cwd]));
  });

  it("fails a pipeline whose first command fails, like the runner's bash", async () => {
    expect((await run("false | true", { cwd })).exitCode).toBe(1);
  });

  it("leaves SIGPIPE to its default, so a writer into a closed pipe just stops", async () => {
    const lines: string[] = [];
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash expansion, not a template
    await run('yes | head -1 >/dev/null || echo "${PIPESTATUS[0]}"', {
      cwd,
      onLine: (l) => lines.push(l),
    });
    expect(lines).toEqual(["141"]);
  });

  it("stops the whole process tree on timeout", async () => {
    const lines: string[] = [];
    const result = await run("sleep 30 & echo $!; wait", {
      cwd,
      timeoutMs: 300,
      onLine: (l) => lines.push(l),
    });
    expect(result.stoppedBy).toBe("timeout");
    const grandchild = Number(lines[0]);
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it("stops on cancellation, even one that came before the command started", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await run("sleep 30", { cwd, signal: controller.signal });
    expect(result.stoppedBy).toBe("cancelled");
    expect(result.durationMs).toBeLessThan(5_000);
    const early = await run("sleep 30", { cwd, signal: AbortSignal.abort() });
    expect(early.stoppedBy).toBe("cancelled");
  });

  it("rejects a missing working directory", async () => {
    await expect(run("true", { cwd: join(cwd, "missing") })).rejects.toThrow();
  });
});
