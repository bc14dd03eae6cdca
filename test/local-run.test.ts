// `fastdeploy local run`, bundled (dist/cli/index.js as a child process), in a fresh git
// repository holding a tiny app set up by `fastdeploy init` (issue 11's acceptance): a tag push
// goes dev → qa → prod with prod reviewed through the REST API, the deploy commands run for
// real, and a dispatched rollback acts on the history the earlier runs left in --state.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runBundled } from "../packages/cli/test/bundled-cli.js";
import { GitRepo } from "./support/git-repo.js";
import { tempDir } from "./support/tree.js";

const bin = join(REPO_ROOT, "dist/cli/index.js");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The status table's row of `env`, split into its cells. */
function row(stdout: string, env: string): string[] | undefined {
  return stdout
    .split("\n")
    .find((l) => l.startsWith(`${env} `))
    ?.trim()
    .split(/\s{2,}/);
}

describe("fastdeploy local run: usage errors exit 2 before anything starts", () => {
  it.each([
    [
      ["pull_request"],
      /event "pull_request" cannot be run locally; give one of push, workflow_dispatch/,
    ],
    [["push", "--input", "a=b"], /--input goes with workflow_dispatch/],
    [["workflow_dispatch"], /workflow_dispatch starts one workflow: pass --workflow/],
    [["push", "--workflow", "release.yml"], /--workflow must be a file of \.github\/workflows/],
    [["push", "--approve", "prod"], /--approve takes ENV=LOGIN, got "prod"/],
    [["push", "--approve", "prod=not a login"], /--approve prod= needs a user login/],
    [
      [
        "workflow_dispatch",
        "--workflow",
        ".github/workflows/x.yml",
        "--input",
        "a=1",
        "--input",
        "a=2",
      ],
      /--input a is given twice/,
    ],
    [["push", "--port", "1"], /Unknown option '--port'/],
    [
      ["push", "--api-url", "http://127.0.0.1:1"],
      /--api-url does not apply: local run starts its own local GitHub/,
    ],
    [["push", "--repo", "no-slash"], /--repo must be owner\/name, got "no-slash"/],
    [[], /missing <event>/],
  ])("local run %j", async (args, message) => {
    const { code, stderr } = await runBundled(bin, ["local", "run", ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain("fastdeploy local run --help");
  });

  it("names the subcommands of local", async () => {
    const bare = await runBundled(bin, ["local"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("local needs a subcommand: local start, local run");
    const help = await runBundled(bin, ["local", "run", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: fastdeploy local run <event>/);
  });
});

describe("fastdeploy local run (issue 11 acceptance)", () => {
  let git: GitRepo;
  let state: string;
  let targets: string;
  const local = (args: string[]): Promise<CliResult> =>
    runBundled(bin, ["local", "run", ...args, "--state", state], { cwd: git.dir });

  beforeAll(async () => {
    const dir = tempDir("fd-local-run-");
    state = tempDir("fd-local-run-state-");
    targets = tempDir("fd-local-run-targets-");
    dirs.push(dir, state, targets);
    git = new GitRepo(dir);
    git.git("remote", "add", "origin", "https://github.com/acme/tiny.git");
    // The deploy command really runs: it records the version on each target.
    const deploy = `mkdir -p '${targets}'/$FASTDEPLOY_ENVIRONMENT && echo $FASTDEPLOY_VERSION > '${targets}'/$FASTDEPLOY_ENVIRONMENT/$FASTDEPLOY_TARGET`;
    const init = await runBundled(bin, ["init", "--path", "app", "--deploy-command", deploy], {
      cwd: dir,
    });
    expect(init.code, init.stdout + init.stderr).toBe(0);
    git.commit("tiny app with FastDeploy", { "app/index.html": "<h1>tiny 1.0</h1>\n" });
    git.tag("v1.0.0", "first release");
  });

  it("a release tag goes dev → qa → prod, prod approved by alice through the REST API", async () => {
    const run = await local(["push", "--ref", "refs/tags/v1.0.0", "--approve", "prod=alice"]);
    expect(run.code, run.stderr.slice(-6000)).toBe(0);
    expect(run.stderr).toMatch(/⏸ waiting for review of prod by alice, bob/);
    expect(run.stderr).toMatch(/prod approved by alice/);
    expect(row(run.stdout, "prod")?.[1]).toBe("1.0.0");
    expect(row(run.stdout, "prod")?.[3]).toBe("alice");
    expect(readFileSync(join(targets, "prod", "prod"), "utf8").trim()).toBe("1.0.0");
  }, 300_000);

  it("without a review a job waiting for prod fails, saying how to approve", async () => {
    git.commit("tiny 1.1", { "app/index.html": "<h1>tiny 1.1</h1>\n" });
    git.tag("v1.1.0", "second release");
    const run = await local(["push", "--ref", "v1.1.0"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("prod is waiting for review; pass --approve prod=<login>");
  }, 300_000);

  it("prevent-self-review refuses the actor's own approval; the next reviewer approves", async () => {
    // A new push of v1.1.0 would build different bytes for a published version, so: v1.2.0.
    git.commit("tiny 1.2", { "app/index.html": "<h1>tiny 1.2</h1>\n" });
    git.tag("v1.2.0", "third release");
    const run = await local([
      "push",
      "--ref",
      "v1.2.0",
      "--actor",
      "bob",
      "--approve",
      "prod=bob",
      "--approve",
      "prod=alice",
    ]);
    expect(run.code, run.stderr.slice(-6000)).toBe(0);
    expect(run.stderr).toMatch(/✘ bob may not approve prod: .*own run/);
    expect(row(run.stdout, "prod")?.[1]).toBe("1.2.0");
  }, 300_000);

  it("a dispatched rollback acts on the history the earlier runs left in --state", async () => {
    const run = await local([
      "workflow_dispatch",
      "--workflow",
      ".github/workflows/rollback.yml",
      "--input",
      "environment=prod",
      "--approve",
      "prod=alice",
    ]);
    expect(run.code, run.stderr.slice(-6000)).toBe(0);
    expect(row(run.stdout, "prod")?.[1]).toBe("1.0.0");
    expect(row(run.stdout, "prod")?.at(-1)).toMatch(/^rolled back from 1\.2\.0/);
    expect(readFileSync(join(targets, "prod", "prod"), "utf8").trim()).toBe("1.0.0");
  }, 300_000);

  it("a dispatch the engine refuses is one line on stderr and exit 1, before any job", async () => {
    const run = await local([
      "workflow_dispatch",
      "--workflow",
      ".github/workflows/rollback.yml",
      "--input",
      "environment=nowhere",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /rollback\.yml: Provided value 'nowhere' for input 'environment' not in the list of allowed values \(/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  // `script` (util-linux) gives the CLI a pseudo-terminal, so it asks instead of failing.
  it.skipIf(spawnSync("script", ["--version"]).status !== 0)(
    "on a terminal, asks who reviews: answers typed ahead are taken in order",
    () => {
      const command = [
        process.execPath,
        bin,
        "local run workflow_dispatch --workflow .github/workflows/promote.yml",
        "--input version=1.0.0 --input environment=prod --actor bob --state",
        state,
      ].join(" ");
      const run = spawnSync("script", ["-qec", command, "/dev/null"], {
        cwd: git.dir,
        input: "bob\nalice\n",
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(run.status, run.stdout.slice(-4000)).toBe(0);
      expect(run.stdout).toContain(
        'Review prod: a login approves, "!login" rejects (alice, bob): ',
      );
      expect(run.stdout).toMatch(/✘ bob may not approve prod: .*own run/);
      expect(run.stdout).toMatch(/prod approved by alice/);
    },
    150_000,
  );

  it("Ctrl-C cancels the run, saves the local GitHub and ends with 130", async () => {
    const kept = tempDir("fd-local-run-interrupted-");
    dirs.push(kept);
    const child = spawn(
      process.execPath,
      [bin, "local", "run", "push", "--ref", "v1.0.0", "--state", kept],
      { cwd: git.dir, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? kept } },
    );
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve) =>
      child.stderr.on("data", (d) => {
        stderr += d;
        if (stderr.includes("] started")) resolve();
      }),
    );
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("Interrupted: cancelling the runs");
    // The run ended cancelled, and the local GitHub recorded it so.
    expect(stderr).toMatch(/⊘ release\.yml run \d+: cancelled/);
    const saved = JSON.parse(readFileSync(join(kept, "state.json"), "utf8"));
    const runs = Object.values(saved.repos["acme/tiny"].actions.runs) as { conclusion: string }[];
    expect(runs.map((r) => r.conclusion)).toEqual(["cancelled"]);
  }, 120_000);
});

// What `fastdeploy init` writes for another promotion path, self-contained and reusable, runs
// as the default does: the environments list alone orders the stages.
describe.each([
  { kind: "self-contained", flags: [] as string[] },
  { kind: "reusable", flags: ["--reusable"] },
])("init --environments staging,production ($kind) through local run", ({ flags }) => {
  it("a release tag goes staging → production, production approved by alice", async () => {
    const dir = tempDir("fd-local-run-envs-");
    const state = tempDir("fd-local-run-envs-state-");
    dirs.push(dir, state);
    const git = new GitRepo(dir);
    git.git("remote", "add", "origin", "https://github.com/acme/tiny.git");
    const init = await runBundled(
      bin,
      ["init", ...flags, "--environments", "staging,production", "--path", "app"],
      { cwd: dir },
    );
    expect(init.code, init.stdout + init.stderr).toBe(0);
    git.commit("tiny app", { "app/index.html": "<h1>tiny</h1>\n" });
    git.tag("v1.0.0", "first release");
    const run = await runBundled(
      bin,
      [
        "local",
        "run",
        "push",
        "--ref",
        "refs/tags/v1.0.0",
        "--approve",
        "production=alice",
        "--state",
        state,
      ],
      { cwd: dir },
    );
    expect(run.code, run.stderr.slice(-6000)).toBe(0);
    expect(row(run.stdout, "staging")?.[1]).toBe("1.0.0");
    expect(row(run.stdout, "production")?.[1]).toBe("1.0.0");
    expect(run.stderr).toContain("Deploy to staging");
    expect(run.stderr.indexOf("Deploy to staging")).toBeLessThan(
      run.stderr.indexOf("Deploy to production"),
    );
  }, 300_000);
});
