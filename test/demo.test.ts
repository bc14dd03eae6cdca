import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "@fastdeploy/sandbox";
import { describe, expect, it } from "vitest";
import { tempDir } from "./support/tree.js";

describe("fastdeploy demo (the README's second command)", () => {
  it("runs the whole pipeline and ends with prod back on 1.0.0 after the automatic rollback", () => {
    const dir = tempDir("fd-demo-");
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [join(REPO_ROOT, "dist/cli/index.js"), "demo", "--dir", dir],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(120_000);
    const table = run.stdout.split("\n");
    const row = (env: string) =>
      table
        .find((l) => l.trim().startsWith(`${env} `))
        ?.trim()
        .split(/\s{2,}/);
    expect(row("dev")?.[1]).toBe("1.1.0");
    expect(row("qa")?.[1]).toBe("1.1.0");
    expect(row("prod")?.[1]).toBe("1.0.0");
    expect(row("prod")?.at(-1)).toBe("rolled back from 1.1.0");
    expect(row("qa")?.[3]).toBe("alice");
    // The failing production deploy and its rollback are in the log and in a job summary.
    expect(run.stderr).toMatch(/✘ distribute 1\.1\.0 → prod .*Rolled back to 1\.0\.0/);
    expect(run.stdout).toContain(join(dir, "summaries", "18-distribute-1.1.0-prod.md"));
  }, 150_000);
});
