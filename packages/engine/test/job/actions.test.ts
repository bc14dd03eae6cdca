// uses: steps with node actions: this repository's actions resolved to actionsRoot
// (`fastdeploy/fastdeploy/actions/x@ref`) or the workspace (`./x`), pre and post with post-if,
// state, inputs with action.yml defaults, the runtime env, Node 24, and refusals.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runJob, unsupportedAction } from "../../src/job/index.js";
import { actionsRoot, writeAction } from "./fixture-actions.js";
import { gitRepository, jobRun, oneJob, parseJob } from "./support.js";

describe("this repository's node actions", () => {
  it("runs pre, main and post (LIFO) with state, inputs and defaults, on Node 24", async () => {
    const parsed = await parseJob(
      oneJob(`
      - id: first
        uses: fastdeploy/fastdeploy/actions/stages@v1
        with:
          who: first
      - id: second
        uses: fastdeploy/fastdeploy@v1.2.3
        with:
          who: second
          greeting: hi
      - run: echo "run step runtime token=\${ACTIONS_RUNTIME_TOKEN:-none}"
`),
    );
    const root = actionsRoot();
    const job = jobRun(parsed, {
      actionsRoot: root,
      artifactEnv: {
        ACTIONS_RUNTIME_TOKEN: "runtime-secret",
        ACTIONS_RESULTS_URL: "http://127.0.0.1:9/",
      },
    });
    job.masks.add("runtime-secret");
    const outcome = await runJob(job);
    expect(outcome.result).toBe("success");
    const stageLines = job.lines.filter((l) => /^(pre|main|post) /.test(l));
    expect(stageLines).toEqual([
      "pre first state=none",
      "main first state=from-pre-first",
      "pre second state=none",
      "main second state=from-pre-second",
      "post second state=from-pre-second",
      "post first state=from-pre-first",
    ]);
    expect(outcome.steps.first?.outputs).toMatchObject({
      node: expect.stringMatching(/^v24\./),
      token: job.token,
      greeting: "hello alice",
      "action-path": join(root, "actions", "stages"),
      "action-repository": "fastdeploy/fastdeploy",
      "action-ref": "v1",
      "runtime-token": "runtime-secret",
      cwd: job.workspace,
    });
    expect(outcome.steps.second?.outputs).toMatchObject({
      greeting: "hi",
      "action-path": root,
      "action-ref": "v1.2.3",
    });
    // ACTIONS_RUNTIME_* go to node actions only, never to run: steps.
    expect(job.lines).toContain("run step runtime token=none");
  });

  it("skips a post whose post-if does not hold, and a failed main fails the job", async () => {
    const parsed = await parseJob(
      oneJob(`
      - id: guarded
        uses: fastdeploy/fastdeploy/actions/success-only@main
        with:
          who: guarded
      - id: broken
        uses: fastdeploy/fastdeploy/actions/stages@main
        with:
          who: broken
          fail: true
`),
    );
    const job = jobRun(parsed, { actionsRoot: actionsRoot() });
    const outcome = await runJob(job);
    expect(outcome.steps.broken?.outcome).toBe("failure");
    expect(outcome.result).toBe("failure");
    expect(job.lines).toContain("post broken state=from-pre-broken");
    expect(job.lines).not.toContain("post guarded state=from-pre-guarded");
    expect(job.lines).toContain(
      "Skipped: Post Run fastdeploy/fastdeploy/actions/success-only@main (post-if: success())",
    );
  });

  it("evaluates a post-if over the job's contexts, as a step's if is", async () => {
    const parsed = await parseJob(
      oneJob(`
      - uses: fastdeploy/fastdeploy/actions/on-main@main
        with:
          who: main-only
`),
    );
    const job = jobRun(parsed, { actionsRoot: actionsRoot() });
    const outcome = await runJob(job);
    expect(outcome.result).toBe("success");
    expect(job.lines).toContain("post main-only state=from-pre-main-only");
  });

  it("runs a ./ action from the checked-out workspace, skipping its pre with the runner's warning", async () => {
    const source = gitRepository({ "README.md": "app\n" });
    writeAction(join(source.repoDir, ".github", "actions", "local"));
    const { execFileSync } = await import("node:child_process");
    const git = (...args: string[]) =>
      execFileSync("git", args, { cwd: source.repoDir, encoding: "utf8" }).trim();
    git("add", "--all");
    git("-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "action");
    const sha = git("rev-parse", "HEAD");
    const parsed = await parseJob(
      oneJob(`
      - uses: actions/checkout@v4
      - id: local
        uses: ./.github/actions/local
        with:
          who: local
`),
    );
    const job = jobRun(parsed, { source: { repoDir: source.repoDir, sha } });
    const outcome = await runJob(job);
    expect(outcome.result).toBe("success");
    expect(job.lines).toContain("main local state=none");
    expect(job.lines).toContain("post local state=none");
    expect(outcome.annotations).toContainEqual({
      level: "warning",
      message: "`pre` execution is not supported for local action from './.github/actions/local'",
      source: "runner",
    });
  });

  it("refuses an action the engine does not provide, naming it", async () => {
    const parsed = await parseJob(
      oneJob(`
      - id: other
        uses: someone/else@v1
      - id: docker
        if: always()
        uses: docker://alpine:3.20
      - id: missing
        if: always()
        uses: ./not/checked/out
`),
    );
    const job = jobRun(parsed);
    const outcome = await runJob(job);
    const messages = outcome.annotations.map((a) => a.message);
    expect(outcome.steps.other?.outcome).toBe("failure");
    expect(messages).toContainEqual(
      expect.stringContaining("The local engine does not provide the action 'someone/else@v1'"),
    );
    expect(messages).toContainEqual(
      expect.stringContaining("'docker://alpine:3.20': container actions are not supported."),
    );
    expect(messages).toContainEqual(
      expect.stringContaining(
        "Did you forget to run actions/checkout before running your local action?",
      ),
    );
    // The same verdicts, by name only, for the orchestrator to refuse before the run starts.
    expect(unsupportedAction("someone/else@v1")).toMatch(
      /does not provide the action 'someone\/else@v1'/,
    );
    expect(unsupportedAction("docker://alpine:3.20")).toMatch(/container actions/);
    const provided = [
      "actions/checkout@v4",
      "actions/setup-node@abc123",
      "./x",
      "fastdeploy/fastdeploy/actions/build@v1",
      "FastDeploy/fastdeploy@v1",
    ];
    for (const uses of provided) expect(unsupportedAction(uses)).toBeUndefined();
  });
});
