// concurrency groups across runs of one Engine: one running and one pending per group, a newer
// pending run cancels the older pending one unless `queue: max`, cancel-in-progress, and the
// same at job level.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../src/index.js";
import {
  type EngineKit,
  engineKit,
  type WorkflowRepo,
  workflowRepo,
} from "./support/engine-kit.js";

// Each run's job announces that it started, then holds until the test releases it.
const hold = (concurrency: string, level: "workflow" | "job") => `
on:
  workflow_dispatch:
    inputs:
      n: { type: string, required: true }
      dir: { type: string, required: true }
${level === "workflow" ? concurrency : ""}
jobs:
  hold:
    runs-on: ubuntu-latest
${level === "job" ? concurrency.replace(/^/gm, "    ") : ""}
    steps:
      - env:
          DIR: \${{ inputs.dir }}
          N: \${{ inputs.n }}
        run: |
          touch "$DIR/started-$N"
          while [ ! -e "$DIR/release-$N" ]; do sleep 0.02; done
`;

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("concurrency", () => {
  let repo: WorkflowRepo;
  let kit: EngineKit;
  let dir: string;
  beforeAll(async () => {
    repo = workflowRepo({
      ".github/workflows/single.yml": hold(
        `concurrency:\n  group: deploy-\${{ github.ref_name }}`,
        "workflow",
      ),
      ".github/workflows/queue.yml": hold(
        "concurrency:\n  group: queued\n  queue: max",
        "workflow",
      ),
      ".github/workflows/cancel.yml": hold(
        "concurrency:\n  group: latest\n  cancel-in-progress: true",
        "workflow",
      ),
      ".github/workflows/job-level.yml": hold("concurrency:\n  group: job-group", "job"),
      ".github/workflows/calling.yml": `
on:
  workflow_dispatch:
    inputs:
      n: { type: string, required: true }
      dir: { type: string, required: true }
jobs:
  call:
    concurrency: calling-group
    uses: ./.github/workflows/called.yml
    with:
      n: \${{ inputs.n }}
      dir: \${{ inputs.dir }}
`,
      ".github/workflows/called.yml": hold("", "workflow").replace(
        "workflow_dispatch",
        "workflow_call",
      ),
    });
    kit = await engineKit(repo);
  });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "engine-concurrency-"));
  });
  afterAll(async () => {
    await kit.close();
    repo.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (workflow: string, n: string) =>
    kit.engine
      .trigger({ name: "workflow_dispatch", ref: "main", workflow, inputs: { n, dir } })
      .then((runs) => runs[0] as RunResult);
  const started = (n: string) => existsSync(join(dir, `started-${n}`));
  const release = (n: string) => writeFileSync(join(dir, `release-${n}`), "");
  const pendingRuns = (workflow: string) =>
    kit.events.filter((e) => e.type === "run-queued" && e.workflow === workflow).length;

  it("keeps one pending run: a newer pending run cancels the older one", async () => {
    const first = start("single.yml", "s1");
    await until(() => started("s1"), "s1 to start");
    const second = start("single.yml", "s2");
    await until(() => pendingRuns(".github/workflows/single.yml") === 2, "s2 to queue");
    const queued = kit.events.filter((e) => e.type === "run-queued").at(-1);
    const response = await fetch(
      `${kit.local.sandbox.apiUrl}/repos/acme/shop/actions/runs/${queued?.runId}`,
      { headers: { authorization: `token ${kit.local.token}` } },
    );
    expect(await response.json()).toMatchObject({ status: "pending" });
    expect(kit.events).toContainEqual(
      expect.objectContaining({ type: "run-pending", runId: queued?.runId, group: "deploy-main" }),
    );
    const third = start("single.yml", "s3");
    expect((await second).conclusion).toBe("cancelled");
    expect((await second).errors[0]).toContain(
      "Canceling since a higher priority waiting request for deploy-main exists",
    );
    expect(started("s3")).toBe(false);
    release("s1");
    expect((await first).conclusion).toBe("success");
    await until(() => started("s3"), "s3 to start after s1");
    release("s3");
    expect((await third).conclusion).toBe("success");
    expect(started("s2")).toBe(false);
  });

  it("queues every pending run in order with queue: max", async () => {
    const first = start("queue.yml", "q1");
    await until(() => started("q1"), "q1 to start");
    const second = start("queue.yml", "q2");
    await until(() => pendingRuns(".github/workflows/queue.yml") === 2, "q2 to queue");
    const third = start("queue.yml", "q3");
    await until(() => pendingRuns(".github/workflows/queue.yml") === 3, "q3 to queue");
    release("q1");
    await until(() => started("q2"), "q2 to start");
    expect(started("q3")).toBe(false);
    release("q2");
    release("q3");
    expect((await Promise.all([first, second, third])).map((r) => r.conclusion)).toEqual([
      "success",
      "success",
      "success",
    ]);
  });

  it("cancels the running run with cancel-in-progress", async () => {
    const first = start("cancel.yml", "c1");
    await until(() => started("c1"), "c1 to start");
    const second = start("cancel.yml", "c2");
    expect((await first).conclusion).toBe("cancelled");
    await until(() => started("c2"), "c2 to start");
    release("c2");
    expect((await second).conclusion).toBe("success");
  });

  it("applies the same rules to a job-level group", async () => {
    const first = start("job-level.yml", "j1");
    await until(() => started("j1"), "j1 to start");
    const second = start("job-level.yml", "j2");
    await until(
      () => kit.events.some((e) => e.type === "job-pending" && e.group === "job-group"),
      "j2 to pend",
    );
    const third = start("job-level.yml", "j3");
    const cancelled = await second;
    expect(cancelled.conclusion).toBe("cancelled");
    expect(cancelled.jobs[0]?.conclusion).toBe("cancelled");
    release("j1");
    await until(() => started("j3"), "j3 to start");
    release("j3");
    expect((await first).conclusion).toBe("success");
    expect((await third).conclusion).toBe("success");
  });

  it("holds a calling job's group for the whole called workflow", async () => {
    const first = start("calling.yml", "k1");
    await until(() => started("k1"), "k1 to start");
    const second = start("calling.yml", "k2");
    await until(
      () => kit.events.some((e) => e.type === "job-pending" && e.group === "calling-group"),
      "k2 to pend",
    );
    expect(started("k2")).toBe(false);
    release("k1");
    await until(() => started("k2"), "k2 to start after k1");
    release("k2");
    expect((await first).conclusion).toBe("success");
    expect((await second).conclusion).toBe("success");
  });
});
