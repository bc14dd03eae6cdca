// The real bundled actions (dist/) in a job against a real local GitHub: checkout of a
// small app, build, GNU sha256sum over what build wrote, then status, with the job's token,
// event and API URL.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runJob } from "../../src/job/index.js";
import { gitRepository, jobRun, oneJob, parseJob } from "./support.js";

let github: LocalGitHub;
beforeAll(async () => {
  github = await startLocalGitHub();
});
afterAll(async () => {
  await github?.close();
});

describe("bundled actions against the local GitHub", () => {
  it("checks out, builds with fastdeploy/fastdeploy/actions/build, verifies with sha256sum, reads status", async () => {
    const source = gitRepository({ "app/index.html": "<h1>shop</h1>\n", "app/app.js": "1;\n" });
    const parsed = await parseJob(
      oneJob(`
      - uses: actions/checkout@v4
      - id: build
        uses: fastdeploy/fastdeploy/actions/build@v1
        with:
          path: app
          version: 1.0.0
          upload: false
      - working-directory: .fastdeploy
        run: sha256sum -c SHA256SUMS
      - id: status
        uses: fastdeploy/fastdeploy/actions/status@v1
`),
    );
    const job = jobRun(parsed, {
      source,
      token: github.token,
      apiUrl: github.sandbox.apiUrl,
      masks: new Set([github.token]),
    });
    job.contexts.github = { ...(job.contexts.github as object), repository: github.repository };
    writeFileSync(
      job.eventPath,
      JSON.stringify({ ref: "refs/heads/main", repository: { full_name: github.repository } }),
    );
    const before = github.sandbox.requestCount();
    const outcome = await runJob(job);
    const log = job.lines.join("\n");
    expect(outcome.result, log).toBe("success");
    expect(outcome.steps.build?.outputs.version).toBe("1.0.0");
    expect(outcome.steps.build?.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(job.lines).toContain("shop-1.0.0.tar.gz: OK");
    expect(JSON.parse(outcome.steps.status?.outputs.json ?? "null")).toBeTypeOf("object");
    expect(outcome.summary).toContain("1.0.0");
    expect(log).not.toContain(github.token);
    // status read the ledger from the local GitHub with the job's token (another token gets
    // a 401 and fails the step).
    expect(github.sandbox.requestCount()).toBeGreaterThan(before);
    github.sandbox.assertNoViolations();
    // The archive really is in the workspace, where the next step of a real job finds it.
    const archive = resolve(job.workspace, outcome.steps.build?.outputs.archive ?? "missing");
    expect(execFileSync("tar", ["-tzf", archive], { encoding: "utf8" })).toContain("index.html");
  });
});
