// The runner harness against tiny fixture actions (test/fixtures/actions), one rule each, and
// against a real bundle from dist/.
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  REPO_ROOT,
  releasePublishedEvent,
  runAction,
  runActionWithPost,
  tagPushEvent,
  workflowDispatchEvent,
} from "../src/runner/index.js";

const fixture = (name: string) => join(REPO_ROOT, "test/fixtures/actions", name);

interface Report {
  cwd: string;
  env: Record<string, string>;
  event: Record<string, unknown>;
}

async function report(options: Parameters<typeof runAction>[0]) {
  const result = await runAction(options);
  expect(result.success, result.stderr).toBe(true);
  return { result, report: JSON.parse(result.outputs.report ?? "{}") as Report };
}

describe("inputs", () => {
  it("passes every declared input as INPUT_<NAME>, hyphens kept, spaces to _, defaults applied", async () => {
    const { report: r } = await report({
      action: fixture("echo-inputs"),
      inputs: { "my-input": " v1 " },
      github: {
        token: "ghs_test",
        repository: "acme/shop",
        ref: "refs/tags/v1.2.3",
        sha: "a".repeat(40),
      },
    });
    expect(r.env["INPUT_MY-INPUT"]).toBe(" v1 "); // not trimmed: core.getInput trims
    expect(r.env.INPUT_SPACED_NAME).toBe("spaced default");
    expect(r.env.INPUT_FLAG).toBe("true");
    expect(r.env["INPUT_NO-DEFAULT"]).toBe("");
    expect(r.env.INPUT_TOKEN).toBe("ghs_test");
    expect(r.env.INPUT_REPOSITORY).toBe("acme/shop");
    expect(r.env["INPUT_REF-AND-SHA"]).toBe(`v1.2.3@${"a".repeat(40)}`);
  });

  it("does not enforce required, and warns about undeclared inputs like the runner", async () => {
    const { result, report: r } = await report({
      action: fixture("echo-inputs"),
      inputs: { surprise: "x" },
    });
    expect(r.env["INPUT_MY-INPUT"]).toBe("");
    expect(r.env.INPUT_SURPRISE).toBe("x");
    expect(result.annotations).toEqual([
      {
        level: "warning",
        source: "runner",
        message:
          "Unexpected input(s) 'surprise', valid inputs are ['my-input', 'spaced name', 'flag', 'no-default', 'token', 'repository', 'ref-and-sha']",
      },
    ]);
  });

  it("matches input names case-insensitively, as the runner's dictionary does", async () => {
    const { result, report: r } = await report({
      action: fixture("echo-inputs"),
      inputs: { "MY-INPUT": "upper" },
    });
    expect(r.env["INPUT_MY-INPUT"]).toBe("upper");
    expect(result.annotations).toEqual([]);
  });
});

