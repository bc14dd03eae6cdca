// Cancellation and timeouts: the run's signal, step timeout-minutes and job timeout-minutes
// stop the step's whole process group with SIGINT, then SIGTERM, then SIGKILL, and later
// steps run only when their `if` allows it. (Minutes can be fractions here so a test takes
// a second; GitHub's runner takes whole minutes.)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runJob } from "../../src/job/index.js";
import { actionsRoot } from "./fixture-actions.js";
import { jobRun, oneJob, parseJob } from "./support.js";

function waitForLine(lines: string[], wanted: string): Promise<void> {
  return new Promise((done) => {
    const poll = setInterval(() => {
      if (lines.includes(wanted)) {
        clearInterval(poll);
        done();
      }
    }, 20);
  });
}

describe("cancellation through the run's signal", () => {
  it("sends SIGINT to the step's process group, then runs only always() and cancelled() steps", async () => {
    const parsed = await parseJob(
      oneJob(`
      - id: long
        run: |
          trap 'echo "got SIGINT"; exit 130' INT
          echo started
          sleep 30 &
          wait
      - id: normal
        run: echo "normal ran"
      - id: cleanup
        if: always()
        run: echo "cleanup ran"
      - id: on-cancel
        if: cancelled()
        run: echo "status \${{ job.status }}"
`),
    );
    const job = jobRun(parsed);
    const running = runJob(job);
    await waitForLine(job.lines, "started");
    const cancelledAt = Date.now();
    job.cancel();
    const outcome = await running;
    expect(Date.now() - cancelledAt).toBeLessThan(5000);
    expect(job.lines).toContain("got SIGINT");
    expect(outcome.steps.long?.outcome).toBe("cancelled");
    expect(outcome.steps.normal?.outcome).toBe("skipped");
    expect(job.lines).toContain("cleanup ran");
    expect(job.lines).toContain("status cancelled");
    expect(outcome.result).toBe("cancelled");
  });

  it("follows with SIGTERM and SIGKILL when the step ignores SIGINT", async () => {
    const parsed = await parseJob(
      oneJob(`
      - id: stubborn
        run: |
          trap '' INT TERM
          echo started
          sleep 30
`),
    );
    const job = jobRun(parsed, { cancelTimeouts: { sigintMs: 200, sigtermMs: 200 } });
    const running = runJob(job);
    await waitForLine(job.lines, "started");
    const cancelledAt = Date.now();
    job.cancel();
    const outcome = await running;
    expect(Date.now() - cancelledAt).toBeLessThan(5000);
    expect(outcome.steps.stubborn?.outcome).toBe("cancelled");
  });

  it("lets a running step whose if still holds (always()) finish", async () => {
    const parsed = await parseJob(
      oneJob(`
      - id: careful
        if: always()
        run: |
          echo started
          sleep 1
          echo "finished anyway"
`),
    );
    const job = jobRun(parsed);
    const running = runJob(job);
    await waitForLine(job.lines, "started");
    job.cancel();
    const outcome = await running;
    expect(job.lines).toContain("finished anyway");
    expect(outcome.steps.careful?.outcome).toBe("success");
    expect(outcome.result).toBe("cancelled");
  });

  it("still runs an action's post (post-if: always()) after the job is cancelled", async () => {
    const parsed = await parseJob(
      oneJob(`
      - uses: fastdeploy/fastdeploy/actions/stages@v1
        with:
          who: deployer
      - run: |
          echo started
          sleep 30
`),
    );
    const job = jobRun(parsed, { actionsRoot: actionsRoot() });
    const running = runJob(job);
    await waitForLine(job.lines, "started");
    job.cancel();
    const outcome = await running;
    expect(job.lines).toContain("post deployer state=from-pre-deployer");
    expect(outcome.result).toBe("cancelled");
  });
});

describe("orphan processes", () => {
  it("terminates what the steps left running when the job ends, as the runner does", async () => {
    const parsed = await parseJob(
      oneJob(`
      - run: |
          (sleep 300 > /dev/null 2>&1 &)
          sleep 0.3 # the background shell has exec'd sleep by then
          echo left-behind
`),
    );
    const job = jobRun(parsed);
    const outcome = await runJob(job);
    expect(outcome.result).toBe("success");
    expect(job.lines).toContain("Cleaning up orphan processes");
    const line = job.lines.find((l) => /^Terminate orphan process: pid \(\d+\) \(sleep\)$/.test(l));
    expect(line, job.lines.join("\n")).toBeDefined();
    const pid = Number(/\((\d+)\)/.exec(line ?? "")?.[1]);
    await new Promise((done) => setTimeout(done, 100));
    // Gone, or a zombie waiting for whichever process adopted it to reap it.
    let state = "gone";
    try {
      state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] ?? "gone";
    } catch {}
    expect(["gone", "Z"]).toContain(state);
  });
});

describe("timeouts", () => {
  it("fails a step that runs over its timeout-minutes, with the runner's message", async () => {
    const parsed = await parseJob(
      oneJob(`
      - id: slow
        name: Slow step
        timeout-minutes: 0.01
        run: sleep 30
      - id: next
        if: always()
        run: echo "next ran"
`),
    );
    const job = jobRun(parsed);
    const outcome = await runJob(job);
    expect(outcome.steps.slow).toMatchObject({ outcome: "failure", conclusion: "failure" });
    expect(outcome.annotations.map((a) => a.message)).toContain(
      "The action 'Slow step' has timed out after 0.01 minutes.",
    );
    expect(job.lines).toContain("next ran");
    expect(outcome.result).toBe("failure");
  });

  it("cancels the job when it runs over the job's timeout-minutes", async () => {
    const parsed = await parseJob(
      oneJob(
        `
      - id: slow
        run: sleep 30
      - id: skipped
        run: echo never
      - id: always
        if: always()
        run: echo "always ran"
`,
        "    timeout-minutes: 0.02\n",
      ),
    );
    const job = jobRun(parsed);
    const outcome = await runJob(job);
    expect(outcome.result).toBe("cancelled");
    expect(outcome.steps.slow?.outcome).toBe("cancelled");
    expect(outcome.steps.skipped?.outcome).toBe("skipped");
    expect(job.lines).toContain("always ran");
    expect(outcome.annotations.map((a) => a.message)).toContain(
      "The job has exceeded the maximum execution time of 1s",
    );
  });
});
