// `fastdeploy local start`, bundled, in a fresh git repository set up by `fastdeploy init`: it
// prints GITHUB_API_URL and a token that the other commands use as they would GitHub's
// (doctor passes, status answers), stops cleanly on Ctrl-C with the state saved, and starts
// again from that state with the commits and tags made since.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@fastdeploy/sandbox";
import { afterAll, describe, expect, it } from "vitest";
import { runBundled } from "../packages/cli/test/bundled-cli.js";
import { GitRepo } from "./support/git-repo.js";
import { tempDir } from "./support/tree.js";

const bin = join(REPO_ROOT, "dist/cli/index.js");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  env: Record<string, string>;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `local start` and resolves once it printed its three variables. */
function localStart(cwd: string, args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [bin, "local", "start", ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd },
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`local start printed nothing:\n${stderr}`)),
      60_000,
    );
    exited.then((code) => reject(new Error(`local start exited ${code}:\n${stderr}`)));
    child.stdout?.on("data", (d) => {
      stdout += d;
      const env = Object.fromEntries(
        stdout
          .split("\n")
          .filter((l) => /^GITHUB_[A-Z_]+=/.test(l))
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
      if (env.GITHUB_API_URL && env.GITHUB_TOKEN && env.GITHUB_REPOSITORY) {
        clearTimeout(timer);
        resolve({ child, env, stderr: () => stderr, exited });
      }
    });
  });
}

describe("fastdeploy local start", () => {
  it("serves a local GitHub seeded from the repository until Ctrl-C, and keeps its state", async () => {
    const dir = tempDir("fd-local-start-");
    const state = tempDir("fd-local-state-");
    dirs.push(dir, state);
    const git = new GitRepo(dir);
    git.git("remote", "add", "origin", "https://github.com/acme/tiny.git");
    const init = await runBundled(bin, ["init", "--deploy-command", "true"], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    git.commit("app with FastDeploy", { "app/index.html": "<h1>tiny</h1>\n" });
    git.tag("v1.0.0", "first release");

    const first = await localStart(dir, ["--state", state]);
    try {
      expect(first.env.GITHUB_REPOSITORY).toBe("acme/tiny");
      expect(first.env.GITHUB_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // Everything the seed set up passes; a tag ruleset is not in the config, so it is missing.
      const doctor = await runBundled(bin, ["doctor", "--json"], { cwd: dir, env: first.env });
      const report = JSON.parse(doctor.stdout) as {
        passed: string[];
        findings: { check: string }[];
      };
      expect(report.findings.map((f) => f.check)).toEqual(["tag-protection"]);
      expect(report.passed).toEqual(
        expect.arrayContaining([
          "environment prod exists",
          "prod requires a review by alice, bob",
          "prod prevents self-review",
          "workflow .github/workflows/rollback.yml is in the repository",
        ]),
      );
      const status = await runBundled(bin, ["status", "--json"], { cwd: dir, env: first.env });
      expect(status.code, status.stderr).toBe(0);
      expect(Object.keys(JSON.parse(status.stdout).environments)).toEqual(["dev", "qa", "prod"]);
      const wrong = await runBundled(bin, ["status"], {
        cwd: dir,
        env: { ...first.env, GITHUB_TOKEN: "not-the-token" },
      });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain("refused the token (401)");
    } finally {
      first.child.kill("SIGINT");
    }
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toContain(`Stopped; the local GitHub is saved in ${state}.`);
    expect(existsSync(join(state, "state.json"))).toBe(true);

    git.commit("second", { "app/index.html": "<h1>tiny 2</h1>\n" });
    git.tag("v1.1.0");
    const second = await localStart(dir, ["--state", state]);
    try {
      expect(second.stderr()).toMatch(/1 new commit\(s\)/);
      // The token is kept with the state, so a shell that set it keeps working.
      expect(second.env.GITHUB_TOKEN).toBe(first.env.GITHUB_TOKEN);
      const ref = await fetch(`${second.env.GITHUB_API_URL}/repos/acme/tiny/git/ref/tags/v1.1.0`, {
        headers: { authorization: `Bearer ${second.env.GITHUB_TOKEN}` },
      });
      expect(ref.status).toBe(200);
    } finally {
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    }
  }, 120_000);

  it("refuses a port in use and a directory that is not a git repository, clearly", async () => {
    const dir = tempDir("fd-local-start-");
    dirs.push(dir);
    const notGit = await runBundled(bin, ["local", "start"], { cwd: dir });
    expect(notGit.code).toBe(1);
    expect(notGit.stderr).toMatch(/is not a git repository: run this inside your project's clone/);
    const badPort = await runBundled(bin, ["local", "start", "--port", "70000"], { cwd: dir });
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--port must be a whole number from 1 to 65535");

    new GitRepo(dir).commit("first", { "a.txt": "a\n" });
    const running = await localStart(dir, []);
    try {
      const port = new URL(running.env.GITHUB_API_URL ?? "").port;
      const taken = await runBundled(bin, ["local", "start", "--port", port], { cwd: dir });
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(`port ${port} is in use: pass another --port`);
    } finally {
      running.child.kill("SIGINT");
      await running.exited;
    }
  }, 120_000);
});
