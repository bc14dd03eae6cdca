import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deployShell } from "../src/process-tree.js";
import { exitCodeOf, runShell } from "../src/shell.js";

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

const run = runShell;

describe("runShell", () => {
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

describe("how a command ends", () => {
  it("reports a signal as bash does: 128 + its number, however the command was stopped", async () => {
    expect(exitCodeOf(null, "SIGTERM")).toBe(143);
    expect(exitCodeOf(null, "SIGKILL")).toBe(137);
    expect(exitCodeOf(3, null)).toBe(3);
    // The shell killed from inside, by a timeout, and by a cancel: the same rule each way.
    expect((await runShell("kill -KILL $$", { cwd })).exitCode).toBe(137);
    expect((await runShell("kill -TERM $$", { cwd })).exitCode).toBe(143);
    const timedOut = await runShell("sleep 30", { cwd, timeoutMs: 100 });
    expect(timedOut).toMatchObject({ stoppedBy: "timeout", exitCode: 143 });
    const cancelled = await runShell("sleep 30", { cwd, signal: AbortSignal.timeout(100) });
    expect(cancelled).toMatchObject({ stoppedBy: "cancelled", exitCode: 143 });
  });

  it("reports the pid that leads the command's process group", async () => {
    const lines: string[] = [];
    const result = await runShell("echo $$; ps -o pgid= -p $$", {
      cwd,
      onLine: (l) => lines.push(l.trim()),
    });
    expect(lines).toEqual([String(result.pid), String(result.pid)]);
    expect(result.pid).not.toBe(process.pid);
  });

  it("does not wait for a daemon the command left running, nor report what it prints later", async () => {
    const lines: string[] = [];
    const result = await runShell("(sleep 1; echo late) & echo $!", {
      cwd,
      onLine: (l) => lines.push(l),
    });
    expect(result.durationMs).toBeLessThan(900);
    const daemon = Number(lines[0]);
    await new Promise((r) => setTimeout(r, 1_300));
    expect(lines).toEqual([String(daemon)]);
  });

  it("gives the command exactly the environment and directory asked for, output stream by stream", async () => {
    const lines: Array<[string, string]> = [];
    await runShell("env | grep -v '^_=' | sort; pwd; echo oops >&2", {
      cwd,
      env: { PATH: process.env.PATH, ONLY: 'it\'s "quoted" $HOME' },
      onLine: (l, stream) => lines.push([stream, l]),
    });
    expect(lines.filter(([, l]) => /^[A-Z_]+=/.test(l)).map(([, l]) => l.split("=")[0])).toEqual([
      "ONLY",
      "PATH",
      "PWD",
      "SHLVL",
    ]);
    expect(lines).toContainEqual(["stdout", 'ONLY=it\'s "quoted" $HOME']);
    expect(lines).toContainEqual(["stdout", cwd]);
    expect(lines).toContainEqual(["stderr", "oops"]);
  });
});

describe("the shell a deploy command gets", () => {
  it("is the runner's bash for a `run:` step, found on PATH", () => {
    const bash = deployShell({ PATH: "/usr/bin:/bin" }, "linux");
    expect(bash.file).toMatch(/\/bash$/);
    expect(bash.args).toEqual(["--noprofile", "--norc", "-eo", "pipefail", "-c"]);
  });

  it("falls back to sh -e where there is no bash, as the runner does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fd-no-bash-"));
    for (const program of ["sh", "echo"]) symlinkSync(execSh(program), join(dir, program));
    expect(deployShell({ PATH: dir }, "linux")).toEqual({
      file: join(dir, "sh"),
      args: ["-e", "-c"],
    });
    const lines: string[] = [];
    // No pipefail in sh: the failed first half of a pipeline does not stop it; -e still does.
    const result = await runShell("false | echo piped; echo after; false; echo never", {
      cwd,
      env: { PATH: dir },
      onLine: (l) => lines.push(l),
    });
    expect(lines).toEqual(["piped", "after"]);
    expect(result.exitCode).toBe(1);
  });

  it("on Windows is Git's bash, and without it the run fails saying what to install", () => {
    expect(() => deployShell({ Path: "C:\\nowhere" }, "win32")).toThrow(/Git for Windows/);
  });
});

function execSh(program: string): string {
  for (const dir of ["/bin", "/usr/bin"]) {
    const file = join(dir, program);
    if (existsSync(file)) return file;
  }
  throw new Error(`no ${program} on this machine`);
}
