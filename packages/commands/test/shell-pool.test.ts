import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runShell } from "../src/shell.js";
import { createShellPool } from "../src/shell-pool.js";
import { Lines, lineQuote, MarkedStream, requestPrelude } from "../src/shell-request.js";

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
            concurrency: 40,
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
    const slot = { cwd: "/", env: {} };
    expect(requestPrelude("/", slot, { "A-B": "x" })).toBeUndefined();
    expect(requestPrelude("/", slot, { SHELLOPTS: "x" })).toBeUndefined();
    expect(requestPrelude("/", slot, { A: "x" })).toBe("export A=$'x'");
  });

  it("writes a request on one line whatever the values hold", () => {
    const prelude = requestPrelude(
      "/a dir/it's\n",
      { cwd: "/", env: { B: "1" } },
      { A: "x\ny\\'" },
    );
    expect(prelude).toBe(
      "cd -- $'/a dir/it\\'s\\x0a' || exit 126; unset -v B OLDPWD; export A=$'x\\x0ay\\\\\\''",
    );
    expect(lineQuote("\x7f\t")).toBe("$'\\x7f\\x09'");
  });

  it("tells markers from output, across chunks and with NULs of the command's own", () => {
    const marker = Buffer.from("\0abc ");
    const seen: string[] = [];
    const stream = new MarkedStream(marker, {
      output: (text) => seen.push(`out:${text}`),
      marker: (fields) => seen.push(`marker:${fields.join(",")}`),
    });
    const data = Buffer.from("one\0two\0ab\0abc S 1 42\nthree\xc3\xa9\0abc E 1 0\n", "latin1");
    for (let i = 0; i < data.length; i += 3) stream.push(data.subarray(i, i + 3));
    stream.flush();
    const text = seen
      .filter((s) => s.startsWith("out:"))
      .map((s) => s.slice(4))
      .join("");
    expect(text).toBe("one\0two\0abthreeé");
    expect(seen.filter((s) => s.startsWith("marker:"))).toEqual(["marker:S,1,42", "marker:E,1,0"]);
  });
});
