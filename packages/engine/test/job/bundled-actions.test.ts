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
  github = await startLocalGitHub({ artifacts: true });
});
afterAll(async () => {
  await github?.close();
});

/** A job of the local GitHub's repository, with its token, API and artifact service. */
function localJob(
  parsed: Awaited<ReturnType<typeof parseJob>>,
  source: ReturnType<typeof gitRepository>,
) {
  const job = jobRun(parsed, {
    source,
    token: github.token,
    apiUrl: github.sandbox.apiUrl,
    masks: new Set([github.token]),
    ...(github.artifacts ? { artifactEnv: github.artifacts.env() } : {}),
  });
  job.contexts.github = { ...(job.contexts.github as object), repository: github.repository };
  writeFileSync(
    job.eventPath,
    JSON.stringify({ ref: "refs/heads/main", repository: { full_name: github.repository } }),
  );
  return job;
}

/** Steps that check out the app and build it with this repository's build action. */
function checkoutAndBuild(version: string, upload: boolean): string {
  return `
      - uses: actions/checkout@v4
      - id: build
        uses: fastdeploy/fastdeploy/actions/build@v1
        with:
          path: app
          version: ${version}
          upload: ${upload}
`;
}

describe("bundled actions against the local GitHub", () => {
  it("checks out, builds with fastdeploy/fastdeploy/actions/build, verifies with sha256sum, reads status", async () => {
    const source = gitRepository({ "app/index.html": "<h1>shop</h1>\n", "app/app.js": "1;\n" });
    const parsed = await parseJob(
      oneJob(`${checkoutAndBuild("1.0.0", false)}
      - working-directory: .fastdeploy
        run: sha256sum -c SHA256SUMS
      - id: status
        uses: fastdeploy/fastdeploy/actions/status@v1
`),
    );
    const job = localJob(parsed, source);
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

  it("uploads build's workflow artifact to the local artifact service with the job's runtime env", async () => {
    const source = gitRepository({ "app/index.html": "<h1>shop</h1>\n" });
    const parsed = await parseJob(oneJob(checkoutAndBuild("2.0.0", true)));
    const job = localJob(parsed, source);
    const outcome = await runJob(job);
    expect(outcome.result, job.lines.join("\n")).toBe("success");
    const id = Number(outcome.steps.build?.outputs["artifact-id"]);
    expect(id).toBeGreaterThan(0);
    expect(github.artifacts?.artifacts().map((a) => a.name)).toContain("shop-2.0.0");
  });
});