describe("environment and event", () => {
  it("sets the github context variables, cwd = GITHUB_WORKSPACE and a tag push payload", async () => {
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), "runner-ws-")));
    const sha = "b".repeat(40);
    const { report: r } = await report({
      action: fixture("echo-inputs"),
      workspace,
      event: tagPushEvent({ tag: "v2.0.0", sha, repo: "acme/shop" }),
      github: { apiUrl: "http://127.0.0.1:4567", runId: 77, actor: "alice" },
      artifactEnv: { ACTIONS_RUNTIME_TOKEN: "rt", ACTIONS_RESULTS_URL: "http://127.0.0.1:4568/" },
      env: { STEP_VAR: "set by env:" },
    });
    expect(r.cwd).toBe(workspace);
    expect(r.env).toMatchObject({
      GITHUB_WORKSPACE: workspace,
      GITHUB_API_URL: "http://127.0.0.1:4567",
      GITHUB_GRAPHQL_URL: "http://127.0.0.1:4567/graphql",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "acme/shop",
      GITHUB_REPOSITORY_OWNER: "acme",
      GITHUB_SHA: sha,
      GITHUB_REF: "refs/tags/v2.0.0",
      GITHUB_REF_NAME: "v2.0.0",
      GITHUB_REF_TYPE: "tag",
      GITHUB_RUN_ID: "77",
      GITHUB_RUN_NUMBER: "1",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_ACTOR: "alice",
      GITHUB_TRIGGERING_ACTOR: "alice",
      GITHUB_EVENT_NAME: "push",
      GITHUB_WORKFLOW_REF: "acme/shop/.github/workflows/release.yml@refs/tags/v2.0.0",
      GITHUB_ACTIONS: "true",
      CI: "true",
      RUNNER_OS: "Linux",
      ACTIONS_RUNTIME_TOKEN: "rt",
      ACTIONS_RESULTS_URL: "http://127.0.0.1:4568/",
      STEP_VAR: "set by env:",
    });
    expect(r.env.GITHUB_EVENT_PATH).toBe(
      join(r.env.RUNNER_TEMP ?? "", "_github_workflow/event.json"),
    );
    expect(r.env.GITHUB_OUTPUT).toMatch(/\/_runner_file_commands\/set_output_[0-9a-f-]{36}$/);
    expect(r.env.GITHUB_STEP_SUMMARY).toMatch(
      /\/_runner_file_commands\/step_summary_[0-9a-f-]{36}$/,
    );
    expect(r.env.GITHUB_TOKEN).toBeUndefined();
    expect(r.env.VITEST).toBeUndefined(); // nothing of the test process leaks in
    expect(r.event).toMatchObject({
      ref: "refs/tags/v2.0.0",
      before: "0".repeat(40),
      after: sha,
      created: true,
      deleted: false,
      commits: [],
      head_commit: { id: sha },
      repository: { full_name: "acme/shop", name: "shop", owner: { login: "acme" } },
    });
  });

  it("writes a workflow_dispatch payload with string inputs and takes the ref from it", async () => {
    const { report: r } = await report({
      action: fixture("echo-inputs"),
      event: workflowDispatchEvent({
        inputs: { environment: "prod", force: true },
        ref: "refs/heads/release",
      }),
    });
    expect(r.env.GITHUB_EVENT_NAME).toBe("workflow_dispatch");
    expect(r.env.GITHUB_REF).toBe("refs/heads/release");
    expect(r.env.GITHUB_REF_TYPE).toBe("branch");
    expect(r.event).toMatchObject({
      inputs: { environment: "prod", force: "true" },
      ref: "refs/heads/release",
      workflow: ".github/workflows/release.yml",
    });
  });

  it("takes GITHUB_REF from a published release's tag", async () => {
    const { report: r } = await report({
      action: fixture("echo-inputs"),
      event: releasePublishedEvent({
        tag: "v3.0.0",
        releaseId: 9,
        uploadsUrl: "http://127.0.0.1:4569",
      }),
    });
    expect(r.env).toMatchObject({ GITHUB_EVENT_NAME: "release", GITHUB_REF: "refs/tags/v3.0.0" });
    expect(r.event).toMatchObject({
      action: "published",
      release: { id: 9, tag_name: "v3.0.0", draft: false },
    });
    expect((r.event.release as { upload_url: string }).upload_url).toBe(
      "http://127.0.0.1:4569/repos/octo-org/hello-world/releases/9/assets{?name,label}",
    );
  });

  it("synthesises a branch push when no event is given", async () => {
    const { report: r } = await report({ action: fixture("echo-inputs") });
    expect(r.env.GITHUB_REF).toBe("refs/heads/main");
    expect(r.event).toMatchObject({ ref: "refs/heads/main", created: false });
    expect((r.event.commits as unknown[]).length).toBe(1);
  });
});

