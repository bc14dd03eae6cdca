import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitArgs } from "../packages/actions/src/fastdeploy-args.js";

// A personal token passed as an input: unlike the job token, the harness does not know it is
// a secret, so only the action can keep it out of the log.
const PERSONAL_TOKEN = "ghp_personal0123456789abcdefghijklmnopqrs";

let github: LocalGitHub;
beforeAll(async () => {
  github = await startLocalGitHub({
    tokens: { "sandbox-token": "octocat", [PERSONAL_TOKEN]: "octocat" },
  });
});
afterAll(async () => {
  github.sandbox.assertNoViolations();
  await github.close();
});

describe("the root action (fastdeploy CLI in a step)", () => {
  it("runs a CLI command with the step's token and repository and returns its JSON", async () => {
    const result = await github.run({
      action: "fastdeploy",
      inputs: { args: "status --json --verbose --environments 'dev,prod'", token: PERSONAL_TOKEN },
    });
    expect(result.annotations).toEqual([]);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.outputs.json!);
    expect(json.repository).toBe("acme/shop");
    expect(Object.keys(json.environments)).toEqual(["dev", "prod"]);
    expect(json.environments.prod.version).toBeNull();
    // The token reached GitHub, was registered as a secret, and is nowhere in the log.
    expect(github.sandbox.log.count()).toBeGreaterThan(0);
    expect(result.masks).toContain(PERSONAL_TOKEN);
    expect(result.stdout + result.stderr).not.toContain(PERSONAL_TOKEN);
  });

  it("fails with one error naming the command when the CLI fails", async () => {
    const result = await github.run({ action: "fastdeploy", inputs: { args: "verify 9.9.9" } });
    expect(result.exitCode).not.toBe(0);
    const errors = result.annotations.filter((a) => a.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/fastdeploy verify exited with code 1/);
  });

  it("splits args like a shell, quotes included", () => {
    expect(splitArgs(`rollback --env prod --reason "bad deploy" --to '1.2.3'`)).toEqual([
      "rollback",
      "--env",
      "prod",
      "--reason",
      "bad deploy",
      "--to",
      "1.2.3",
    ]);
    expect(() => splitArgs('status "open')).toThrow(/unclosed/);
  });
});
