// needs, job outputs, if with status functions, continue-on-error, defaults.run and env,
// through real workflow files, the real job executor and a real local GitHub.
import { describe, expect, it } from "vitest";
import {
  conclusions,
  type EngineKit,
  engineKit,
  engineKitFor,
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
  const shared = engineKitFor({ ".github/workflows/graph.yml": GRAPH });

  it("runs needs in order, passes outputs, and applies if, status functions and continue-on-error", async () => {
    const [run] = await shared.kit.engine.trigger({ name: "push", ref: "refs/heads/main" });
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
    expect(run?.jobs.find((j) => j.name === "after-broken")?.reason).toBe(
      "a job it needs did not succeed: broken (failure)",
    );
    expect(shared.kit.logOf("test").join("\n")).toContain("testing 1.2.3 hello in /tmp");
    expect(shared.kit.logOf("report").join("\n")).toContain("test=success broken=failure");
    expect(shared.kit.logOf("after-allowed").join("\n")).toContain("ran after success");
    const order = shared.kit.events.flatMap((e) => (e.type === "job-started" ? [e.job] : []));
    expect(order.indexOf("build")).toBeLessThan(order.indexOf("test"));
    // The run record answers GET …/actions/runs/{id} as a finished run.
    const response = await fetch(
      `${shared.kit.local.sandbox.apiUrl}/repos/acme/shop/actions/runs/${run?.runId}`,
      { headers: { authorization: `token ${shared.kit.local.token}` } },
    );
    expect(await response.json()).toMatchObject({
      status: "completed",
      conclusion: "failure",
      event: "push",
      head_branch: "main",
      path: ".github/workflows/graph.yml",
    });
  });

  /** A one-off workflow in its own repository, on the shared local GitHub. */
  async function withWorkflow(text: string, test: (kit: EngineKit) => Promise<void>) {
    const other = workflowRepo({ ".github/workflows/w.yml": text });
    try {
      await test(await engineKit(other, { local: shared.kit.local }));
    } finally {
      other.remove();
    }
  }

  it("passes timeout-minutes (an expression too) to the job, which is cancelled when it runs over", async () => {
    await withWorkflow(
      `
on: push
jobs:
  over:
    runs-on: ubuntu-latest
    timeout-minutes: \${{ fromJSON(vars.LIMIT) }}
    steps:
      - run: sleep 30
`,
      async (timeoutKit) => {
        shared.kit.local.sandbox.setVariable("acme/shop", "LIMIT", "0.01");
        const started = Date.now();
        const [run] = await timeoutKit.engine.trigger({ name: "push", ref: "main" });
        expect(conclusions(run as never)).toEqual({ over: "cancelled" });
        expect(timeoutKit.logOf("over").join("\n")).toContain(
          "The job has exceeded the maximum execution time of",
        );
        expect(Date.now() - started).toBeLessThan(20_000);
      },
    );
  });

  it("cancels a run when the caller's signal aborts: running steps stop, later jobs do not start", async () => {
    await withWorkflow(
      `
on: push
jobs:
  slow:
    runs-on: ubuntu-latest
    steps:
      - run: echo started; sleep 30
  later:
    needs: slow
    runs-on: ubuntu-latest
    steps:
      - run: echo never
`,
      async (cancelKit) => {
        const stop = new AbortController();
        const started = Date.now();
        const runs = cancelKit.engine.trigger({ name: "push", ref: "main", signal: stop.signal });
        while (!cancelKit.logOf("slow").includes("started"))
          await new Promise((r) => setTimeout(r, 10));
        stop.abort();
        const [run] = await runs;
        expect(run?.conclusion).toBe("cancelled");
        expect(conclusions(run as never)).toEqual({ slow: "cancelled", later: "cancelled" });
        expect(Date.now() - started).toBeLessThan(20_000);
      },
    );
  });
});
