import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runShell } from "../src/shell.js";
import {
  environmentChanges,
  type LauncherEvent,
  LauncherReader,
  Lines,
  launcherFrame,
} from "../src/shell-launcher.js";
import { createShellPool } from "../src/shell-pool.js";

const cwd = mkdtempSync(join(tmpdir(), "fd-pool-"));
const pool = createShellPool();
afterAll(() => pool.close());

describe("createShellPool", () => {
  it("streams both streams merged, in the order written, and returns the exit code", async () => {
    const lines: string[] = [];
    const result = await pool.run("echo one; echo two >&2; pwd; printf 'la'; printf 'st'; exit 3", {
      cwd,
      onLine: (l) => lines.push(l),
    });
    expect(result.exitCode).toBe(3);
    expect(lines).toEqual(["one", "two", cwd, "last"]);
  });

  it("keeps a command's NUL bytes and split characters as output", async () => {
    const lines: string[] = [];
    await pool.run("printf 'a\\0b\\n'; printf '\\xc3'; printf '\\xa9\\n'", {
      cwd,
      onLine: (l) => lines.push(l),
    });
    expect(lines).toEqual(["a\0b", "é"]);
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
            onLine: (l) => out.push(l),
          },
        );
      }),
    );
    results.forEach((r, i) => {
      expect(r.exitCode).toBe(i % 3);
    });
    for (const [target, out] of seen) {
      expect(out).toEqual([`${target} 1`, `${target} 2`, `${target} 3`, `err ${target}`]);
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

  it("gives a command the environment and directory runShell gives it", async () => {
    const fresh = createShellPool();
    const other = mkdtempSync(join(tmpdir(), "fd-pool-other-"));
    const show = "env | grep -v '^_=' | sort; pwd";
    const cases: Array<[string, NodeJS.ProcessEnv]> = [
      [cwd, { ...process.env, SHLVL: "3", OLDPWD: "/somewhere" }],
      [other, { ...process.env, SHLVL: "3", OLDPWD: "/somewhere" }],
      [other, { PATH: process.env.PATH, EXTRA: "a b" }],
      [other, { PATH: process.env.PATH, SHLVL: "7" }],
      [other, { PATH: process.env.PATH, SHLVL: "not a number" }],
      [cwd, { ...process.env, SHLVL: undefined, OLDPWD: undefined }],
    ];
    try {
      for (const [dir, env] of cases) {
        const viaPool: string[] = [];
        const viaSpawn: string[] = [];
        await fresh.run(show, { cwd: dir, env, onLine: (l) => viaPool.push(l) });
        await runShell(show, { cwd: dir, env, onLine: (l) => viaSpawn.push(l) });
        expect(viaPool).toEqual(viaSpawn);
      }
    } finally {
      fresh.close();
    }
  });

  it("does not wait for a daemon that keeps the output open, nor pass its lines on", async () => {
    const lines: string[] = [];
    const started = Date.now();
    const result = await pool.run("echo up; (sleep 0.3; echo late) & exit 0", {
      cwd,
      onLine: (l) => lines.push(l),
    });
    expect(result.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_000);
    // The next command runs while the daemon writes its late line: nobody gets that line.
    const next: string[] = [];
    const after = await pool.run("sleep 0.6; exit 4", { cwd, onLine: (l) => next.push(l) });
    expect(after.exitCode).toBe(4);
    expect(lines).toEqual(["up"]);
    expect(next).toEqual([]);
  });

  it("gives the environment asked for even where python would add to its own", async () => {
    // In the C locale python sets LC_CTYPE=C.UTF-8 in its own environment (PEP 538).
    const env = { PATH: process.env.PATH, LANG: "C" };
    const fresh = createShellPool();
    const viaPool: string[] = [];
    const viaSpawn: string[] = [];
    try {
      await fresh.run("env | grep -v '^_=' | sort", { cwd, env, onLine: (l) => viaPool.push(l) });
    } finally {
      fresh.close();
    }
    await runShell("env | grep -v '^_=' | sort", { cwd, env, onLine: (l) => viaSpawn.push(l) });
    expect(viaPool).toEqual(viaSpawn);
  });

  it("goes the spawn way when the launcher cannot start", async () => {
    for (const python of ["/bin/false", join(cwd, "no-python"), false] as const) {
      const broken = createShellPool({ python });
      const lines: string[] = [];
      const results = await Promise.all([
        broken.run("echo first; exit 3", { cwd, onLine: (l) => lines.push(l) }),
        broken.run("exit 4", { cwd }),
      ]);
      expect(results.map((r) => r.exitCode)).toEqual([3, 4]);
      expect(lines).toEqual(["first"]);
      expect((await broken.run("exit 5", { cwd })).exitCode).toBe(5);
      broken.close();
    }
  });

  it("waits for the commands still running before letting the launcher go", async () => {
    const closing = createShellPool();
    const running = closing.run("sleep 0.3; echo done", { cwd, onLine: () => {} });
    closing.close();
    expect((await running).exitCode).toBe(0);
    // Once closed, commands go the spawn way.
    expect((await closing.run("exit 5", { cwd })).exitCode).toBe(5);
  });
});

describe("the launcher protocol", () => {
  it("splits lines as readline does, a character cut by a chunk kept whole", () => {
    const out: string[] = [];
    const lines = new Lines((l) => out.push(l));
    const chunks = ["a\r", "\nb\n", "c\rd", "e\xc3", "\xa9"];
    for (const chunk of chunks) lines.push(Buffer.from(chunk, "latin1"));
    lines.end();
    expect(out).toEqual(["a", "b", "c", "deé"]);
  });

  it("lists a request's environment as changes to the launcher's", () => {
    const changes = environmentChanges(
      { KEEP: "1", CHANGE: "old", DROP: "x", GONE: undefined },
      { KEEP: "1", CHANGE: "new\nline", ADD: "a=b", GONE: undefined },
    );
    expect(changes.sort()).toEqual(["+ADD=a=b", "+CHANGE=new\nline", "-DROP"]);
  });

  it("reads events whatever the chunk boundaries, output bytes as they are", () => {
    const events: LauncherEvent[] = [];
    const reader = new LauncherReader((e) => events.push(e));
    const data = Buffer.concat([
      Buffer.from("O 7 5\nab\n\0c"),
      Buffer.from("X 8 no fork: Resource temporarily unavailable\n"),
      Buffer.from("E 7 3\n"),
    ]);
    for (let i = 0; i < data.length; i += 2) reader.push(data.subarray(i, i + 2));
    expect(events).toEqual([
      { kind: "output", id: "7", data: Buffer.from("ab\n\0c") },
      { kind: "failed", id: "8", message: "no fork: Resource temporarily unavailable" },
      { kind: "exit", id: "7", status: 3 },
    ]);
    expect(launcherFrame(["K", "7", "TERM"]).toString()).toBe("8\nK\x007\x00TERM");
  });
});
