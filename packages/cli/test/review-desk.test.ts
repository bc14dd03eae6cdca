// The review desk against a real local GitHub seeded from a real git repository: reviews go
// through POST …/pending_deployments with each reviewer's token, so the local GitHub's rules
// (reviewer list, prevent self-review) decide, and the desk falls through to the next review.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitRepo } from "../../../test/support/git-repo.js";
import { tempDir } from "../../../test/support/tree.js";
import type { ReviewDecision } from "../src/commands/local-options.js";
import type { Io } from "../src/io.js";
import { ReviewDesk, ReviewNeeded } from "../src/local/review-desk.js";
import { type SeededGitHub, startSeededGitHub } from "../src/local/seeded-github.js";

const CONFIG = `environments:
  - name: dev
  - name: prod
    after: [dev]
    production: true
`;

let github: SeededGitHub;
let sha: string;
const dirs: string[] = [];
const quiet: Io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: "/" };

beforeAll(async () => {
  const dir = tempDir("fd-review-desk-");
  dirs.push(dir);
  const git = new GitRepo(dir);
  sha = git.commit("app", { ".github/fastdeploy.yml": CONFIG });
  github = await startSeededGitHub({ repoDir: dir, reviewers: ["alice", "bob"] }, quiet);
}, 60_000);
afterAll(async () => {
  await github?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A run of `actor` parked at prod, as the engine parks a job. */
function waitingRun(actor: string): number {
  const { sandbox } = github.local;
  const run = sandbox.createWorkflowRun(github.seed.repository, {
    workflowPath: ".github/workflows/release.yml",
    name: "Release",
    event: "push",
    headSha: sha,
    headBranch: "main",
    actor,
    triggeringActor: actor,
  });
  sandbox.requestReview(github.seed.repository, run.id, "prod");
  return run.id;
}

const desk = (decisions: ReviewDecision[], io: Io, lines: string[]) =>
  new ReviewDesk(github, decisions, io, (line) => lines.push(line));

describe("ReviewDesk", () => {
  it("tries the given reviews in order: the actor's own is refused, the next approves", async () => {
    const runId = waitingRun("bob");
    const lines: string[] = [];
    const state = await desk(
      [
        { environment: "dev", login: "alice", state: "approved" },
        { environment: "prod", login: "bob", state: "approved" },
        { environment: "prod", login: "carol", state: "approved" },
        { environment: "PROD", login: "alice", state: "approved" },
      ],
      quiet,
      lines,
    ).review({ runId, environment: "prod" });
    expect(state).toBe("approved");
    expect(lines).toEqual([
      "✘ bob may not approve prod: bob cannot review their own run: prod prevents self-review.",
      "✘ carol may not approve prod: carol is not a required reviewer for prod.",
    ]);
    expect(github.local.sandbox.reviewState(github.seed.repository, runId, "prod")).toMatchObject({
      state: "approved",
      user: "alice",
    });
  });

  it("rejects as --reject says", async () => {
    const runId = waitingRun("octocat");
    const state = await desk(
      [{ environment: "prod", login: "bob", state: "rejected" }],
      quiet,
      [],
    ).review({ runId, environment: "prod" });
    expect(state).toBe("rejected");
    expect(github.local.sandbox.reviewState(github.seed.repository, runId, "prod")).toMatchObject({
      state: "rejected",
      user: "bob",
    });
  });

  it("asks at a terminal until a review is accepted; '!login' rejects", async () => {
    const answers = ["", "bob", "alice"];
    const questions: string[] = [];
    const terminal: Io = {
      ...quiet,
      prompt: async (question) => {
        questions.push(question);
        return answers.shift() ?? "";
      },
    };
    const lines: string[] = [];
    const state = await desk([], terminal, lines).review({
      runId: waitingRun("bob"),
      environment: "prod",
    });
    expect(state).toBe("approved");
    expect(questions).toHaveLength(3);
    expect(questions[0]).toBe('Review prod: a login approves, "!login" rejects (alice, bob): ');
    expect(lines).toEqual([
      "✘ bob may not approve prod: bob cannot review their own run: prod prevents self-review.",
    ]);

    const rejecting: Io = { ...quiet, prompt: async () => "!alice" };
    expect(
      await desk([], rejecting, []).review({ runId: waitingRun("bob"), environment: "prod" }),
    ).toBe("rejected");
  });

  it("without a review to post and no terminal, says how to give one", async () => {
    const review = desk(
      [{ environment: "dev", login: "alice", state: "approved" }],
      quiet,
      [],
    ).review({ runId: waitingRun("bob"), environment: "prod" });
    await expect(review).rejects.toThrow(ReviewNeeded);
    await expect(review).rejects.toThrow("prod is waiting for review; pass --approve prod=<login>");
  });
});
