import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createShellPool } from "../src/shell-pool.js";
import { Lines, requestScript } from "../src/shell-request.js";

const cwd = mkdtempSync(join(tmpdir(), "fd-pool-"));
const pool = createShellPool();
afterAll(() => pool.close());
// A killed grandchild is reparented to pid 1, which may take a while to reap it: a zombie
// counts as stopped.
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
};

describe("createShellPool", () => {
  it("streams lines from both streams and returns the exit code", async () => {
    const lines: string[] = [];
    const result = await pool.run("echo one; echo two >&2; pwd; printf last; exit 3", {
      cwd,
      onLine: (l, s) => lines.push(`${s}:${l}`),
    });
    expect(result.exitCode).toBe(3);
    expect(lines.sort()).toEqual(
      ["stderr:two", "stdout:last", "stdout:one", `stdout:${cwd}`].sort(),
    );
  });

  it("keeps lines and env apart for many commands at once", async () => {
    const seen = new Map<string, string[]>();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const out: string[] = [];
        seen.set(`t${i}`, out);
        return pool.run(
          'for n in 1 2 3; do echo "$FASTDEPLOY_TARGET $n"; done; echo "err $FASTDEPLOY_TARGET" >&2; exit $CODE',
          {
            cwd,
            env: { ...process.env, FASTDEPLOY_TARGET: `t${i}`, CODE: String(i % 3) },
            onLine: (l, s) => out.push(`${s}:${l}`),
          },
        );
      }),
    );
    results.forEach((r, i) => {
      expect(r.exitCode).toBe(i % 3);
    });
    for (const [target, out] of seen) {
      expect(out.sort()).toEqual([
        `stderr:err ${target}`,
        `stdout:${target} 1`,
        `stdout:${target} 2`,
        `stdout:${target} 3`,
      ]);
    }
  });

  it("gives each command exactly the environment asked for", async () => {
    const env = { PATH: process.env.PATH, ONLY: 'it\'s "quoted" $HOME\nline' };
    const lines: string[] = [];
    await pool.run("env | grep -v '^_=' | sort; echo \"$ONLY\"", {
      cwd,
      env,
      onLine: (l) => lines.push(l),
    });
    expect(lines.filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split("=")[0])).toEqual([
      "ONLY",
      "PATH",
      "PWD",
      "SHLVL",
    ]);
    expect(lines.slice(-2)).toEqual(['it\'s "quoted" $HOME', "line"]);
  });

  it("fails a pipeline whose first command fails, like the runner's bash", async () => {
    expect((await pool.run("false | true", { cwd })).exitCode).toBe(1);
  });

  it("stops the whole process tree on timeout", async () => {
    const lines: string[] = [];
    const result = await pool.run("sleep 30 & echo $!; wait", {
      cwd,
      timeoutMs: 300,
      onLine: (l) => lines.push(l),
    });
    expect(result.stoppedBy).toBe("timeout");
    const grandchild = Number(lines[0]);
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it("stops on cancellation, even one before the command started", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await pool.run("sleep 30", { cwd, signal: controller.signal });
    expect(result.stoppedBy).toBe("cancelled");
    expect(result.durationMs).toBeLessThan(5_000);
    const early = await pool.run("sleep 30", { cwd, signal: AbortSignal.abort() });
    expect(early.stoppedBy).toBe("cancelled");
  });

  it("does not wait for a daemon that keeps the output open", async () => {
    const lines: string[] = [];
    const started = Date.now();
    const result = await pool.run("echo up; (sleep 3; echo late) & exit 0", {
      cwd,
      onLine: (l) => lines.push(l),
    });
    expect(result.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(lines).toEqual(["up"]);
    // The launcher is free again: the next command runs at once.
    expect((await pool.run("exit 4", { cwd })).exitCode).toBe(4);
  });

  it("reports a missing working directory as runShell does", async () => {
    await expect(pool.run("true", { cwd: join(cwd, "missing") })).rejects.toThrow();
  });
});

describe("request pieces", () => {
  it("splits lines as readline does, the last one unterminated", () => {
    const out: string[] = [];
    const lines = new Lines((l) => out.push(l));
    for (const chunk of ["a\r", "\nb\n", "c\rd", "e"]) lines.push(chunk);
    lines.end();
    expect(out).toEqual(["a", "b", "c", "de"]);
  });

  it("goes the spawn way for a name bash cannot export", () => {
    const facts = { command: "true", cwd: "/" };
    expect(requestScript(facts, {}, { "A-B": "x" })).toBeUndefined();
    expect(requestScript(facts, {}, { A: "x" })).toContain("export A='x'");
  });
});
