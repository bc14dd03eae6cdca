// needs, job outputs, if with status functions, continue-on-error, defaults.run and env,
// through real workflow files, the real job executor and a real local GitHub.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  conclusions,
  type EngineKit,
  engineKit,
  type WorkflowRepo,
  workflowRepo,
} from "./support/engine-kit.js";

const GRAPH = `
name: Graph
on: push
env:
  GREETING: hello
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      version: \${{ steps.v.outputs.version }}
    steps:
      - id: v
        run: echo "version=1.2.3" >> "$GITHUB_OUTPUT"
  test:
    needs: build
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: /tmp
    steps:
      - run: echo "testing \${{ needs.build.outputs.version }} $GREETING in $PWD"
  broken:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: exit 3
  after-broken:
    needs: broken
    runs-on: ubuntu-latest
    steps:
      - run: echo never
  report:
    needs: [test, broken]
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: echo "test=\${{ needs.test.result }} broken=\${{ needs.broken.result }}"
  on-failure:
    needs: broken
    if: failure()
    runs-on: ubuntu-latest
    steps:
      - run: echo "cleaning up"
  allowed-to-fail:
    runs-on: ubuntu-latest
    continue-on-error: true
    steps:
      - run: exit 1
  after-allowed:
    needs: allowed-to-fail
    runs-on: ubuntu-latest
    steps:
      - run: echo "ran after \${{ needs.allowed-to-fail.result }}"
`;

describe("the job graph", () => {
  let repo: WorkflowRepo;
  let kit: EngineKit;
  beforeAll(async () => {
    repo = workflowRepo({ ".github/workflows/graph.yml": GRAPH });
    kit = await engineKit(repo);
  });
  afterAll(async () => {
    await kit.close();
    repo.remove();
  });

  it("runs needs in order, passes outputs, and applies if, status functions and continue-on-error", async () => {
    const [run] = await kit.engine.trigger({ name: "push", ref: "refs/heads/main" });
    expect(run?.workflow).toBe(".github/workflows/graph.yml");
    expect(conclusions(run as never)).toEqual({
      build: "success",
      test: "success",
      broken: "failure",
      "after-broken": "skipped",
      report: "success",
      "on-failure": "success",
      "allowed-to-fail": "failure",
      "after-allowed": "success",
    });
    expect(run?.conclusion).toBe("failure");
    expect(run?.jobs.find((j) => j.name === "build")?.outputs).toEqual({ version: "1.2.3" });
    expect(kit.logOf("test").join("\n")).toContain("testing 1.2.3 hello in /tmp");
    expect(kit.logOf("report").join("\n")).toContain("test=success broken=failure");
    expect(kit.logOf("after-allowed").join("\n")).toContain("ran after success");
    const order = kit.events.flatMap((e) => (e.type === "job-started" ? [e.job] : []));
    expect(order.indexOf("build")).toBeLessThan(order.indexOf("test"));
    // The run record answers GET …/actions/runs/{id} as a finished run.
    const response = await fetch(
      `${kit.local.sandbox.apiUrl}/repos/acme/shop/actions/runs/${run?.runId}`,
      { headers: { authorization: `token ${kit.local.token}` } },
    );
    expect(await response.json()).toMatchObject({
      status: "completed",
      conclusion: "failure",
      event: "push",
      head_branch: "main",
      path: ".github/workflows/graph.yml",
    });
  });
});
