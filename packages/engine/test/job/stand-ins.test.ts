// The actions/checkout and actions/setup-node stand-ins, run as steps of real jobs.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runJob } from "../../src/job/index.js";
import { gitRepository, jobRun, oneJob, parseJob } from "./support.js";

async function runSteps(steps: string, source = gitRepository({ "app/hello.txt": "hello\n" })) {
  const parsed = await parseJob(oneJob(steps));
  const job = jobRun(parsed, { source });
  const outcome = await runJob(job);
  return { job, outcome, messages: outcome.annotations.map((a) => a.message) };
}

describe("actions/checkout", () => {
  it("checks out the run's commit with history, into path when given", async () => {
    const source = gitRepository({ "app/hello.txt": "first\n" });
    const git = (...args: string[]) =>
      execFileSync("git", args, { cwd: source.repoDir, encoding: "utf8" }).trim();
    git("tag", "v1.0.0");
    execFileSync("sh", ["-c", "echo second > app/hello.txt"], { cwd: source.repoDir });
    git(
      "-c",
      "user.name=T",
      "-c",
      "user.email=t@example.com",
      "commit",
      "--quiet",
      "-am",
      "second",
    );
    const { job, outcome } = await runSteps(
      `
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
          persist-credentials: false
      - run: |
          echo "content $(cat app/hello.txt)"
          echo "head $(git rev-parse HEAD)"
          echo "tags $(git tag)"
      - uses: actions/checkout@v4
        with:
          path: nested/copy
      - run: echo "nested $(cat nested/copy/app/hello.txt)"
`,
      // The run is for the first commit, although the branch has moved on.
      { repoDir: source.repoDir, sha: git("rev-parse", "v1.0.0") },
    );
    expect(outcome.result).toBe("success");
    expect(job.lines).toContain("content first");
    expect(job.lines).toContain(`head ${git("rev-parse", "v1.0.0")}`);
    expect(job.lines).toContain("tags v1.0.0");
    expect(job.lines).toContain("nested first");
  });

  it("refuses inputs it would not honour, and paths outside the workspace", async () => {
    const { outcome, messages } = await runSteps(`
      - id: ref
        uses: actions/checkout@v4
        with:
          ref: other-branch
      - id: outside
        if: always()
        uses: actions/checkout@v4
        with:
          path: ../elsewhere
`);
    expect(outcome.steps.ref?.outcome).toBe("failure");
    expect(messages).toContainEqual(
      expect.stringContaining(
        "The local stand-in for actions/checkout does not support the input(s) 'ref'",
      ),
    );
    expect(outcome.steps.outside?.outcome).toBe("failure");
    expect(messages).toContainEqual(
      expect.stringMatching(/Repository path '.*elsewhere' is not under/),
    );
  });
});

describe("actions/setup-node", () => {
  it("puts a node that satisfies node-version first on PATH and outputs its version", async () => {
    const { job, outcome } = await runSteps(`
      - id: setup
        uses: actions/setup-node@v4
        with:
          node-version: 24.x
      - run: |
          echo "node $(node --version)"
          echo "first on PATH: $("\${PATH%%:*}/node" --version)"
`);
    expect(outcome.result).toBe("success");
    const version = outcome.steps.setup?.outputs["node-version"];
    expect(version).toMatch(/^v24\./);
    expect(job.lines).toContain(`node ${version}`);
    expect(job.lines).toContain(`first on PATH: ${version}`);
  });

  it("accepts cache: npm, restoring and saving nothing, and refuses a manager it cannot cache", async () => {
    const cached = await runSteps(`
      - id: setup
        uses: actions/setup-node@v4
        with:
          node-version: 24.x
          cache: npm
`);
    expect(cached.outcome.result).toBe("success");
    expect(cached.outcome.steps.setup?.outputs["cache-hit"]).toBe("false");
    expect(cached.messages).toContainEqual(expect.stringMatching(/no dependency cache here/));
    const refused = await runSteps(`
      - id: setup
        uses: actions/setup-node@v4
        with:
          node-version: 24.x
          cache: bun
`);
    expect(refused.outcome.steps.setup?.outcome).toBe("failure");
    expect(refused.messages).toContainEqual(
      expect.stringMatching(/Caching for 'bun' is not supported/),
    );
  });

  it("fails naming the versions this machine has when none fits", async () => {
    const { outcome, messages } = await runSteps(`
      - id: setup
        uses: actions/setup-node@v4
        with:
          node-version: "8"
`);
    expect(outcome.steps.setup?.outcome).toBe("failure");
    expect(messages).toContainEqual(
      expect.stringMatching(
        /no node on this machine satisfies node-version '8'\. Available: 24\.\d+\.\d+ \(/,
      ),
    );
  });
});
