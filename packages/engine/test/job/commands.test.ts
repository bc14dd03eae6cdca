// File commands and workflow commands between steps, masks in every line and in the summary,
// and the job's outputs and environment url evaluated after the steps.
import { describe, expect, it } from "vitest";
import { runJob } from "../../src/job/index.js";
import { jobRun, oneJob, parseJob } from "./support.js";

describe("file commands", () => {
  it("carries GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY between steps", async () => {
    const parsed = await parseJob(
      oneJob(`
      - id: write
        run: |
          echo "plain=one" >> "$GITHUB_OUTPUT"
          { echo "multi<<EOF"; echo "line 1"; echo "line 2"; echo "EOF"; } >> "$GITHUB_OUTPUT"
          echo "FROM_ENV=carried" >> "$GITHUB_ENV"
          mkdir -p "$RUNNER_TEMP/bin"
          printf '#!/bin/sh\\necho tool-ran\\n' > "$RUNNER_TEMP/bin/mytool"
          chmod +x "$RUNNER_TEMP/bin/mytool"
          echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"
          echo "## first summary" >> "$GITHUB_STEP_SUMMARY"
      - id: read
        env:
          MULTI: \${{ steps.write.outputs.multi }}
        run: |
          echo "plain=\${{ steps.write.outputs.plain }} env=$FROM_ENV"
          echo "multi=[$MULTI]"
          mytool
          echo "second summary" >> "$GITHUB_STEP_SUMMARY"
      - id: bad
        run: echo "broken<<NEVER" >> "$GITHUB_OUTPUT"
`),
    );
    const job = jobRun(parsed);
    const outcome = await runJob(job);
    expect(job.lines).toContain("plain=one env=carried");
    expect(job.lines).toContain("multi=[line 1");
    expect(job.lines).toContain("line 2]");
    expect(job.lines).toContain("tool-ran");
    expect(outcome.steps.write?.outputs).toEqual({ plain: "one", multi: "line 1\nline 2" });
    expect(outcome.summary).toBe("## first summary\n\nsecond summary\n");
    // A file command the runner cannot parse fails the step.
    expect(outcome.steps.bad?.outcome).toBe("failure");
    expect(outcome.annotations.map((a) => a.message)).toContain(
      "Invalid value. Matching delimiter not found 'NEVER'",
    );
  });
});

describe("workflow commands", () => {
  it("turns ::error/warning/notice:: into annotations, honours ::stop-commands::", async () => {
    const parsed = await parseJob(
      oneJob(`
      - run: |
          echo "::error file=app.js,line=3,title=Bad thing::it broke"
          echo "::warning::careful"
          echo "::notice::fyi"
          echo "::group::Details"
          echo "inside the group"
          echo "::endgroup::"
          echo "::stop-commands::pause-token"
          echo "::error::not an annotation"
          echo "::pause-token::"
          echo "::notice::commands back on"
`),
    );
    const job = jobRun(parsed);
    const outcome = await runJob(job);
    expect(outcome.result).toBe("success"); // ::error:: alone does not fail a step
    const actions = outcome.annotations.filter((a) => a.source === "action");
    expect(actions).toEqual([
      {
        level: "error",
        message: "it broke",
        file: "app.js",
        line: 3,
        title: "Bad thing",
        source: "action",
      },
      { level: "warning", message: "careful", source: "action" },
      { level: "notice", message: "fyi", source: "action" },
      { level: "notice", message: "commands back on", source: "action" },
    ]);
    expect(job.lines).toContain("inside the group");
  });
});

describe("masks", () => {
  it("masks secrets and ::add-mask:: values in every later line, the summary and annotations", async () => {
    // The password is made at run time: a literal in the script would be printed (as on
    // GitHub) before the step registers it.
    const parsed = await parseJob(
      oneJob(`
      - env:
          API_KEY: \${{ secrets.API_KEY }}
        run: |
          echo "key is $API_KEY"
          echo "token is \${{ github.token }}"
          password="generated-password-$((40 + 2))"
          echo "::add-mask::$password"
          echo "password $password"
      - env:
          DEPLOY_KEY: \${{ secrets.DEPLOY_KEY }}
        run: echo "$DEPLOY_KEY"
      - run: |
          echo "again generated-password-42 and s3cr3t-value"
          echo "::warning::leaked s3cr3t-value"
          echo "summary s3cr3t-value generated-password-42" >> "$GITHUB_STEP_SUMMARY"
`),
    );
    const job = jobRun(parsed, {});
    const key = "-----BEGIN KEY-----\nline-one-of-the-key\n-----END KEY-----";
    job.contexts.secrets = { API_KEY: "s3cr3t-value", DEPLOY_KEY: key };
    job.masks.add("s3cr3t-value");
    job.masks.add(key);
    const outcome = await runJob(job);
    const log = job.lines.join("\n");
    expect(outcome.result).toBe("success");
    expect(job.lines).toContain("key is ***");
    expect(job.lines).toContain("token is ***");
    expect(job.lines).toContain("password ***");
    expect(job.lines).toContain("again *** and ***");
    for (const secret of [
      "s3cr3t-value",
      "generated-password-42",
      "line-one-of-the-key",
      job.token,
    ]) {
      expect(log).not.toContain(secret);
      expect(outcome.summary).not.toContain(secret);
      expect(JSON.stringify(outcome.annotations)).not.toContain(secret);
    }
    expect(outcome.summary).toBe("summary *** ***\n");
    expect(job.masks.has("generated-password-42")).toBe(true);
  });
});

describe("job outputs and environment url", () => {
  it("evaluates outputs: and environment.url after the steps, leaving out outputs with secrets", async () => {
    const parsed = await parseJob(`
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment:
      name: prod
      url: \${{ steps.deploy.outputs.url }}
    outputs:
      version: \${{ steps.deploy.outputs.version }}
      leaked: \${{ steps.deploy.outputs.token }}
    steps:
      - id: deploy
        run: |
          echo "version=1.2.3" >> "$GITHUB_OUTPUT"
          echo "url=https://prod.example.com" >> "$GITHUB_OUTPUT"
          echo "token=\${{ github.token }}" >> "$GITHUB_OUTPUT"
`);
    const job = jobRun(parsed);
    const outcome = await runJob(job);
    expect(outcome.outputs).toEqual({ version: "1.2.3" });
    expect(outcome.environmentUrl).toBe("https://prod.example.com");
    expect(outcome.annotations).toContainEqual({
      level: "warning",
      message: "Skip output 'leaked' since it may contain secret.",
      source: "runner",
    });
  });
});
