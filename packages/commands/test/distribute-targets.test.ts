import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deployTargets, formatDuration, targetResultsJson } from "../src/distribute-targets.js";
import type { Log } from "../src/ports.js";
import { runShell } from "../src/shell.js";

const cwd = mkdtempSync(join(tmpdir(), "fd-targets-"));

function memoryLog() {
  const lines: string[] = [];
  const log: Log = {
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    debug: () => {},
    group: (_t, run) => run(),
  };
  return { log, lines };
}

const env = (target: string) => ({ ...process.env, FASTDEPLOY_TARGET: target });

describe("deployTargets", () => {
  it("prefixes each line with its target when several run, and not for one", async () => {
    const many = memoryLog();
    const results = await deployTargets(
      {
        command: 'echo "hi $FASTDEPLOY_TARGET"; echo oops >&2',
        targets: ["a", "b"],
        parallel: 2,
        cwd,
        env,
        timeoutMs: 10_000,
      },
      { log: many.log, runShell },
    );
    expect(results.map((r) => [r.target, r.status, r.exitCode, r.health])).toEqual([
      ["a", "success", 0, "not_checked"],
      ["b", "success", 0, "not_checked"],
    ]);
    expect(many.lines).toEqual(
      expect.arrayContaining(["[a] hi a", "[a] oops", "[b] hi b", "[b] oops"]),
    );

    const one = memoryLog();
    await deployTargets(
      {
        command: 'echo "hi $FASTDEPLOY_TARGET"',
        targets: ["solo"],
        parallel: 4,
        cwd,
        env,
        timeoutMs: 10_000,
      },
      { log: one.log, runShell },
    );
    expect(one.lines[0]).toBe("hi solo");
  });

  it("stops starting targets after the first failure; the rest are skipped", async () => {
    const { log } = memoryLog();
    const results = await deployTargets(
      {
        command: '[ "$FASTDEPLOY_TARGET" != t2 ] || exit 3',
        targets: ["t1", "t2", "t3", "t4"],
        parallel: 1,
        cwd,
        env,
        timeoutMs: 10_000,
      },
      { log, runShell },
    );
    expect(results.map((r) => [r.target, r.status, r.exitCode])).toEqual([
      ["t1", "success", 0],
      ["t2", "failure", 3],
      ["t3", "skipped", null],
      ["t4", "skipped", null],
    ]);
    expect(results[1]!.detail).toBe("the command exited with 3");
    expect(JSON.parse(targetResultsJson(results))[2]).toEqual({
      target: "t3",
      status: "skipped",
      duration_ms: 0,
      health: "not_checked",
      exit_code: null,
      detail: "not started: another target failed",
    });
  });

  it("stops a target that runs over its timeout", async () => {
    const { log } = memoryLog();
    const [result] = await deployTargets(
      { command: "sleep 10", targets: ["slow"], parallel: 1, cwd, env, timeoutMs: 200 },
      { log, runShell },
    );
    expect(result).toMatchObject({
      status: "timed_out",
      exitCode: null,
      detail: "the command ran over 200 ms and was stopped",
    });
    expect(result!.durationMs).toBeLessThan(5_000);
  });

  it("reports a command that cannot start as a failed target", async () => {
    const { log } = memoryLog();
    const [result] = await deployTargets(
      {
        command: "true",
        targets: ["x"],
        parallel: 1,
        cwd: join(cwd, "missing"),
        env,
        timeoutMs: 1_000,
      },
      { log, runShell },
    );
    expect(result).toMatchObject({ status: "failure", exitCode: null });
    expect(result!.detail).toMatch(/the command did not start/);
  });

  it("health-checks each target at its own URL", async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? "");
      res.writeHead(req.url === "/sick/health" ? 500 : 200).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const { log } = memoryLog();
      const results = await deployTargets(
        {
          command: "true",
          targets: ["well", "sick"],
          parallel: 2,
          cwd,
          env,
          timeoutMs: 10_000,
          health: {
            url: `http://127.0.0.1:${port}/{target}/health`,
            // Long enough for a loaded machine to answer the healthy one at once.
            timeoutMs: 1_500,
            initialDelayMs: 50,
          },
        },
        { log, runShell },
      );
      expect(results.map((r) => [r.target, r.status, r.health, r.exitCode])).toEqual([
        ["well", "success", "healthy", 0],
        ["sick", "unhealthy", "unhealthy", 0],
      ]);
      expect(results[1]!.detail).toMatch(
        /health check http:\/\/127\.0\.0\.1:\d+\/sick\/health failed after \d+ attempts? \(HTTP 500\)/,
      );
      expect(seen).toContain("/well/health");
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it("marks targets cancelled when the run is cancelled", async () => {
    const controller = new AbortController();
    const { log } = memoryLog();
    setTimeout(() => controller.abort(), 100);
    const results = await deployTargets(
      {
        command: "sleep 10",
        targets: ["a", "b", "c"],
        parallel: 2,
        cwd,
        env,
        timeoutMs: 60_000,
        signal: controller.signal,
      },
      { log, runShell },
    );
    expect(results.map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(results[2]!.detail).toBe("not started: cancelled");
  });
});

describe("formatDuration", () => {
  it("reads like a person writes it", () => {
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(1_540)).toBe("1.5 s");
    expect(formatDuration(30 * 60_000)).toBe("30 min");
    expect(formatDuration(90_500)).toBe("1 min 31 s");
  });
});