describe("file commands", () => {
  it("parses NAME=VALUE and heredocs as the runner does, and collects env, path and summary", async () => {
    const result = await runAction({ action: fixture("file-commands") });
    expect(result.success).toBe(true);
    expect(result.outputs).toEqual({
      legacy: "old way",
      plain: "overwritten",
      url: "https://x.test/?a=b&c=d",
      notes: "line one\n\nline = three",
      arrow: "a<<b", // `=` comes before `<<`, so this is NAME=VALUE
      empty: "",
    });
    expect(result.env).toEqual({ FROM_STEP: "yes" });
    expect(result.path).toEqual(["/opt/tool-a/bin", "/opt/tool-b/bin"]);
    expect(result.summary).toBe("## Result\n\n| a | b |\n| - | - |\n| 1 | 2 |\n");
    expect(result.annotations.map((a) => a.message)).toEqual([
      expect.stringContaining("The `set-output` command is deprecated"),
      "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.",
    ]);
  });

  it("fails the step when a heredoc has no matching delimiter, even with exit code 0", async () => {
    const result = await runAction({ action: fixture("bad-heredoc") });
    expect(result.exitCode).toBe(0);
    expect(result.success).toBe(false);
    expect(result.annotations).toEqual([
      {
        level: "error",
        source: "runner",
        message: "Invalid value. Matching delimiter not found 'DELIM'",
      },
    ]);
  });
});

describe("workflow commands", () => {
  it("turns ::error/::warning/::notice into annotations, unescapes them and masks secrets", async () => {
    const result = await runAction({
      action: fixture("annotate"),
      github: { token: "ghs_masked" },
    });
    expect(result.success).toBe(true);
    // stdout and stderr are read concurrently, so only the order within a stream is fixed.
    expect(result.annotations).toHaveLength(4);
    expect(result.annotations).toEqual(
      expect.arrayContaining([
        {
          level: "error",
          source: "action",
          title: "Bad config: x,y",
          file: ".github/fastdeploy.yml",
          line: 3,
          endLine: 4,
          col: 5,
          message: "unknown key 'nmae'\ndid you mean 'name'? 100%",
        },
        { level: "warning", source: "action", message: "indented warning" },
        { level: "notice", source: "action", file: "README.md", message: "from stderr" },
        { level: "error", source: "action", message: "after resume" },
      ]),
    );
    expect(result.masks).toEqual(["ghs_masked", "hunter2-secret"]);
    expect(result.stdout).toContain("the secret is ***\n");
    expect(result.stdout).toContain("token=***\n");
    expect(result.stdout).not.toContain("hunter2-secret\n");
    expect(result.groups).toEqual(["Packing"]);
    expect(result.debug).toEqual(["only with step debug"]);
  });
});

describe("exit codes", () => {
  it("succeeds only on exit code 0; ::error alone does not fail, a non-zero exit does", async () => {
    const failed = await runAction({ action: fixture("exit-code"), inputs: { code: "3" } });
    expect(failed).toMatchObject({ exitCode: 3, success: false, annotations: [] });
    const annotatedButZero = await runAction({
      action: fixture("exit-code"),
      inputs: { code: "0", annotate: "true" },
    });
    expect(annotatedButZero.success).toBe(true);
    expect(annotatedButZero.annotations).toHaveLength(1);
  });
});

describe("pre and post", () => {
  it("passes state as STATE_<name> to later stages, with GITHUB_ENV and inputs", async () => {
    const run = await runActionWithPost({ action: fixture("stateful") });
    expect(run.pre?.success).toBe(true);
    expect(run.main.outputs).toEqual({ sawPre: "pre value" });
    expect(run.post?.outputs).toMatchObject({
      state: "42",
      pre: "pre value",
      carried: "from main",
      input: "false",
    });
    expect(run.success).toBe(true);
  });

  it("runs post (post-if: always()) after main fails, and skips pre when asked", async () => {
    const run = await runActionWithPost({
      action: fixture("stateful"),
      inputs: { fail: "true" },
      runPre: false,
    });
    expect(run.pre).toBeUndefined();
    expect(run.main).toMatchObject({ exitCode: 1, success: false });
    expect(run.post?.outputs.state).toBe("42");
    expect(run.success).toBe(false);
  });
});

