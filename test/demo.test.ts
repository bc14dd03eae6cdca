import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "@fastdeploy/sandbox";
import { describe, expect, it } from "vitest";
import { tempDir } from "./support/tree.js";

describe("fastdeploy demo (the README's second command)", () => {
  it("runs the starter workflows through the engine: prod waits for review, bob is refused, alice approves, 1.1.0 rolls back", () => {
    const dir = tempDir("fd-demo-");
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [join(REPO_ROOT, "dist/cli/index.js"), "demo", "--dir", dir],
      { cwd: REPO_ROOT, encoding: "utf8", timeout: 120_000 },
    );
    expect(run.status, run.stderr.slice(-6000)).toBe(0);
    expect(Date.now() - started).toBeLessThan(120_000);

    const lines = run.stderr.split("\n");
    const index = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    // One line per job as it is queued, waits for review, is approved and ends.
    const queued = index(/\[[^\]]*prod[^\]]*\] queued/);
    const waiting = index(/\[[^\]]*prod[^\]]*\] ⏸ waiting for review of prod by alice, bob/);
    const refused = index(/✘ bob may not approve prod: .*own run/);
    const approved = index(/\[[^\]]*prod[^\]]*\] ✔ prod approved by alice/);
    const ended = lines.findIndex(
      (l, i) => i > approved && /\[[^\]]*prod[^\]]*\] ✔ success/.test(l),
    );
    expect(
      [queued, waiting, refused, approved, ended].every((i) => i >= 0),
      run.stderr,
    ).toBe(true);
    expect(queued).toBeLessThan(waiting);
    expect(waiting).toBeLessThan(refused);
    expect(refused).toBeLessThan(approved);
    expect(approved).toBeLessThan(ended);

    const row = (env: string) =>
      run.stdout
        .split("\n")
        .find((l) => l.startsWith(`${env} `))
        ?.trim()
        .split(/\s{2,}/);
    expect(row("dev")?.[1]).toBe("1.1.0");
    expect(row("qa")?.[1]).toBe("1.0.0");
    expect(row("prod")?.[1]).toBe("1.0.0");
    expect(row("prod")?.at(-1)).toMatch(/^rolled back from 1\.1\.0: automatic: eu-1: health check/);
    // Nobody approved the automatic rollback: the table says so rather than a blank.
    expect(row("prod")?.[3]).toBe("automatic");
    expect(row("qa")?.at(-1)).toMatch(/^rolled back from 1\.1\.0/);
    // The failed production deploy says why, and the dispatched workflows ran.
    expect(run.stderr).toMatch(/\[Deploy to prod\] Error: .*health check/);
    expect(run.stderr).toMatch(/✔ rollback\.yml run \d+: success/);
    expect(run.stderr).toMatch(/✔ promote\.yml run \d+: success/);
  }, 150_000);
});
