// How a bundled action fails, as the runner shows it: one error annotation and a non-zero exit,
// whatever went wrong; and, only for an error FastDeploy did not throw on purpose (a bug, a
// network failure), the stack as a debug line, for whoever re-runs with debug logging.
import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let github: LocalGitHub;
beforeAll(async () => {
  github = await startLocalGitHub();
});
afterAll(async () => {
  await github.close();
});

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

describe("a failing action", () => {
  it("logs the stack of an unexpected error as debug, under its one error", async () => {
    // A server that hangs up on every connection: each request fails below FastDeploy's own
    // code (a reset is retried as a blip, then given up on), unlike a refused connection,
    // which FastDeploy explains itself as an unreachable GitHub.
    const hangUp = createServer((socket) => socket.destroy());
    hangUp.listen(0, "127.0.0.1");
    await once(hangUp, "listening");
    const result = await github
      .run({
        action: "status",
        github: { apiUrl: `http://127.0.0.1:${(hangUp.address() as AddressInfo).port}` },
      })
      .finally(() => hangUp.close());
    expect(result.exitCode).toBe(1);
    expect(result.annotations.filter((a) => a.level === "error")).toHaveLength(1);
    expect(result.debug.join("\n")).toMatch(STACK_LINE);
  });

  it("keeps a stack out of a failure FastDeploy explains itself", async () => {
    const result = await github.run({ action: "distribute", inputs: { version: "1.0.0" } });
    expect(result.exitCode).toBe(1);
    const errors = result.annotations.filter((a) => a.level === "error");
    expect(errors.map((a) => a.message)).toEqual([expect.stringMatching(/"environment"/)]);
    expect(result.debug.join("\n")).not.toMatch(STACK_LINE);
  });
});