describe("cancellation and timeouts", () => {
  it("sends SIGINT on abort, then post still runs", async () => {
    const controller = new AbortController();
    const run = await runActionWithPost({
      action: fixture("sleeper"),
      signal: controller.signal,
      onOutput: (line) => {
        if (line === "ready") controller.abort();
      },
    });
    expect(run.main).toMatchObject({ cancelled: true, success: false, exitCode: 130 });
    expect(run.main.outputs.signal).toBe("SIGINT");
    expect(run.post?.outputs.cleaned).toBe("yes");
  });

  it("follows SIGINT with SIGTERM when the action keeps running", async () => {
    const controller = new AbortController();
    const result = await runAction({
      action: fixture("sleeper"),
      inputs: { "ignore-sigint": "true" },
      signal: controller.signal,
      cancelTimeouts: { sigintMs: 200, sigtermMs: 200 },
      onOutput: (line) => {
        if (line === "ready") controller.abort();
      },
    });
    expect(result.stdout).toContain("received SIGINT\nreceived SIGTERM\n");
    expect(result.outputs.signal).toBe("SIGTERM");
    expect(result.cancelled).toBe(true);
  });

  it("times out like timeout-minutes", async () => {
    const result = await runAction({ action: fixture("sleeper"), timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, success: false });
    expect(result.annotations.at(-1)?.message).toMatch(/timed out/);
  });
});

describe("GITHUB_PATH", () => {
  it("prepends earlier stages' directories to PATH, the last added first", async () => {
    const run = await runActionWithPost({ action: fixture("stateful") });
    expect(run.pre?.path).toEqual(["/opt/from-pre/bin"]);
    const path = run.post?.outputs.path?.split(delimiter) ?? [];
    expect(path.slice(0, 2)).toEqual(["/opt/from-main/bin", "/opt/from-pre/bin"]);
    expect(path.length).toBeGreaterThan(2); // the host's PATH follows
  });
});

describe("a real bundle", () => {
  it("runs dist/build/index.js: a failure is exit code 1 and one error annotation", async () => {
    const result = await runAction({ action: "build", inputs: { path: "nothing-here" } });
    expect(result.exitCode).toBe(1);
    expect(result.success).toBe(false);
    // Besides the error, build may warn that it could not list release tags: this job has no
    // GitHub to ask (the branch build's version then starts from 0.0.0).
    const errors = result.annotations.filter((a) => a.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ source: "action" });
    expect(errors[0]?.message).toMatch(/nothing-here/);
  });

  it("runs the root action's dist/fastdeploy/index.js the same way: success and failure", async () => {
    const ok = await runAction({ action: "fastdeploy", inputs: { args: "--version" } });
    expect(ok.annotations).toEqual([]);
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.outputs.json!)).toEqual({
      output: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    // A usage error of the CLI (verify needs a version): exit 1 and one error, which names it.
    const usage = await runAction({ action: "fastdeploy", inputs: { args: "verify" } });
    expect(usage.exitCode).toBe(1);
    expect(usage.annotations).toEqual([
      expect.objectContaining({ level: "error", source: "action" }),
    ]);
    expect(usage.annotations[0]!.message).toMatch(/fastdeploy verify exited with code 2/);
  });

  it("runs dist/build/index.js: inputs with defaults in, outputs and summary out", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "runner-build-"));
    mkdirSync(join(workspace, "out"));
    writeFileSync(join(workspace, "out/app.txt"), "hello");
    const result = await runAction({
      action: "build",
      workspace,
      inputs: { path: "out", upload: "false" },
      event: tagPushEvent({ tag: "v1.2.3", sha: "c".repeat(40), repo: "acme/shop" }),
    });
    expect(result.success, result.stdout).toBe(true);
    // version comes from the tag, the name from the repository and output-dir's default.
    expect(result.outputs.version).toBe("1.2.3");
    expect(result.outputs.archive).toBe(join(workspace, ".fastdeploy/shop-1.2.3.tar.gz"));
    expect(result.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.outputs["artifact-id"]).toBe("");
    expect(result.summary).toContain("1.2.3");
  });
});
