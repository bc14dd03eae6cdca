// Runs the bundled CLI (what `npm i -g` users and the root action get) as a child process,
// never the sources in-process, so the tests see exactly what ships.
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@fastdeploy/sandbox";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Bundles packages/cli/src/main.ts with scripts/bundle.mjs into a fresh directory (one per
 * test file, so parallel files never overwrite each other's dist/cli) and returns its path.
 */
export function bundleCli(): string {
  const out = mkdtempSync(join(tmpdir(), "fastdeploy-cli-bundle-"));
  const result = spawnSync(process.execPath, ["scripts/bundle.mjs", "--out", out], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`bundling the CLI failed:\n${result.stderr}`);
  return join(out, "cli", "index.js");
}

/**
 * `node <bin> ...args` with only the variables a test gives (plus PATH and HOME): no
 * GITHUB_TOKEN or GITHUB_REPOSITORY leaks in from the machine running the tests.
 */
export function runBundled(
  bin: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: options.cwd ?? tmpdir(),
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? tmpdir(),
          // Writes are paced as on GitHub; only retries after injected faults are quick.
          FASTDEPLOY_RETRY_BASE_MS: "10",
          ...options.env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
      },
    );
  });
}
