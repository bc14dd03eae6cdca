import * as core from "@actions/core";
import { runCli } from "@fastdeploy/cli";
import { FastDeployError } from "@fastdeploy/core";
import { splitArgs } from "./fastdeploy-args.js";
import { requiredInput, tokenInput } from "./inputs.js";
import { runAction } from "./run-action.js";

/** The CLI ran and failed; it has said why on the lines above. */
class CliExitError extends FastDeployError {
  override name = "CliExitError";
}

/**
 * The root action: `uses: fastdeploy/fastdeploy@v1` with `args: status --json` runs the CLI
 * in-process with the step's token, repository and config.
 */
await runAction(async () => {
  const args = splitArgs(requiredInput("args"));
  const token = tokenInput();
  const env = {
    ...process.env,
    GITHUB_TOKEN: token,
    GITHUB_REPOSITORY: core.getInput("repository") || process.env.GITHUB_REPOSITORY || "",
  };
  const config = core.getInput("config");
  const withConfig =
    config && !args.includes("--config") && args[0] !== "help"
      ? [...args, "--config", config]
      : args;
  let stdout = "";
  let stderr = "";
  const code = await runCli(withConfig, {
    stdout: (text) => {
      stdout += text;
      process.stdout.write(text);
    },
    stderr: (text) => {
      stderr += text;
      process.stdout.write(text);
    },
    env,
    cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
  });
  core.setOutput("json", asJson(stdout));
  if (code !== 0) {
    const last = stderr.trim().split("\n").pop() ?? "";
    throw new CliExitError(
      `fastdeploy ${args[0] ?? ""} exited with code ${code}${last ? `: ${last}` : ""}`,
    );
  }
});

/** The command's JSON output when it printed JSON (--json), else its text as {"output": …}. */
function asJson(stdout: string): string {
  try {
    return JSON.stringify(JSON.parse(stdout));
  } catch {
    return JSON.stringify({ output: stdout.trimEnd() });
  }
}
