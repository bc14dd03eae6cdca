// The CLI as users get it: `npm pack` of packages/cli, installed globally into an empty prefix
// with npm offline and an empty cache (so the tarball must hold everything it needs), then
// started by its bin from a directory far from this repository, on the node running the tests
// (CI runs this file on Node 20, the package's engines floor, and on Node 24). Only the last
// test but one starts a local GitHub, in this process, for the installed CLI to talk to; the last
// runs a user's release workflow with `fastdeploy local run` from the installed package alone
// (its actions, bundles and reusable workflows; the artifact blobs without Azurite).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitRepo } from "./support/git-repo.js";
import { seedLedger } from "./support/ledger-seed.js";

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "fastdeploy-cli-package-"));
const prefix = join(work, "prefix");
const elsewhere = mkdtempSync(join(tmpdir(), "fastdeploy-cli-elsewhere-"));
// npm and the bin's `#!/usr/bin/env node` both find the node running this test first.
const PATH = [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter);
const npmEnv = { PATH, HOME: work, npm_config_update_notifier: "false" };

interface Packed {
  filename: string;
  files: { path: string }[];
}
let packed: Packed;
let tarball: string;

beforeAll(async () => {
  const { stdout } = await run(
    "npm",
    ["pack", "--json", "--pack-destination", work, "--cache", join(work, "pack-cache")],
    { cwd: join(REPO_ROOT, "packages/cli"), env: npmEnv, maxBuffer: 16 * 2 ** 20 },
  );
  packed = (JSON.parse(stdout) as Packed[])[0] as Packed;
  tarball = join(work, packed.filename);
  await run(
    "npm",
    [
      ...["install", "--global", "--prefix", prefix, "--offline"],
      ...["--cache", join(work, "empty-cache"), "--no-audit", "--no-fund", tarball],
    ],
    { cwd: elsewhere, env: npmEnv },
  );
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

/** The installed bin, started as a shell starts it: by its path, through its shebang. */
async function fastdeploy(...args: string[]) {
  return fastdeployIn(elsewhere, ...args);
}

async function fastdeployIn(cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(join(prefix, "bin", "fastdeploy"), args, {
      cwd,
      env: { PATH, HOME: work },
      maxBuffer: 64 * 2 ** 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("the @fastdeploy/cli package", () => {
  it("holds the bundled CLI and actions, their action.yml files, the reusable workflows, its licenses and a README, and no sources", () => {
    const files = packed.files.map((f) => f.path).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        "README.md",
        "package.json",
        "dist/cli/index.js",
        "dist/build/index.js",
        "dist/licenses.txt",
        "action.yml",
        "actions/build/action.yml",
        "actions/distribute/action.yml",
        ".github/workflows/pipeline.yml",
      ]),
    );
    const actionsRoot = /^(README\.md|package\.json|action\.yml|actions\/[a-z-]+\/action\.yml)$/;
    expect(
      files.filter(
        (f) =>
          !f.startsWith("dist/") &&
          !actionsRoot.test(f) &&
          !/^\.github\/workflows\/[a-z-]+\.yml$/.test(f),
      ),
    ).toEqual([]);
    // Only the reusable workflows: the repository's own CI and release are not the product.
    expect(files.filter((f) => f.startsWith(".github/"))).not.toContain(".github/workflows/ci.yml");
    expect(files.filter((f) => f.endsWith(".ts"))).toEqual([]);
  });

  it("declares its bin and engines and depends on nothing", () => {
    const installed = join(prefix, "lib", "node_modules", "@fastdeploy", "cli");
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    expect(manifest.bin).toEqual({ fastdeploy: "dist/cli/index.js" });
    expect(manifest.engines.node).toBe(">=20");
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(existsSync(join(installed, "node_modules"))).toBe(false);
  });

  it("answers fastdeploy --help without the repository", async () => {
    const result = await fastdeploy("--help");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: fastdeploy <command> \[options\]$/m);
  });

  it("answers --help for every command its help lists (demo, and local once listed)", async () => {
    const { stdout } = await fastdeploy("--help");
    const listed = stdout
      .split(/\n\s*\n/)
      .find((block) => block.startsWith("Commands:"))
      ?.split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/)[0] ?? "")
      .filter((name) => name !== "help");
    expect(listed).toEqual(expect.arrayContaining(["status", "demo"]));
    for (const name of listed ?? []) {
      const result = await fastdeploy(name, "--help");
      expect(result.stderr, name).toBe("");
      expect({ name, code: result.code }).toEqual({ name, code: 0 });
      expect(result.stdout).toMatch(new RegExp(`^Usage: fastdeploy ${name}\\b`, "m"));
    }
  });

  it("reads the ledger of a GitHub: status against the local one", async () => {
    const github = await startLocalGitHub({ repository: "acme/shop" });
    try {
      seedLedger(github.sandbox, github.repository, "qa", [
        { version: "1.0.0", at: new Date(Date.now() - 3_600_000), approvedBy: ["alice"] },
      ]);
      const result = await fastdeploy(
        ...["status", "--environments", "qa", "--json", "--repo", github.repository],
        ...["--api-url", github.sandbox.apiUrl, "--token", github.token],
      );
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).environments.qa).toMatchObject({ version: "1.0.0" });
    } finally {
      await github.close();
    }
  });

  it("runs a user's release workflow with local run: init, then a tag from build to prod, approved", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fastdeploy-cli-user-repo-"));
    const state = join(work, "local-state");
    const targets = join(work, "targets");
    try {
      const git = new GitRepo(dir);
      git.git("remote", "add", "origin", "https://github.com/acme/tiny.git");
      const deploy = `mkdir -p '${targets}' && echo $FASTDEPLOY_VERSION > '${targets}'/$FASTDEPLOY_ENVIRONMENT`;
      const init = await fastdeployIn(dir, "init", "--path", "app", "--deploy-command", deploy);
      expect(init.code, init.stdout + init.stderr).toBe(0);
      git.commit("tiny app with FastDeploy", { "app/index.html": "<h1>tiny 1.0</h1>\n" });
      git.git("tag", "-a", "v1.0.0", "-m", "first release");
      const result = await fastdeployIn(
        dir,
        ...["local", "run", "push", "--ref", "refs/tags/v1.0.0"],
        ...["--approve", "prod=alice", "--state", state],
      );
      expect(result.code, result.stderr.slice(-6000)).toBe(0);
      // Every job ran, the build's workflow artifact reached publish, and the deploy command ran.
      expect(result.stdout).toMatch(/✔ Build and verify\s+success/);
      expect(result.stdout).toMatch(/✔ Publish the release\s+success/);
      expect(result.stdout).toMatch(/^prod\s+1\.0\.0\s+\S+\s+alice\b/m);
      expect(readdirSync(targets).sort()).toEqual(["dev", "prod", "qa"]);
      expect(readFileSync(join(targets, "prod"), "utf8").trim()).toBe("1.0.0");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
